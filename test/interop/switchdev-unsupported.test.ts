/**
 * A PF in switchdev mode on a NIC model without it: possible only with offload-unsupported turned off (or in
 * an IR file no rule checked). The emitters still write the mode the topology asks for, and say that the
 * driver refuses it.
 */
import { describe, expect, it } from "vitest";
import { emitK8s } from "../../src/interop/emit/k8s.js";
import { emitLibvirt } from "../../src/interop/emit/libvirt.js";
import { emitNetplan } from "../../src/interop/emit/netplan.js";
import { lowerModel } from "../../src/lower/lower.js";
import type { Ir } from "../../src/lower/ir.js";
import { sriovc } from "../helpers/cli.js";
import { modelOf } from "../helpers/check-source.js";
import { tempTree } from "../helpers/tmp.js";

const TOPOLOGY = `host h1 {
  nic x710 {
    model = "intel-x710"
    pf p0 { vfs = 2 }
    pf p1 { vfs = 2 }
  }
  nic cx6 {
    model = "nvidia-cx6"
    pf p0 { vfs = 2 }
  }
  vswitch br-int {
    type = ovs
    uplinks = [x710.p0, cx6.p0]
    offload = true
  }
  container pod {
    iface net1 { attach = vf(x710.p1) }
  }
}
`;

function irOf(text: string): Ir {
  const result = lowerModel(modelOf(text));
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.ir;
}

const NETPLAN = "4:5 `h1.x710.p0` is written in switchdev mode (an uplink of vSwitch `br-int`, which offloads) as `embedded-switch-mode: switchdev`, but its NIC model `intel-x710` has no switchdev mode: the driver refuses the mode, and the host fails to apply it (use a NIC model with switchdev for `x710.p0`, or set `offload = false` on `br-int` (offload-unsupported reports this, an error unless turned off))";

describe("a PF in switchdev mode whose NIC model has none", () => {
  const ir = irOf(TOPOLOGY);
  const modeWarnings = (warnings: readonly { span?: { line: number; column: number }; message: string; help: string }[]) =>
    warnings.filter((w) => w.message.includes("has no switchdev mode")).map((w) => `${w.span?.line}:${w.span?.column} ${w.message} (${w.help})`);

  it("is still written in switchdev mode (what the topology asks), with a warning at the PF; the ConnectX uplink has none", () => {
    expect(emitNetplan(ir).files[0]!.text).toContain("    x710_p0:\n      mtu: 1500\n      virtual-function-count: 2\n      embedded-switch-mode: switchdev\n");
    expect(modeWarnings(emitNetplan(ir).warnings)).toEqual([NETPLAN]);
  });

  it("is said by --emit k8s as the operator's setting, and not by libvirt, which writes no mode", () => {
    expect(modeWarnings(emitK8s(ir).warnings)).toEqual([NETPLAN.replace("`embedded-switch-mode: switchdev`", "`eSwitchMode: switchdev`")]);
    expect(modeWarnings(emitLibvirt(ir).warnings)).toEqual([]);
  });

  it("says nothing of a PF in switchdev mode without VFs, which no emitter writes", () => {
    expect(modeWarnings(emitNetplan(irOf(TOPOLOGY.replace("pf p0 { vfs = 2 }\n    pf p1", "pf p0 { vfs = 0 }\n    pf p1"))).warnings)).toEqual([]);
  });

  it("reaches the user through `compile` when offload-unsupported is turned off (an error stops it otherwise)", () => {
    const root = tempTree({ "t.sriov": TOPOLOGY, "sriovc.json": '{ "rules": { "offload-unsupported": "off" } }' });
    const out = sriovc(["compile", "t.sriov", "--emit", "netplan"], { cwd: root });
    expect(out.code).toBe(0);
    expect(out.stderr).toContain("t.sriov:4:5: warning: `h1.x710.p0` is written in switchdev mode");
    const strict = sriovc(["compile", "t.sriov", "--emit", "netplan"], { cwd: tempTree({ "t.sriov": TOPOLOGY }) });
    expect(strict.code).toBe(1);
    expect(strict.stdout + strict.stderr).toContain("offload-unsupported");
  });
});
