import { describe, expect, it } from "vitest";
import { importFiles } from "../../src/interop/import/index.js";
import { checkFiles, network, NODE_STATE, policy } from "../helpers/check-interop.js";

const unmapped = (files: { path: string; text: string }[], format: "k8s" | "libvirt" = "k8s") =>
  importFiles(format, files)
    .diagnostics.filter((d) => d.rule === "import-unmapped")
    .map((d) => `${d.span.file}:${d.span.line}:${d.span.column} ${d.message} | ${d.help}`);

describe("import-unmapped", () => {
  it("RDMA, switchdev and a minimum rate are said to be left out, where they are written", () => {
    const p = policy({ extra: "  isRdma: true\n  eSwitchMode: switchdev\n" });
    const n = network("  resourceName: intelnics\n  minTxRate: 10\n");
    expect(unmapped([{ path: "p.yaml", text: p }, { path: "n.yaml", text: n }])).toEqual([
      "p.yaml:14:16 `eSwitchMode: switchdev` has no `.sriov` counterpart | the PF is modelled in legacy mode: its VFs bypass the host's vSwitch",
      "p.yaml:13:11 `isRdma: true` on netdevice VFs: each VF keeps its netdevice and the pod gets its RDMA device too, for RDMA or, on a ConnectX, for DPDK on the kernel driver; the objects do not say which, and the VFs are imported as kernel interfaces | RDMA traffic is not modelled; if the pods run DPDK on these VFs, write `driver = dpdk` on their interfaces (`--emit k8s` writes such a VF back as `netdevice` with `isRdma: true`)",
      "n.yaml:7:14 `minTxRate` has no `.sriov` counterpart | a guaranteed minimum rate is not modelled; `maxTxRate` becomes `rate_limit`",
    ]);
  });

  it("libvirt: a VLAN trunk and an interface on a network that is no hostdev pool", () => {
    const domain = "<domain type='kvm'>\n  <name>a</name>\n  <devices>\n    <interface type='network'>\n      <source network='default'/>\n      <vlan trunk='yes'><tag id='1'/><tag id='2'/></vlan>\n    </interface>\n  </devices>\n</domain>\n";
    expect(unmapped([{ path: "a.xml", text: domain }], "libvirt")).toEqual([
      "a.xml:5:24 network `default` is not a hostdev or bridge network of this import | give `virsh net-dumpxml` of it; a NAT, routed or macvtap network is not modelled",
    ]);
  });

  it("check does not report it: a modelling limit is no mistake in the file", () => {
    expect(checkFiles({ "s.yaml": NODE_STATE, "p.yaml": policy({ extra: "  isRdma: true\n" }) }).filter((d) => d.rule === "import-unmapped")).toEqual([]);
  });
});
