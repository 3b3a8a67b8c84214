/** `trafficIface` (src/domain/traffic.ts): one rule for the model's traffic and the IR's. */
import { describe, expect, it } from "vitest";
import { trafficIface } from "../../src/domain/traffic.js";
import { lowerModel } from "../../src/lower/lower.js";
import { loadWorkspace } from "../../src/semantics/loader.js";
import { resolveProgram } from "../../src/semantics/resolve.js";

const SOURCE = `host h1 {
  cores = 4
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2 }
  }
  vm a { iface e0 { attach = vf(x710.pf0) } }
  vm b { iface e0 { attach = vf(x710.pf0) } }
}
traffic rx { to = h1.a.e0  rate = 1Kpps }
traffic veb { from = h1.a.e0  to = h1.b.e0  rate = 1Kpps }
traffic tx { from = h1.b.e0  to = wire  rate = 1Kpps }
`;

describe("trafficIface", () => {
  it("is the target, else (transmit) the sender, alike in the model and the IR", () => {
    const { workspace } = loadWorkspace(["<stdin>"], { stdin: SOURCE });
    const resolved = resolveProgram(workspace.programs[0]!);
    expect(resolved.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const lowered = lowerModel(resolved.model);
    if (!lowered.ok) throw new Error(lowered.errors.map((e) => e.message).join("\n"));
    const expected = ["h1.a.e0", "h1.b.e0", "h1.b.e0"];
    expect(resolved.model.traffic.map((t) => trafficIface(t))).toEqual(expected);
    expect(lowered.ir.traffic.map((t) => trafficIface(t))).toEqual(expected);
  });

  it("refuses traffic from the wire to the wire, which neither the model nor the IR holds", () => {
    expect(() => trafficIface({ from: { kind: "wire" }, to: { kind: "wire" } })).toThrow("internal: traffic from the wire to the wire");
  });
});
