/** The one decision of a PF's eSwitch mode (src/semantics/switchdev.ts), from the resolved model. */
import { describe, expect, it } from "vitest";
import { eswitchMode, offloadsIntoEswitch, representorVswitch, switchdevVswitch } from "../../src/semantics/switchdev.js";
import { modelOf } from "../helpers/check-source.js";

/** A host with PFs p0–p3 on `model`, and `vswitches` beside them. */
const host = (vswitches: string, model = "nvidia-cx6") =>
  modelOf(`host h1 {
  nic n {
    model = "${model}"
    pf p0 { vfs = 2 }
    pf p1 { vfs = 2 }
    pf p2 { vfs = 2 }
    pf p3 { vfs = 2 }
  }
${vswitches}
}
`);

/** Each PF's mode, by local name. */
const modes = (model: ReturnType<typeof modelOf>) => Object.fromEntries(model.pfs.map((pf) => [pf.name, eswitchMode(model, pf.id)]));

describe("a PF's eSwitch mode", () => {
  it("is switchdev exactly on the uplinks of a vSwitch that offloads: OVS, OVS-DPDK and a Linux bridge can", () => {
    const model = host(`  vswitch a { type = ovs  uplinks = [n.p0]  offload = true }
  vswitch b { type = ovs_dpdk  uplinks = [n.p1]  offload = true }
  vswitch c { type = linux_bridge  uplinks = [n.p2]  offload = true }`);
    expect(modes(model)).toEqual({ p0: "switchdev", p1: "switchdev", p2: "switchdev", p3: "legacy" });
    expect(switchdevVswitch(model, "h1.n.p1")?.id).toBe("h1.b");
    expect(switchdevVswitch(model, "h1.n.p3")).toBeUndefined();
  });

  it("is legacy on the uplink of a vSwitch without offload, and of a VMware standard switch that asks for it", () => {
    const model = host(`  vswitch a { type = ovs  uplinks = [n.p0] }
  vswitch b { type = ovs  uplinks = [n.p1]  offload = false }
  vswitch c { type = vss  uplinks = [n.p2]  offload = true }`);
    expect(modes(model)).toEqual({ p0: "legacy", p1: "legacy", p2: "legacy", p3: "legacy" });
    expect(offloadsIntoEswitch(model.lookup.vswitches.get("h1.c")!)).toBe(false);
  });

  it("follows an offloading vSwitch without uplinks nowhere, and every uplink of one that has several", () => {
    const model = host(`  vswitch a { type = ovs  uplinks = [n.p1, n.p3]  offload = true }
  vswitch b { type = ovs  offload = true }`);
    expect(modes(model)).toEqual({ p0: "legacy", p1: "switchdev", p2: "legacy", p3: "switchdev" });
  });

  it("is what the topology asks even on a NIC model without switchdev, whose VFs are then no representor ports", () => {
    // offload-unsupported is the error here; the emitters still see what the topology asks for.
    const model = host(`  vswitch a { type = ovs  uplinks = [n.p0]  offload = true }`, "intel-x710");
    expect(eswitchMode(model, "h1.n.p0")).toBe("switchdev");
    expect(representorVswitch(model, "h1.n.p0")).toBeUndefined();
    const cx6 = host(`  vswitch a { type = ovs  uplinks = [n.p0]  offload = true }`);
    expect(representorVswitch(cx6, "h1.n.p0")?.id).toBe("h1.a");
    expect(representorVswitch(cx6, "h1.n.p1")).toBeUndefined();
  });
});
