import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf } from "../helpers/check-source.js";
import { findingsIn, network, policy } from "../helpers/check-interop.js";

const topology = (uplinks: string, iface: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 4 }
  }
  vswitch br0 {
    type = ovs
    ${uplinks}
    features = [security_groups, mirroring]
  }
  vm web {
    pin = 2..3
    iface eth0 {
      ${iface}
    }
  }
}
`;

describe("sriov-bypasses-vswitch", () => {
  it("names the lost features and the vSwitch whose uplink the VF's PF is, and suggests vmdq or the vSwitch", () => {
    const text = topology("uplinks = [x710.pf0]", "attach = vf(x710.pf0)\n      requires = [security_groups]");
    expect(findingsOf("sriov-bypasses-vswitch", text)).toEqual([
      {
        ...at(text, "vf(x710.pf0)"),
        message: "web.eth0 uses SR-IOV (`vf(x710.pf0)`), so its traffic bypasses vSwitch br0: security_groups and mirroring do not apply to it",
        help: "attach with `vmdq(x710.pf0)` or `vswitch(br0)`, which keep these features",
      },
    ]);
    const related = checkSource(text).find((d) => d.rule === "sriov-bypasses-vswitch")!.related;
    expect(related.map((r) => [r.span.line, r.span.column, r.message])).toEqual([
      [at(text, "[security_groups]").line, at(text, "[security_groups]").column, "required here"],
      [at(text, "[security_groups, mirroring]").line, at(text, "[security_groups, mirroring]").column, "features of vSwitch br0"],
    ]);
  });

  it("reports a VF on a vSwitch's uplink even when the interface requires nothing", () => {
    const text = topology("uplinks = [x710.pf0]", "attach = vf(x710.pf0)");
    expect(findingsOf("sriov-bypasses-vswitch", text).map((f) => f.message)).toEqual([
      "web.eth0 uses SR-IOV (`vf(x710.pf0)`), so its traffic bypasses vSwitch br0: security_groups and mirroring do not apply to it",
    ]);
  });

  it("quotes the attachment as written, with its VF index", () => {
    const text = topology("uplinks = [x710.pf0]", "attach = vf(x710.pf0, 3)");
    expect(findingsOf("sriov-bypasses-vswitch", text).map((f) => f.message)).toEqual([
      "web.eth0 uses SR-IOV (`vf(x710.pf0, 3)`), so its traffic bypasses vSwitch br0: security_groups and mirroring do not apply to it",
    ]);
  });

  it("reports required features when no vSwitch uplinks the PF, and suggests a vSwitch that has them", () => {
    const text = topology("", "attach = vf(x710.pf0)\n      requires = [security_groups]");
    expect(findingsOf("sriov-bypasses-vswitch", text)).toEqual([
      {
        ...at(text, "vf(x710.pf0)"),
        message: "web.eth0 uses SR-IOV (`vf(x710.pf0)`), so its traffic bypasses every vSwitch: security_groups, which it requires, does not apply to it",
        help: "attach with `vswitch(br0)`, which keeps these features",
      },
    ]);
  });

  it("is quiet for VMDq and vSwitch ports, and for a VF that needs nothing", () => {
    expect(findingsOf("sriov-bypasses-vswitch", topology("uplinks = [x710.pf0]", "attach = vmdq(x710.pf0)\n      requires = [security_groups]"))).toEqual([]);
    expect(findingsOf("sriov-bypasses-vswitch", topology("uplinks = [x710.pf0]", "attach = vswitch(br0)\n      requires = [security_groups]"))).toEqual([]);
    expect(findingsOf("sriov-bypasses-vswitch", topology("", "attach = vf(x710.pf0)"))).toEqual([]);
  });
});

describe("sriov-bypasses-vswitch on operator manifests checked beside the topology", () => {
  const hardware = `host worker-0 {
  nic x710 {
    model = "intel-x710"
    pf ens1f0 { vfs = 8 }
  }
  vswitch br0 {
    uplinks = [x710.ens1f0]
    features = [security_groups]
  }
  vm web {
    pin = 2..3
    iface eth0 {
      attach = vswitch(br0)
      requires = [security_groups]
    }
  }
}
`;
  const manifests = `${policy()}---\n${network("  resourceName: intelnics\n")}`;

  it("a SriovNetwork whose VFs come from the uplink of a vSwitch that enforces security groups", () => {
    expect(findingsIn("sriov-bypasses-vswitch", { "hw.sriov": hardware, "k8s.yaml": manifests })).toEqual([
      {
        at: "k8s.yaml:17:9",
        message: "pods on SriovNetwork `net-a` get VFs of `ens1f0` on `worker-0`, the uplink of vSwitch `br0`: their traffic bypasses its security groups",
        help: "attach these workloads through the vSwitch (a vhost or veth network), or enforce the rules in the workload",
        related: ["hw.sriov:8:17 security groups enforced here"],
      },
    ]);
  });

  it("not when the VFs are representor ports of the vSwitch on a NIC that offloads security groups; still when the NIC cannot", () => {
    const offloaded = (model: string) => hardware.replace('"intel-x710"', `"${model}"`).replace("features = [security_groups]", "features = [security_groups]\n    offload = true");
    expect(findingsIn("sriov-bypasses-vswitch", { "hw.sriov": offloaded("nvidia-cx6"), "k8s.yaml": manifests })).toEqual([]);
    // The E810 offloads no security groups (data/nics.json): its representor ports lose them as any VF does.
    expect(findingsIn("sriov-bypasses-vswitch", { "hw.sriov": offloaded("intel-e810"), "k8s.yaml": manifests }).map((f) => f.message)).toEqual([
      "pods on SriovNetwork `net-a` get VFs of `ens1f0` on `worker-0`, the uplink of vSwitch `br0`: their traffic bypasses its security groups",
    ]);
  });

  it("not when the vSwitch enforces none", () => {
    expect(findingsIn("sriov-bypasses-vswitch", { "hw.sriov": hardware.replace("features = [security_groups]", "features = [mirroring]").replace("requires = [security_groups]", ""), "k8s.yaml": manifests })).toEqual([]);
  });
});

describe("sriov-bypasses-vswitch with hardware offload (representor ports)", () => {
  const offload = (model: string, features: string, offloadOn = "true") => `host h1 {
  nic n {
    model = "${model}"
    pf pf0 { vfs = 2 }
  }
  vswitch br-int {
    uplinks = [n.pf0]
    features = [${features}]
    offload = ${offloadOn}
  }
  vm web {
    pin = 2..3
    iface eth0 {
      attach = vf(n.pf0)
      requires = [vxlan]
    }
  }
}
`;

  it("raises nothing when every feature (required or of the vSwitch) is offloaded", () => {
    expect(findingsOf("sriov-bypasses-vswitch", offload("intel-e810", "acl, vxlan"))).toEqual([]);
    expect(findingsOf("sriov-bypasses-vswitch", offload("nvidia-cx6", "security_groups, vxlan, conntrack"))).toEqual([]);
  });

  it("names only the features the NIC cannot offload", () => {
    const text = offload("intel-e810", "vxlan, conntrack, mirroring");
    expect(findingsOf("sriov-bypasses-vswitch", text)).toEqual([
      {
        ...at(text, "vf(n.pf0)"),
        message: "web.eth0 is a representor port of vSwitch br-int (hardware offload), but the intel-e810 cannot offload conntrack and mirroring: those features do not apply to it (vxlan is offloaded)",
        help: "attach with `vmdq(n.pf0)` or `vswitch(br-int)`, which keep these features, or use a NIC model that can offload them",
      },
    ]);
  });

  it("loses every feature when offload is off, as for any VF", () => {
    expect(findingsOf("sriov-bypasses-vswitch", offload("intel-e810", "acl, vxlan", "false")).map((f) => f.message)).toEqual([
      "web.eth0 uses SR-IOV (`vf(n.pf0)`), so its traffic bypasses vSwitch br-int: vxlan and acl do not apply to it",
    ]);
  });

  it("loses every feature behind a VMware standard switch with `offload = true`: its uplink stays in legacy mode, no representors", () => {
    const text = offload("intel-e810", "acl, vxlan").replace("uplinks = [n.pf0]", "type = vss\n    uplinks = [n.pf0]");
    expect(findingsOf("sriov-bypasses-vswitch", text).map((f) => f.message)).toEqual([
      "web.eth0 uses SR-IOV (`vf(n.pf0)`), so its traffic bypasses vSwitch br-int: vxlan and acl do not apply to it",
    ]);
  });
});

describe("sriov-bypasses-vswitch for a container's VF (SR-IOV CNI)", () => {
  // A pod with a VF on the uplink of br-int; a container cannot take a VMDq pool, but can take a veth into br-int.
  const worker = (offloadOn: string) => `host h1 {
  nic n {
    model = "intel-e810"
    pf pf0 { vfs = 2 }
  }
  vswitch br-int {
    uplinks = [n.pf0]
    features = [vxlan, conntrack]
    offload = ${offloadOn}
  }
  container pod {
    pin = [2]
    iface net1 { attach = vf(n.pf0) }
  }
}
`;

  it("on a representor port, offers the vSwitch (a veth), never a VMDq pool", () => {
    const text = worker("true");
    expect(findingsOf("sriov-bypasses-vswitch", text)).toEqual([
      {
        ...at(text, "vf(n.pf0)"),
        message: "pod.net1 is a representor port of vSwitch br-int (hardware offload), but the intel-e810 cannot offload conntrack: that feature does not apply to it (vxlan is offloaded)",
        help: "attach with `vswitch(br-int)` (a veth into the vSwitch), which keeps these features, or use a NIC model that can offload them",
      },
    ]);
  });

  it("without offload, offers the vSwitch the container can join", () => {
    const text = worker("false");
    expect(findingsOf("sriov-bypasses-vswitch", text)).toEqual([
      {
        ...at(text, "vf(n.pf0)"),
        message: "pod.net1 uses SR-IOV (`vf(n.pf0)`), so its traffic bypasses vSwitch br-int: vxlan and conntrack do not apply to it",
        help: "attach with `vswitch(br-int)`, which keeps these features",
      },
    ]);
    // Attached as suggested, nothing is bypassed.
    expect(findingsOf("sriov-bypasses-vswitch", text.replace("vf(n.pf0)", "vswitch(br-int)"))).toEqual([]);
  });

  it("with no accepted path left, does not tell a container to free a VMDq pool", () => {
    // A written MTU above br-int's uplink rules the veth out.
    const text = worker("false").replace("pf pf0 { vfs = 2 }", "pf pf0 {\n      vfs = 2\n      mtu = 1500\n    }").replace("iface net1 { attach = vf(n.pf0) }", "iface net1 {\n      attach = vf(n.pf0)\n      mtu = 9000\n    }");
    expect(findingsOf("sriov-bypasses-vswitch", text).map((f) => f.help)).toEqual([
      "no other data path here keeps vxlan and conntrack without raising another finding: add a vSwitch that has them",
    ]);
  });
});

describe("sriov-bypasses-vswitch on the interfaces of replicated VMs", () => {
  // One finding for the copies (diagnostics/group.ts): what applies to each applies to them all.
  const copies = (vswitch: string, iface: string) => `host h1 {
  nic n {
    model = "intel-e810"
    pf pf0 { vfs = 4 }
    pf pf1 {}
  }
  vswitch br0 {
    ${vswitch}
  }
  vm web[1..3] {
    vcpus = 1
    iface eth0 {
      attach = vf(n.pf0)
      ${iface}
    }
  }
}
`;

  it("bypassing the vSwitch of their PF: the features do not apply to them", () => {
    const text = copies("uplinks = [n.pf0]\n    features = [security_groups]", "");
    expect(findingsOf("sriov-bypasses-vswitch", text).map((f) => f.message)).toEqual([
      "web1..web3.eth0 use SR-IOV (`vf(n.pf0)`), so their traffic bypasses vSwitch br0: security_groups does not apply to them",
    ]);
  });

  it("bypassing every vSwitch: the features they require do not apply to them", () => {
    const text = copies("uplinks = [n.pf1]", "requires = [security_groups]");
    expect(findingsOf("sriov-bypasses-vswitch", text).map((f) => f.message)).toEqual([
      "web1..web3.eth0 use SR-IOV (`vf(n.pf0)`), so their traffic bypasses every vSwitch: security_groups, which they require, does not apply to them",
    ]);
  });

  it("on representor ports: the features the NIC cannot offload do not apply to them", () => {
    const text = copies("uplinks = [n.pf0]\n    features = [vxlan, conntrack]\n    offload = true", "");
    expect(findingsOf("sriov-bypasses-vswitch", text).map((f) => f.message)).toEqual([
      "web1..web3.eth0 are representor ports of vSwitch br0 (hardware offload), but the intel-e810 cannot offload conntrack: that feature does not apply to them (vxlan is offloaded)",
    ]);
  });
});
