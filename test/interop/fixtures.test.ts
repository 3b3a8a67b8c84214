/**
 * Real files from the wild (test/fixtures/interop/SOURCES.md) import into programs that check, and
 * `sriovc check` reads them in place with every finding located in the original file.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { importFiles } from "../../src/interop/import/index.js";
import { checkFiles } from "../helpers/check-interop.js";
import { irOfSource } from "./support.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/interop");
const read = (rel: string) => ({ path: rel, text: readFileSync(path.join(FIXTURES, rel), "utf8") });
const all = (dir: string) => readdirSync(path.join(FIXTURES, dir)).sort().map((f) => `${dir}/${f}`);
const located = (imported: { diagnostics: { rule: string; span: { file: string; line: number; column: number }; message: string }[] }) =>
  imported.diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.column} ${d.rule}: ${d.message}`);

describe("the operator's own examples", () => {
  it("basic-examples.yaml: the three `pfName` typos are found, the rest imports", () => {
    const imported = importFiles("k8s", [read("k8s/operator-docs/basic-examples.yaml")]);
    expect(located(imported).filter((l) => l.includes("unknown-field"))).toEqual([
      "k8s/operator-docs/basic-examples.yaml:11:5 unknown-field: `pfName` is not a field of a nicSelector: the API server drops it and the operator never sees it",
      "k8s/operator-docs/basic-examples.yaml:45:5 unknown-field: `pfName` is not a field of a nicSelector: the API server drops it and the operator never sees it",
      "k8s/operator-docs/basic-examples.yaml:71:5 unknown-field: `pfName` is not a field of a nicSelector: the API server drops it and the operator never sees it",
    ]);
    expect(() => irOfSource(imported.text)).not.toThrow();
  });

  it("quickstart.yaml imports and checks", () => {
    const imported = importFiles("k8s", [read("k8s/operator-docs/quickstart.yaml")]);
    expect(imported.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(() => irOfSource(imported.text)).not.toThrow();
  });
});

describe("a node-state dump pasted in an issue", () => {
  it("a kubectl List: totalvfs, Vfs and unquoted ids are read; non-SR-IOV NICs are left out", () => {
    const imported = importFiles("k8s", [read("k8s/issues/node-state-list.yaml")]);
    const ir = irOfSource(imported.text);
    expect(ir.pfs.map((pf) => `${pf.id} max=${pf.maxVfs} vfs=${pf.vfs}`)).toEqual(["worker-3.nic_5e_00.ens2f0 max=32 vfs=0", "worker-3.nic_5e_00.ens2f1 max=32 vfs=2"]);
    expect(located(imported)).toEqual([]);
    expect(ir.nics.map((n) => n.model)).toEqual(["intel-xl710"]);
  });

  it("checked in place beside a policy that asks for too many VFs", () => {
    const policy = `apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovNetworkNodePolicy\nmetadata:\n  name: p\nspec:\n  nodeSelector:\n    kubernetes.io/hostname: worker-3\n  resourceName: r\n  numVfs: 40\n  nicSelector:\n    pfNames: ["ens2f1#0-39"]\n`;
    const found = checkFiles({ "state.yaml": read("k8s/issues/node-state-list.yaml").text, "policy.yaml": policy });
    expect(found.filter((d) => d.severity === "error").map((d) => `${d.span.file}:${d.span.line}:${d.span.column} ${d.rule}`)).toEqual(["policy.yaml:9:11 policy-numvfs-exceeds-totalvfs"]);
  });
});

describe("libvirt's own test data", () => {
  it("every file imports; what has no PF to map to is said at its line", () => {
    const imported = importFiles("libvirt", all("libvirt/libvirt-tests").map(read), { host: "lab" });
    expect(located(imported)).toEqual([
      "libvirt/libvirt-tests/network-hostdev.xml:4:4 import-unmapped: hostdev network `hostdev` lists VFs by PCI address, and no node device maps them to a PF",
      "libvirt/libvirt-tests/hostdev-pci-address.xml:30:10 import-unmapped: VF 0000:06:12.5 passed through by PCI address: its PF is not known",
      "libvirt/libvirt-tests/net-hostdev.xml:28:10 import-unmapped: VF 0000:03:07.1 passed through by PCI address: its PF is not known",
    ]);
    const ir = irOfSource(imported.text);
    expect(ir.vms.map((vm) => `${vm.id} vcpus=${vm.vcpus} mem=${vm.memoryBytes}`)).toEqual(["lab.QEMUGuest2 vcpus=1 mem=224358400", "lab.QEMUGuest1 vcpus=1 mem=224395264"]);
    expect(ir.pfs.map((pf) => `${pf.id} vfs=${pf.vfs} max=${pf.maxVfs}`)).toContain("lab.nic_02_10.pci_0000_02_10_7 vfs=4 max=7");
  });

  it("sriovc check reads them in place without errors", () => {
    const files = Object.fromEntries(all("libvirt/libvirt-tests").map((f) => [path.basename(f), read(f).text]));
    expect(checkFiles(files).filter((d) => d.severity === "error")).toEqual([]);
  });
});

describe("the host: a captured sysfs tree and ip link outputs", () => {
  it("old-format ip link: configured VFs become host interfaces", () => {
    const imported = importFiles("host", [read("host/ip-link/old-format.txt")], { host: "h" });
    const ir = irOfSource(imported.text);
    expect(ir.ifaces.map((i) => `${i.id} vf=${i.attachment.kind === "vf" ? i.attachment.vf : "-"} vlan=${i.vlan} spoofchk=${i.spoofchk} trust=${i.trust} mac=${i.mac}`)).toEqual([
      "h.enp101s0f0_vf0 vf=0 vlan=10 spoofchk=false trust=false mac=" + ir.ifaces[0]!.mac,
      "h.enp101s0f0_vf3 vf=3 vlan=452 spoofchk=true trust=true mac=52:54:00:12:34:56",
    ]);
    expect(ir.pfs.map((pf) => `${pf.id} vfs=${pf.vfs} mtu=${pf.mtu}`)).toEqual(["h.nic_enp101s0f0.enp101s0f0 vfs=4 mtu=1500"]);
  });

  it("sysfs and detailed ip link together", () => {
    const imported = importFiles("host", [read("host/ip-link/iproute2-detailed.txt")], { host: "lab", sysfs: path.join(FIXTURES, "host/sysfs") });
    const ir = irOfSource(imported.text);
    expect(ir.pfs.map((pf) => `${pf.id} pci=${pf.pci} vfs=${pf.vfs} max=${pf.maxVfs} mtu=${pf.mtu} speed=${pf.speedBps}`)).toEqual(["lab.nic_3b_00.ens1f0 pci=0000:3b:00.0 vfs=4 max=64 mtu=9000 speed=10000000000"]);
    expect(ir.nics.map((n) => `${n.model} numa=${n.numa}`)).toEqual(["intel-x710 numa=1"]);
    expect(ir.ifaces.map((i) => `${i.id} rate=${i.rateLimitBps} trust=${i.trust}`)).toEqual(["lab.ens1f0_vf1 rate=null trust=false", "lab.ens1f0_vf2 rate=1000000000 trust=true"]);
  });
});
