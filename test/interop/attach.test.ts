/**
 * libvirt XML checked beside a `.sriov` program runs on the `.sriov` host whose PFs it names
 * (src/interop/check/attach.ts, docs/INTEROP.md "Check in place"): its VMs use that host's VF counts,
 * NUMA nodes and cores, and findings stay located in the XML.
 */
import { describe, expect, it } from "vitest";
import { checkFiles } from "../helpers/check-interop.js";

const HOST = `host kvm1 {
  cores = 8
  numa_nodes = 2
  hypervisor = kvm
  iommu = true

  nic x710 {
    model = "intel-x710"
    numa = 1

    pf ens1f0 {
      pci = 0000:3b:00.0
      speed = 10Gbps
      vfs = 2
    }
  }

  vswitch br0 {
    type = linux_bridge
  }
}
`;

const NETWORK = `<network>
  <name>sriov-ens1f0</name>
  <forward mode='hostdev' managed='yes'>
    <pf dev='ens1f0'/>
  </forward>
</network>
`;

function domain(name: string, extra = ""): string {
  return `<domain type='kvm'>
  <name>${name}</name>
  <memory unit='GiB'>2</memory>
  <vcpu>1</vcpu>
  <devices>
    <interface type='network'>
      <source network='sriov-ens1f0'/>
    </interface>${extra}
  </devices>
</domain>
`;
}

const at = (d: { rule: string; span: { file: string; line: number; column: number }; message: string }) => `${d.span.file}:${d.span.line}:${d.span.column} ${d.rule}: ${d.message}`;

describe("libvirt XML beside the .sriov host it runs on", () => {
  it("three domains on a PF that the .sriov file gives two VFs: found at the third interface", () => {
    const found = checkFiles({ "hw.sriov": HOST, "net.xml": NETWORK, "a.xml": domain("a"), "b.xml": domain("b"), "c.xml": domain("c") }).filter((d) => d.severity === "error");
    expect(found.map(at)).toEqual([
      "c.xml:7:24 vf-exhausted: no free VF left on x710.ens1f0 for c.net0: 3 interfaces ask for VFs of x710.ens1f0, but it enables 2",
    ]);
  });

  it("alone, the same XML is checked on a host of its own, which sizes the PF to fit", () => {
    const found = checkFiles({ "net.xml": NETWORK, "a.xml": domain("a"), "b.xml": domain("b"), "c.xml": domain("c") }).filter((d) => d.severity === "error");
    expect(found).toEqual([]);
  });

  it("a bridge interface uses the host's own vSwitch (no second one is declared)", () => {
    const bridge = `\n    <interface type='bridge'>\n      <source bridge='br0'/>\n    </interface>`;
    const found = checkFiles({ "hw.sriov": HOST, "net.xml": NETWORK, "a.xml": domain("a", bridge) });
    expect(found.filter((d) => d.rule === "duplicate-name" || d.severity === "error").map(at)).toEqual([]);
  });

  it("matched by PCI address through the PF's node device", () => {
    const nodedev = `<device>
  <name>pci_0000_3b_00_0</name>
  <capability type='pci'>
    <domain>0</domain>
    <bus>59</bus>
    <slot>0</slot>
    <function>0</function>
    <capability type='virt_functions' maxCount='64'>
      <address domain='0x0000' bus='0x3b' slot='0x02' function='0x0'/>
      <address domain='0x0000' bus='0x3b' slot='0x02' function='0x1'/>
    </capability>
  </capability>
</device>
`;
    const hostdev = (fn: number) => `<domain type='kvm'>
  <name>vm${fn}</name>
  <memory unit='GiB'>2</memory>
  <vcpu>1</vcpu>
  <devices>
    <interface type='hostdev' managed='yes'>
      <source>
        <address type='pci' domain='0x0000' bus='0x3b' slot='0x02' function='0x${fn}'/>
      </source>
    </interface>
    <interface type='hostdev' managed='yes'>
      <source>
        <address type='pci' domain='0x0000' bus='0x3b' slot='0x02' function='0x${fn}'/>
      </source>
    </interface>
  </devices>
</domain>
`;
    const found = checkFiles({ "hw.sriov": HOST, "pf.xml": nodedev, "vm1.xml": hostdev(1) }).filter((d) => d.severity === "error");
    expect(found.map(at)).toEqual(["vm1.xml:13:78 vf-assigned-twice: vm1.net1 attaches VF 1 of x710.ens1f0, which vm1.net0 already uses"]);
  });

  it("the VM's NUMA node is compared with the NUMA node the .sriov file gives the NIC", () => {
    const numa = `<domain type='kvm'>
  <name>dpdk</name>
  <memory unit='GiB'>2</memory>
  <vcpu>1</vcpu>
  <numatune>
    <memory mode='strict' nodeset='0'/>
  </numatune>
  <devices>
    <interface type='network'>
      <source network='sriov-ens1f0'/>
    </interface>
  </devices>
</domain>
`;
    const found = checkFiles({ "hw.sriov": HOST, "net.xml": NETWORK, "dpdk.xml": numa }).filter((d) => d.rule === "numa-mismatch");
    expect(found.map(at)).toEqual(["dpdk.xml:10:24 numa-mismatch: vm dpdk runs on NUMA node 0, but x710, the NIC of x710.ens1f0, is on node 1: every packet of net0 crosses between sockets"]);
    expect(checkFiles({ "net.xml": NETWORK, "dpdk.xml": numa }).filter((d) => d.rule === "numa-mismatch")).toEqual([]);
  });

  it("a PF no .sriov host has: the XML keeps a host of its own", () => {
    const other = NETWORK.replace("ens1f0'", "ens9f0'");
    const found = checkFiles({ "hw.sriov": HOST, "net.xml": other, "a.xml": domain("a"), "b.xml": domain("b"), "c.xml": domain("c") }).filter((d) => d.severity === "error");
    expect(found).toEqual([]);
  });
});
