import { describe, expect, it } from "vitest";
import { resolveText } from "./helpers.js";

// The model is read-only: a value that many entities hold alike (VF n, core n alone, a default traffic
// field) is one object, which the model keeps once rather than once per entity.
describe("values the model shares between entities", () => {
  const text = `host h1 {
  nic n { pf p { vfs = 4 } }
  vm a { pin = 3
    iface eth0 { attach = vf(n.p, 1) } }
}
host h2 {
  cores = 8
  nic n { pf p { vfs = 4 } }
  vm b { pin = 3
    iface eth0 { attach = vf(n.p, 1) } }
  vm c { vcpus = 1
    iface eth0 { attach = vf(n.p) } }
}
traffic t1 { to = h1.a.eth0
  rate = 1Mpps }
traffic t2 { to = h2.b.eth0
  rate = 2Mpps }
`;

  it("shares equal slots, pinnings and traffic defaults, with the values each entity would have had", () => {
    const { model, diagnostics } = resolveText(text);
    expect(diagnostics).toEqual([]);
    const [a, b, c] = model.vms;
    expect(a!.pin).toEqual({ kind: "explicit", cores: [3] });
    expect(a!.pin).toBe(b!.pin);
    expect(c!.pin).toEqual({ kind: "allocated", cores: [1], shared: false });
    const [ia, ib, ic] = model.ifaces.map((i) => i.attachment);
    expect(ia).toEqual({ kind: "vf", pf: "h1.n.p", slot: { kind: "explicit", index: 1 } });
    expect(ia!.kind === "vf" && ib!.kind === "vf" && ia!.slot === ib!.slot).toBe(true);
    // `vf(n.p)` takes the lowest VF no one reserved: 0.
    expect(ic).toEqual({ kind: "vf", pf: "h2.n.p", slot: { kind: "allocated", index: 0 } });
    const [t1, t2] = model.traffic;
    expect([t1!.from, t1!.size, t1!.pattern]).toEqual([{ kind: "wire" }, { kind: "fixed", bytes: 64 }, { kind: "constant" }]);
    expect(t1!.size).toBe(t2!.size);
    expect(t1!.rate).toEqual({ kind: "pps", pps: 1e6 });
  });
});
