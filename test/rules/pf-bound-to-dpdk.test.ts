import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf } from "../helpers/check-source.js";

// A bare-metal appliance: a management interface on the port that the DPDK data plane binds to vfio-pci.
const appliance = (mgmt: string, up: string) => `host h1 {
  hypervisor = none
  nic e810 {
    model = "intel-e810"
    pf pf0 { vfs = 2 }
  }
  ${mgmt}
  ${up}
  iface v0 { attach = vf(e810.pf0) }
}
`;

describe("pf-bound-to-dpdk", () => {
  it("reports the kernel interface on a PF that another binds to vfio-pci, pointing at the DPDK one", () => {
    const text = appliance("iface mgmt { attach = pf(e810.pf0) }", "iface up0 { attach = pf(e810.pf0)  driver = dpdk }");
    expect(findingsOf("pf-bound-to-dpdk", text)).toEqual([
      {
        ...at(text, "pf(e810.pf0)"),
        message: "mgmt cannot use e810.pf0: up0 binds the PF to vfio-pci for DPDK (`driver = dpdk`), which takes the port's kernel netdev away",
        help: "give mgmt a port of its own, or let up0 bind a VF to DPDK (`attach = vf(e810.pf0)`), which leaves the PF to the kernel",
      },
    ]);
    const related = checkSource(text).find((d) => d.rule === "pf-bound-to-dpdk")!.related;
    expect(related.map((r) => [r.span.line, r.span.column, r.message])).toEqual([[at(text, "dpdk").line, at(text, "dpdk").column, "up0 binds e810.pf0 to vfio-pci here"]]);
  });

  it("names the DPDK interface even when it comes later, and reports a second DPDK binding and a VMDq pool", () => {
    const text = `host h1 {
  nic x520 {
    model = "intel-82599"
    pf pf0 {}
  }
  vm web {
    pin = 2..3
    iface pool { attach = vmdq(x520.pf0) }
  }
  iface up0 { attach = pf(x520.pf0)  driver = dpdk }
  iface up1 { attach = pf(x520.pf0)  driver = dpdk }
}
`;
    expect(findingsOf("pf-bound-to-dpdk", text).map((f) => [f.line, f.message])).toEqual([
      [at(text, "vmdq").line, "web.pool cannot use x520.pf0: up0 binds the PF to vfio-pci for DPDK (`driver = dpdk`), which takes it from the kernel driver that provides its VMDq pools"],
      [at(text, "up1").line, "up1 cannot use x520.pf0: up0 binds the PF to vfio-pci for DPDK (`driver = dpdk`), which gives the whole port to that one DPDK process"],
    ]);
  });

  it("is quiet for a DPDK VF beside a kernel PF interface, and for one DPDK PF alone", () => {
    expect(findingsOf("pf-bound-to-dpdk", appliance("iface mgmt { attach = pf(e810.pf0) }", "iface up0 { attach = vf(e810.pf0)  driver = dpdk }"))).toEqual([]);
    expect(findingsOf("pf-bound-to-dpdk", appliance("", "iface up0 { attach = pf(e810.pf0)  driver = dpdk }"))).toEqual([]);
  });

  it("leaves a ConnectX (mlx5) alone: its DPDK runs on the kernel driver, which keeps the port's netdev", () => {
    const text = appliance("iface mgmt { attach = pf(e810.pf0) }", "iface up0 { attach = pf(e810.pf0)  driver = dpdk }").replace('model = "intel-e810"', 'model = "nvidia-cx6"');
    expect(findingsOf("pf-bound-to-dpdk", text)).toEqual([]);
  });

  it("reports a kernel vSwitch's uplink on a PF that a DPDK interface takes, at the uplink", () => {
    const text = appliance("vswitch br0 { type = ovs  uplinks = [e810.pf0] }", "iface up0 { attach = pf(e810.pf0)  driver = dpdk }");
    expect(findingsOf("pf-bound-to-dpdk", text)).toEqual([
      {
        ...at(text, "e810.pf0]"),
        message: "vswitch br0 cannot use e810.pf0: up0 binds the PF to vfio-pci for DPDK (`driver = dpdk`), which takes the port's kernel netdev away",
        help: "give vswitch br0 a port of its own, or let up0 bind a VF to DPDK (`attach = vf(e810.pf0)`), which leaves the PF to the kernel",
      },
    ]);
  });

  it("takes an OVS-DPDK vSwitch's uplink as bound to vfio-pci: a kernel interface on that PF is reported, pointing at the uplink", () => {
    const text = appliance("vswitch br0 { type = ovs_dpdk  uplinks = [e810.pf0] }", "iface mgmt { attach = pf(e810.pf0) }");
    expect(findingsOf("pf-bound-to-dpdk", text)).toEqual([
      {
        ...at(text, "pf(e810.pf0)"),
        message: "mgmt cannot use e810.pf0: vswitch br0 (`type = ovs_dpdk`) binds the PF to vfio-pci for its uplink, which takes the port's kernel netdev away",
        help: "give mgmt a port of its own, or attach it to vswitch br0 (`attach = vswitch(br0)`)",
      },
    ]);
    const related = checkSource(text).find((d) => d.rule === "pf-bound-to-dpdk")!.related;
    expect(related.map((r) => [r.span.line, r.span.column, r.message])).toEqual([[at(text, "e810.pf0]").line, at(text, "e810.pf0]").column, "vswitch br0 binds e810.pf0 to vfio-pci here"]]);
    // Its uplinks are its own, and on a ConnectX nothing is taken.
    expect(findingsOf("pf-bound-to-dpdk", appliance("vswitch br0 { type = ovs_dpdk  uplinks = [e810.pf0] }", ""))).toEqual([]);
    expect(findingsOf("pf-bound-to-dpdk", text.replace('model = "intel-e810"', 'model = "nvidia-cx6"'))).toEqual([]);
  });
});
