/**
 * Lowering writes the eSwitch mode on each PF (`switchdev: true`, src/semantics/switchdev.ts decides), and
 * validation refuses an IR whose representor ports sit on a PF without it (an IR of an older sriovc).
 */
import { describe, expect, it } from "vitest";
import type { Ir } from "../../src/lower/ir.js";
import { lowerModel } from "../../src/lower/lower.js";
import { validateIr } from "../../src/lower/validate.js";
import { modelOf } from "../helpers/check-source.js";
import { fixtureIr } from "../sim/ir-fixtures.js";

/** The IR of a topology, lowered whatever the check says (a vss with offload is offload-unsupported's error). */
function lowered(text: string): Ir {
  const result = lowerModel(modelOf(text));
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.ir;
}

const TOPOLOGY = `host h1 {
  nic cx6 {
    model = "nvidia-cx6"
    pf p0 { vfs = 2 }
    pf p1 { vfs = 2 }
    pf p2 { vfs = 2 }
    pf p3 { vfs = 2 }
  }
  nic x710 {
    model = "intel-x710"
    pf p0 { vfs = 2 }
  }
  vswitch offloading { type = ovs  uplinks = [cx6.p0]  offload = true }
  vswitch plain { type = ovs  uplinks = [cx6.p1] }
  vswitch esx { type = vss  uplinks = [cx6.p2]  offload = true }
  vswitch no-switchdev { type = ovs  uplinks = [x710.p0]  offload = true }
  vm a {
    iface e0 { attach = vf(cx6.p0) }
    iface e1 { attach = vf(cx6.p1) }
    iface e2 { attach = vf(cx6.p2) }
    iface e3 { attach = vf(cx6.p3) }
    iface e4 { attach = vf(x710.p0) }
  }
}
`;

describe("lowering writes a PF's eSwitch mode", () => {
  const ir = lowered(TOPOLOGY);

  it("`switchdev: true` exactly on the uplinks of a vSwitch that offloads (not a vss), on any NIC model", () => {
    expect(ir.pfs.filter((pf) => pf.switchdev === true).map((pf) => pf.id)).toEqual(["h1.cx6.p0", "h1.x710.p0"]);
  });

  it("writes nothing on a PF in legacy mode, so the IR of a topology without offload is unchanged", () => {
    const json = JSON.parse(JSON.stringify(ir)) as { pfs: Record<string, unknown>[] };
    expect(json.pfs.map((pf) => "switchdev" in pf)).toEqual([true, false, false, false, true]);
  });

  it("makes representor ports only of the VFs of a PF in switchdev mode on a NIC model with switchdev", () => {
    expect(ir.ifaces.map((f) => `${f.id} ${f.offload?.vswitch ?? "-"}`)).toEqual(["h1.a.e0 h1.offloading", "h1.a.e1 -", "h1.a.e2 -", "h1.a.e3 -", "h1.a.e4 -"]);
  });

  it("is an IR that validates", () => {
    const validation = validateIr(JSON.parse(JSON.stringify(ir)));
    expect(validation.ok ? [] : validation.errors).toEqual([]);
  });
});

describe("IR validation refuses a representor port on a PF in legacy mode", () => {
  /** The fixture's VF as a representor port of its offloading vSwitch, on a PF without `switchdev`. */
  const withoutMode = (change: (ir: Record<string, any>) => void = () => {}): unknown => {
    const ir = structuredClone(fixtureIr({ path: "vf", offload: true })) as Record<string, any>;
    delete ir.pfs[0].switchdev;
    change(ir);
    return ir;
  };
  const errorsOf = (json: unknown) => {
    const result = validateIr(json);
    return result.ok ? [] : result.errors;
  };

  it("accepts the fixture with the mode", () => {
    expect(errorsOf(fixtureIr({ path: "vf", offload: true }))).toEqual([]);
  });

  it("names the PF and its representor port, at the PF", () => {
    expect(errorsOf(withoutMode())).toEqual([
      {
        pointer: "/pfs/0",
        message:
          "PF 'h1.x710.pf0' is not in switchdev mode (no \"switchdev\": true), but 1 interface on its VFs is a representor port (\"offload\"): 'h1.web1.eth0'; an IR written by an older sriovc leaves the mode out: compile the topology again, or add \"switchdev\": true to the PF",
      },
    ]);
  });

  it("says one error per PF, naming three of its representor ports and how many more", () => {
    const json = withoutMode((ir) => {
      const first = ir.ifaces[0];
      for (let vf = 1; vf <= 4; vf++) ir.ifaces.push({ ...structuredClone(first), id: `h1.web1.eth${vf}`, attachment: { kind: "vf", pf: "h1.x710.pf0", vf } });
    });
    expect(errorsOf(json).map((e) => `${e.pointer} ${e.message}`)).toEqual([
      "/pfs/0 PF 'h1.x710.pf0' is not in switchdev mode (no \"switchdev\": true), but 5 interfaces on its VFs are representor ports (\"offload\"): 'h1.web1.eth0', 'h1.web1.eth1', 'h1.web1.eth2' and 2 more; an IR written by an older sriovc leaves the mode out: compile the topology again, or add \"switchdev\": true to the PF",
    ]);
  });

  it("leaves a VF that is no representor port alone, on either mode", () => {
    expect(errorsOf(withoutMode((ir) => (ir.ifaces[0].offload = null)))).toEqual([]);
    expect(errorsOf(fixtureIr({ path: "vf" }))).toEqual([]);
  });

  it("takes `switchdev` only as true (absent is legacy)", () => {
    expect(errorsOf(withoutMode((ir) => (ir.pfs[0].switchdev = false)))).toEqual([{ pointer: "/pfs/0/switchdev", message: "must be equal to constant" }]);
  });
});
