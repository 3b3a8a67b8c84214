/**
 * The resolved model links entities by id; `byId` follows a link, and the rules name an entity by its id
 * inside its host. Both are what every rule reads, so they are pinned here on one small topology.
 */
import { describe, expect, it } from "vitest";
import { byId } from "../../src/semantics/model.js";
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
});
