import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf } from "../helpers/check-source.js";

const topology = (iommu: string) => `host h1 {
  ${iommu}
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2 }
  }
  vm web {
    pin = 2..3
    iface eth0 { attach = vf(x710.pf0) }
  }
  iface host0 { attach = vf(x710.pf0) }
}
`;

describe("iommu-required", () => {
  it("reports a VF passed through to a VM on a host without IOMMU", () => {
    const text = topology("iommu = false");
    expect(findingsOf("iommu-required", text)).toEqual([
      {
        ...at(text, "vf(x710.pf0)"),
        message: "web.eth0 passes a VF of x710.pf0 through to vm web, but host h1 has no IOMMU (`iommu = false`)",
        help: "set `iommu = true` on h1 (with VT-d or AMD-Vi on in the firmware), or attach with `vmdq(x710.pf0)`",
      },
    ]);
    // A VF is named by its index where the author wrote one.
    const indexed = text.replace("iface eth0 { attach = vf(x710.pf0) }", "iface eth0 { attach = vf(x710.pf0, 3) }");
    expect(findingsOf("iommu-required", indexed).map((f) => f.message)).toEqual(["web.eth0 passes VF 3 of x710.pf0 through to vm web, but host h1 has no IOMMU (`iommu = false`)"]);
    const related = checkSource(text).find((d) => d.rule === "iommu-required")!.related;
    expect(related.map((r) => [r.span.line, r.span.column, r.message])).toEqual([[at(text, "false").line, at(text, "false").column, "IOMMU turned off here"]]);
  });

  it("does not need an IOMMU for the host's own use of a VF, nor with one", () => {
    expect(findingsOf("iommu-required", topology("iommu = true"))).toEqual([]);
  });
});

describe("iommu-required for containers and vDPA", () => {
  const containers = `host h1 {
  hypervisor = none
  iommu = false
  nic e810 {
    model = "intel-e810"
    pf pf0 { vfs = 2 }
  }
  container pod { iface net1 { attach = vf(e810.pf0) } }
  container cnf { iface n3 { attach = vf(e810.pf0)  driver = dpdk } }
}
`;

  it("reports a DPDK (vfio-pci) VF in a container, at `driver`, and not a kernel VF in a container", () => {
    expect(findingsOf("iommu-required", containers)).toEqual([
      {
        ...at(containers, "dpdk"),
        message: "cnf.n3 binds a VF of e810.pf0 to vfio-pci for DPDK (`driver = dpdk`), but host h1 has no IOMMU (`iommu = false`)",
        help: "set `iommu = true` on h1 (with VT-d or AMD-Vi on in the firmware), or keep the host kernel's driver (`driver = kernel`), which needs no IOMMU",
      },
    ]);
  });

  it("reports a vDPA device of a VM on a host without IOMMU", () => {
    const text = `host h1 {
  iommu = false
  nic cx6 {
    model = "nvidia-cx6"
    pf pf0 { vfs = 2 }
  }
  vm web { iface eth0 { attach = vdpa(cx6.pf0) } }
}
`;
    expect(findingsOf("iommu-required", text).map((f) => f.message)).toEqual(["web.eth0 gives vm web a vDPA device on a VF of cx6.pf0, but host h1 has no IOMMU (`iommu = false`)"]);
  });
});

describe("iommu-required for the host's own DPDK interfaces", () => {
  // A bare-metal DPDK appliance: the host binds a VF and a whole PF to vfio-pci itself.
  const appliance = (driver: string) => `host h1 {
  hypervisor = none
  iommu = false
  nic e810 {
    model = "intel-e810"
    pf pf0 { vfs = 2 }
    pf pf1 {}
  }
  iface up0 { attach = vf(e810.pf0)  driver = ${driver} }
  iface up1 { attach = pf(e810.pf1)  driver = ${driver} }
}
`;

  it("reports a VF and a PF that the host binds to vfio-pci, at `driver`", () => {
    const text = appliance("dpdk");
    expect(findingsOf("iommu-required", text)).toEqual([
      {
        ...at(text, "dpdk"),
        message: "up0 binds a VF of e810.pf0 to vfio-pci for DPDK (`driver = dpdk`), but host h1 has no IOMMU (`iommu = false`)",
        help: "set `iommu = true` on h1 (with VT-d or AMD-Vi on in the firmware), or keep the host kernel's driver (`driver = kernel`), which needs no IOMMU",
      },
      {
        ...at(text, "dpdk", 1),
        message: "up1 binds PF e810.pf1 to vfio-pci for DPDK (`driver = dpdk`), but host h1 has no IOMMU (`iommu = false`)",
        help: "set `iommu = true` on h1 (with VT-d or AMD-Vi on in the firmware), or keep the host kernel's driver (`driver = kernel`), which needs no IOMMU",
      },
    ]);
  });

  it("is quiet for the host kernel's own driver, or with an IOMMU", () => {
    expect(findingsOf("iommu-required", appliance("kernel"))).toEqual([]);
    expect(findingsOf("iommu-required", appliance("dpdk").replace("iommu = false", "iommu = true"))).toEqual([]);
  });
});

