/**
 * The resolved model links entities by id; `byId` follows a link, and the rules name an entity by its id
 * inside its host. Both are what every rule reads, so they are pinned here on one small topology.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byId, follower } from "../../src/semantics/model.js";
import { attachSpan, ifaceRef, pfRef, vfCall } from "../../src/rules/names.js";
import { resolveText } from "./helpers.js";

const SOURCE = `host h1 {
  cores = 8
  nic x710 { model = "intel-x710"  pf pf0 { vfs = 4 } }
  vm web { vcpus = 2  iface eth0 { attach = vf(x710.pf0, 2) } }
  iface mgmt { attach = pf(x710.pf0) }
}
`;

describe("model links", () => {
  const { model, diagnostics } = resolveText(SOURCE);

  it("follows an id to its entity, and refuses an id the model does not hold", () => {
    expect(diagnostics).toEqual([]);
    const eth0 = byId(model.lookup.ifaces, "h1.web.eth0");
    expect(eth0.attachment).toMatchObject({ kind: "vf", pf: "h1.x710.pf0", slot: { kind: "explicit", index: 2 } });
    expect(byId(model.lookup.pfs, "h1.x710.pf0").vfs).toBe(4);
    expect(() => byId(model.lookup.pfs, "h1.x710.pf9")).toThrow("internal: the model refers to 'h1.x710.pf9', which it does not hold");
  });

  it("names a PF, a VM's interface and a host's own interface as written inside the host", () => {
    const pf = byId(model.lookup.pfs, "h1.x710.pf0");
    const eth0 = byId(model.lookup.ifaces, "h1.web.eth0");
    expect(pfRef(pf)).toBe("x710.pf0");
    expect(ifaceRef(eth0)).toBe("web.eth0");
    expect(ifaceRef(byId(model.lookup.ifaces, "h1.mgmt"))).toBe("mgmt");
    if (eth0.attachment.kind !== "vf") throw new Error("eth0 is a VF interface");
    expect(vfCall(pf, eth0.attachment)).toBe("vf(x710.pf0, 2)");
    const span = attachSpan(eth0);
    expect(SOURCE.slice(span.start, span.end)).toBe("vf(x710.pf0, 2)");
  });

  it("a follower gives byId's answer for ids in any order, near its last one or far from it, and refuses the same ids", () => {
    const list = Array.from({ length: 40 }, (_, i) => ({ id: `h${i >> 2}.x710.pf${i & 3}`, n: i }));
    const map = new Map(list.map((e) => [e.id, e]));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 39 }), { maxLength: 200 }), fc.array(fc.integer({ min: -3, max: 9 }), { maxLength: 200 }), (jumps, steps) => {
        const follow = follower(list, map);
        // Mostly walks forward a few entries at a time (the rules' case), with jumps anywhere.
        let at = 0;
        const ids: string[] = [];
        for (let i = 0; i < Math.max(jumps.length, steps.length); i++) {
          at = i % 3 === 2 && i < jumps.length ? jumps[i]! : Math.min(39, Math.max(0, at + (steps[i] ?? 1)));
          ids.push(list[at]!.id);
        }
        for (const id of ids) expect(follow(id)).toBe(byId(map, id));
      }),
    );
    const follow = follower(list, map);
    expect(follow("h0.x710.pf1").n).toBe(1);
    // An id copied into a new string is found too (ids are compared by value).
    expect(follow(["h9", "x710", "pf3"].join(".")).n).toBe(39);
    expect(() => follow("h0.x710.pf9")).toThrow("internal: the model refers to 'h0.x710.pf9', which it does not hold");
  });

  it("a follower over the model's own lists gives what byId gives for every interface's links", () => {
    const pfOf = follower(model.pfs, model.lookup.pfs);
    const vmOf = follower(model.vms, model.lookup.vms);
    for (const iface of model.ifaces) {
      if (iface.attachment.kind === "vf" || iface.attachment.kind === "pf") expect(pfOf(iface.attachment.pf)).toBe(byId(model.lookup.pfs, iface.attachment.pf));
      if (iface.owner.kind === "vm") expect(vmOf(iface.owner.vm)).toBe(byId(model.lookup.vms, iface.owner.vm));
    }
  });
});