describe("iommu-required for OVS-DPDK uplinks", () => {
  const ovsDpdk = (iommu: string, type: string) => `host h1 {
  ${iommu}
  nic x710 {
    model = "intel-x710"
    pf pf0 {}
    pf pf1 {}
  }
  vswitch br0 { type = ${type}  uplinks = [x710.pf0, x710.pf1] }
  vm web {
    pin = 2..3
    iface eth0 { attach = vswitch(br0) }
  }
}
`;

  it("reports each uplink that an ovs_dpdk vSwitch binds to vfio-pci, at the uplink", () => {
    const text = ovsDpdk("iommu = false", "ovs_dpdk");
    const help = "set `iommu = true` on h1 (with VT-d or AMD-Vi on in the firmware), or use a vSwitch on the host kernel's driver (`type = ovs`), which needs no IOMMU";
    expect(findingsOf("iommu-required", text)).toEqual([
      { ...at(text, "x710.pf0"), message: "vswitch br0 (`type = ovs_dpdk`) binds its uplink x710.pf0 to vfio-pci for DPDK, but host h1 has no IOMMU (`iommu = false`)", help },
      { ...at(text, "x710.pf1"), message: "vswitch br0 (`type = ovs_dpdk`) binds its uplink x710.pf1 to vfio-pci for DPDK, but host h1 has no IOMMU (`iommu = false`)", help },
    ]);
    const related = checkSource(text).find((d) => d.rule === "iommu-required")!.related;
    expect(related.map((r) => [r.span.line, r.span.column, r.message])).toEqual([[at(text, "false").line, at(text, "false").column, "IOMMU turned off here"]]);
  });

  it("is quiet for a kernel vSwitch, or with an IOMMU", () => {
    expect(findingsOf("iommu-required", ovsDpdk("iommu = false", "ovs"))).toEqual([]);
    expect(findingsOf("iommu-required", ovsDpdk("iommu = true", "ovs_dpdk"))).toEqual([]);
  });
});

describe("iommu-required and DPDK on a NIC whose DPDK runs on the kernel driver (mlx5)", () => {
  const text = `host h1 {
  hypervisor = none
  iommu = false
  nic cx6 {
    model = "nvidia-cx6"
    pf pf0 { vfs = 2 }
    pf pf1 {}
  }
  container cnf { iface n3 { attach = vf(cx6.pf0)  driver = dpdk } }
  iface fast { attach = pf(cx6.pf1)  driver = dpdk }
}
`;
  it("binds nothing to vfio-pci, so needs no IOMMU, for a VF or a whole PF", () => {
    expect(findingsOf("iommu-required", text)).toEqual([]);
  });

  it("still needs one for a VF passed through to a VM", () => {
    const vm = text.replace("container cnf { iface n3 { attach = vf(cx6.pf0)  driver = dpdk } }", "vm v { iface n3 { attach = vf(cx6.pf0)  driver = dpdk } }").replace("hypervisor = none\n", "");
    expect(findingsOf("iommu-required", vm).map((f) => f.message)).toEqual(["v.n3 passes a VF of cx6.pf0 through to vm v, but host h1 has no IOMMU (`iommu = false`)"]);
  });

  it("nor for an OVS-DPDK uplink on it", () => {
    const ovs = text.replace("  iface fast { attach = pf(cx6.pf1)  driver = dpdk }\n", "  vswitch br0 { type = ovs_dpdk uplinks = [cx6.pf1] }\n");
    expect(findingsOf("iommu-required", ovs)).toEqual([]);
  });
});
