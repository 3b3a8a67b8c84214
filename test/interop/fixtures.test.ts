/**
 * Real files from the wild (test/fixtures/interop/SOURCES.md) import into programs that check, and
 * `sriovc check` reads them in place with every finding located in the original file.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { emitK8s } from "../../src/interop/emit/k8s.js";
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

  it("ovs-hw-offload.yaml (doc/ovs-hw-offload.md): the OVSNetwork on the policy's VFs is said to be left out, not skipped without a word", () => {
    const imported = importFiles("k8s", [read("k8s/operator-docs/ovs-hw-offload.yaml")]);
    expect(located(imported).filter((l) => l.includes("OVSNetwork"))).toEqual([
      "k8s/operator-docs/ovs-hw-offload.yaml:66:9 import-unmapped: OVSNetwork `ovs` on resource `switchdev` is not imported: VFs in switchdev mode behind Open vSwitch (hardware offload, the ovs CNI) are not modelled",
    ]);
    expect(located(imported).filter((l) => l.includes("spec.interfaces"))).toEqual([
      "k8s/operator-docs/ovs-hw-offload.yaml:39:3 import-unmapped: the node state of `node-a` has no `status.interfaces` (what the node reports): its `spec.interfaces` (what the operator is asked to set) are not an inventory, and no PF of the node is imported",
    ]);
    expect(imported.diagnostics.find((d) => d.message.includes("spec.interfaces"))?.help).toBe("give the state as the node reports it, with its `status`: kubectl get sriovnetworknodestates node-a -o yaml");
    expect(imported.diagnostics.find((d) => d.message.startsWith("OVSNetwork"))?.help).toBe(
      "its VFs are imported without interfaces; to model the pods' ports, write them on a `vswitch` with `offload = true` and the PF as its uplink",
    );
  });

  it("api-node-policies.yaml (doc/api/node-policies-api.md): its node state without a name is read as node `node`, said once; the webhook-refused resource names are found", () => {
    const found = checkFiles({ "policies.yaml": read("k8s/operator-docs/api-node-policies.yaml").text });
    const at = (d: { rule: string; span: { line: number; column: number }; message: string }) => `${d.span.line}:${d.span.column} ${d.rule}: ${d.message}`;
    expect(found.filter((d) => d.rule === "import-unmapped" || d.rule === "invalid-field-value").map(at)).toEqual([
      "20:1 import-unmapped: a SriovNetworkNodeState without `metadata.name`, which names its node: read as the state of a node named `node`",
      "74:17 invalid-field-value: resource name `intel-vf` has characters the operator's webhook refuses: only letters, digits and `_`",
      "88:17 invalid-field-value: resource name `external-intelnics` has characters the operator's webhook refuses: only letters, digits and `_`",
      "117:17 invalid-field-value: resource name `switchdev-nics` has characters the operator's webhook refuses: only letters, digits and `_`",
    ]);
    // Findings on that node named it `` before.
    expect(found.filter((d) => d.message.includes("``"))).toEqual([]);
    expect(found.find((d) => d.rule === "policy-vf-overlap")?.message).toBe("SriovNetworkNodePolicy `policy-with-altname-vf-range` claims VFs 0–3 of `ens803f1` on node `node`, which `policy-using-altname` claims too");
  });

  it("api-sriov-network.yaml (doc/api/sriov-network-api.md): `metaPluginsConfig` is the CRD's `metaPlugins`; its ipam blocks are JSON the operator renders", () => {
    const imported = importFiles("k8s", [read("k8s/operator-docs/api-sriov-network.yaml")]);
    expect(imported.diagnostics.filter((d) => d.rule === "unknown-field").map((d) => `${d.span.line}:${d.span.column} ${d.help}`)).toEqual(["40:3 did you mean `metaPlugins`?", "66:3 did you mean `metaPlugins`?"]);
    expect(imported.diagnostics.filter((d) => d.rule === "invalid-field-value")).toEqual([]);
  });

  it("quickstart.yaml imports and checks", () => {
    const imported = importFiles("k8s", [read("k8s/operator-docs/quickstart.yaml")]);
    expect(imported.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(() => irOfSource(imported.text)).not.toThrow();
  });
});

describe("node-state dumps pasted in the operator's issues (k8s/issues, SOURCES.md)", () => {
  const at = (d: { rule: string; span: { file: string; line: number; column: number }; message: string; help?: string | undefined }) => `${d.span.file}:${d.span.line}:${d.span.column} ${d.rule}: ${d.message}`;

  it("a kubectl List (openshift/sriov-network-operator#132): unindented lists, totalvfs, Vfs without vfID, unquoted 154c; tg3 NICs are left out", () => {
    const imported = importFiles("k8s", [read("k8s/issues/openshift-sriov-132-node-states.yaml")]);
    const ir = irOfSource(imported.text);
    expect(ir.pfs.map((pf) => `${pf.id} pci=${pf.pci} max=${pf.maxVfs} vfs=${pf.vfs} mtu=${pf.mtu}`)).toEqual([
      "worker-3.nic_5e_00.ens3f0 pci=0000:5e:00.0 max=32 vfs=0 mtu=1500",
      "worker-3.nic_5e_00.ens3f1 pci=0000:5e:00.1 max=32 vfs=4 mtu=1500",
      "worker-3.nic_5e_00.ens3f2 pci=0000:5e:00.2 max=32 vfs=0 mtu=1500",
      "worker-3.nic_5e_00.ens3f3 pci=0000:5e:00.3 max=32 vfs=0 mtu=1500",
    ]);
    // Four PFs of 8086:1584 on one device: the XL710 QSFP+ in 4 x 10 GbE mode (32 VFs per PF, as the dump says).
    expect(located(imported)).toEqual([]);
    expect(ir.nics.map((n) => n.model)).toEqual(["intel-xl710-4x10g"]);
    expect(imported.text).toContain("4 PFs of 8086:1584 on one device: intel-xl710-4x10g, not the 2-port intel-xl710");
  });

  it("checked in place with the policy of the same thread: its deviceID 1583 selects nothing, the nodes list 1584", () => {
    const found = checkFiles({ "states.yaml": read("k8s/issues/openshift-sriov-132-node-states.yaml").text, "policy.yaml": read("k8s/issues/openshift-sriov-132-policy.yaml").text });
    expect(found.map(at)).toEqual(["policy.yaml:14:3 policy-selects-no-pf: this nicSelector selects no interface of any node given (`worker-3`)"]);
    expect(found[0]!.related.map((r) => `${r.span.line}:${r.span.column} ${r.message}`)).toEqual(["19:3 nodes chosen by label (feature.node.kubernetes.io/network-sriov.capable: true)"]);
  });

  it("checked in place beside a policy that asks for too many VFs", () => {
    const policy = `apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovNetworkNodePolicy\nmetadata:\n  name: p\nspec:\n  nodeSelector:\n    kubernetes.io/hostname: worker-3\n  resourceName: r\n  numVfs: 40\n  nicSelector:\n    pfNames: ["ens3f1#0-39"]\n`;
    const found = checkFiles({ "state.yaml": read("k8s/issues/openshift-sriov-132-node-states.yaml").text, "policy.yaml": policy });
    expect(found.filter((d) => d.severity === "error").map(at)).toEqual(["policy.yaml:9:11 policy-numvfs-exceeds-totalvfs: `numVfs: 40` is more VFs than `ens3f1` on node `worker-3` supports: its totalvfs (32)"]);
  });

  it("the same thread as pasted, shell prompts and all: each prompt line is named, nothing is read", () => {
    const imported = importFiles("k8s", [read("k8s/issues/openshift-sriov-132-as-pasted.yaml")]);
    expect(imported.diagnostics.map((d) => `${at(d)} | ${d.help}`)).toEqual([
      "k8s/issues/openshift-sriov-132-as-pasted.yaml:1:1 input-syntax: `root@worker-3:~# kubectl get SriovNetworkNodePolicy polic…` is a shell prompt and command pasted with the output, not YAML | keep only what the command printed: delete this line (separate objects with `---`)",
      "k8s/issues/openshift-sriov-132-as-pasted.yaml:20:1 input-syntax: `root@worker-3:~# kubectl get SriovNetworkNodeState -n ope…` is a shell prompt and command pasted with the output, not YAML | keep only what the command printed: delete this line (separate objects with `---`)",
    ]);
    expect(imported.diagnostics[0]!.span.end - imported.diagnostics[0]!.span.start).toBe(107);
  });

  it("a node state with no interfaces and the shell's `$` after it (openshift/sriov-network-operator#747)", () => {
    const imported = importFiles("k8s", [read("k8s/issues/openshift-sriov-747-no-interfaces.yaml")]);
    expect(located(imported)).toEqual(["k8s/issues/openshift-sriov-747-no-interfaces.yaml:21:1 input-syntax: `$` is a shell prompt pasted with the output, not YAML"]);
    const without = read("k8s/issues/openshift-sriov-747-no-interfaces.yaml").text.replace(/\$\n$/, "");
    const clean = importFiles("k8s", [{ path: "s.yaml", text: without }]);
    expect(clean.diagnostics).toEqual([]);
    expect(clean.text).toContain("host worker-application-pool-0 {");
    expect(irOfSource(clean.text).pfs).toEqual([]);
  });

  it("`yq .status.interfaces` output (k8snetworkplumbingwg/sriov-network-operator#342): a bare list of interfaces, yq's indented Vfs", () => {
    const imported = importFiles("k8s", [read("k8s/issues/sriov-network-operator-342-interfaces.yaml")]);
    expect(located(imported)).toEqual([
      "k8s/issues/sriov-network-operator-342-interfaces.yaml:1:3 import-unmapped: a list of node-state interfaces without the SriovNetworkNodeState around it: read as the interfaces of a node named `node`",
    ]);
    const ir = irOfSource(imported.text);
    expect(ir.nics.map((n) => n.model)).toEqual(["intel-i350"]);
    expect(ir.pfs.map((pf) => `${pf.id} max=${pf.maxVfs} vfs=${pf.vfs}`)).toEqual(["node.nic_02_00.eno1 max=7 vfs=0", "node.nic_02_00.eno2 max=7 vfs=0", "node.nic_02_00.eno3 max=7 vfs=0", "node.nic_02_00.eno4 max=7 vfs=2"]);
  });

  it("a fragment cut out after `...` (k8snetworkplumbingwg/sriov-network-operator#329): one located error with what to paste instead", () => {
    const imported = importFiles("k8s", [read("k8s/issues/sriov-network-operator-329-excerpt.yaml")]);
    expect(imported.diagnostics.map((d) => `${at(d)} | ${d.help}`)).toEqual([
      "k8s/issues/sriov-network-operator-329-excerpt.yaml:36:3 input-syntax: YAML: Unexpected scalar at node end | the text starts indented, inside an object: paste the whole output, from its first line (`apiVersion:` or `- `)",
    ]);
  });

  it("GKE's API group, a dotted node name, spec.interfaces beside status (k8snetworkplumbingwg/sriov-network-operator#520)", () => {
    const imported = importFiles("k8s", [read("k8s/issues/sriov-network-operator-520-gke.yaml")]);
    expect(located(imported)).toEqual([]);
    const ir = irOfSource(imported.text);
    expect(ir.nics.map((n) => n.model)).toEqual(["intel-e823c", "intel-x710"]);
    expect(ir.pfs.map((pf) => `${pf.id} pci=${pf.pci} max=${pf.maxVfs} vfs=${pf.vfs} speed=${pf.speedBps}`)).toEqual([
      "edge-host02_example_net.nic_89_00.eno1 pci=0000:89:00.3 max=64 vfs=2 speed=10000000000",
      "edge-host02_example_net.nic_91_00.enp145s0f0 pci=0000:91:00.0 max=64 vfs=2 speed=10000000000",
    ]);
    // The node's name, which the host's cannot be, is kept as `node`: emitting selects that node again.
    expect(imported.text).toContain('host edge-host02_example_net {\n  node = "edge-host02.example.net"\n');
    expect(ir.hosts.map((h) => h.node)).toEqual(["edge-host02.example.net"]);
    const emitted = emitK8s(ir);
    expect([...emitted.files[0]!.text.matchAll(/kubernetes\.io\/hostname: (.*)/g)].map((m) => m[1])).toEqual(["edge-host02.example.net", "edge-host02.example.net"]);
    expect(emitted.warnings.filter((w) => w.message.includes("node"))).toEqual([]);
    expect(checkFiles({ "gke.yaml": read("k8s/issues/sriov-network-operator-520-gke.yaml").text }).filter((d) => d.severity === "error")).toEqual([]);
  });

  it("a dump whose indentation GitHub flattened (k8snetworkplumbingwg/sriov-network-operator#501): duplicate keys, each located, with the cause", () => {
    const imported = importFiles("k8s", [read("k8s/issues/sriov-network-operator-501-flattened.yaml")]);
    expect(located(imported)).toEqual([10, 13, 14, 17, 22, 27].map((line) => `k8s/issues/sriov-network-operator-501-flattened.yaml:${line}:1 input-syntax: YAML: Map keys must be unique`));
    expect(new Set(imported.diagnostics.map((d) => d.help))).toEqual(new Set(["every line starts at column 0: the indentation was lost (GitHub shows YAML pasted outside a ``` block flat); copy the output again"]));
  });

  it("one node state with annotations and unquoted ids (k8snetworkplumbingwg/sriov-network-operator#672)", () => {
    const imported = importFiles("k8s", [read("k8s/issues/sriov-network-operator-672-node-state.yaml")]);
    expect(located(imported)).toEqual([]);
    const ir = irOfSource(imported.text);
    expect(ir.nics.map((n) => n.model)).toEqual(["intel-xxv710"]);
    expect(ir.pfs.map((pf) => `${pf.id} pci=${pf.pci} max=${pf.maxVfs} speed=${pf.speedBps}`)).toEqual([
      "worker-7_example_com.nic_3b_00.ens1f0 pci=0000:3b:00.0 max=64 speed=25000000000",
      "worker-7_example_com.nic_3b_00.ens1f1 pci=0000:3b:00.1 max=64 speed=25000000000",
    ]);
  });

  it("`kubectl describe` output (k8snetworkplumbingwg/sriov-network-operator#1046) is named as such", () => {
    const imported = importFiles("k8s", [read("k8s/issues/sriov-network-operator-1046-describe.yaml")]);
    expect(imported.diagnostics.map((d) => `${at(d)} | ${d.help}`)).toEqual([
      "k8s/issues/sriov-network-operator-1046-describe.yaml:1:1 input-syntax: this is `kubectl describe` output of a SriovNetworkNodeState, not YAML: its lists lose their items | give `kubectl get sriovnetworknodestates NAME -o yaml` instead",
    ]);
  });
});

describe("the device plugin's config.json as users deploy it (k8s/issues, SOURCES.md)", () => {
  it("the plugin's first format (its deployments/kernel-net-demo): selectors beside `resourceName` are said to be ignored there", () => {
    const imported = importFiles("k8s", [read("k8s/device-plugin/kernel-net-demo-config-node1.yaml")]);
    expect(imported.diagnostics.filter((d) => d.rule === "unknown-field").map((d) => `${d.span.line}:${d.span.column} ${d.message} | ${d.help}`)).toEqual([
      "13:17 `rootDevices` is a selector, not a field of a device plugin resource: the device plugin ignores it here | move it into the resource's `selectors` (`\"selectors\": {\"rootDevices\": …}`)",
      "14:17 `sriovMode` is not a field of a device plugin resource: the device plugin ignores it | a device plugin resource takes `resourceName`, `resourcePrefix`, `deviceType`, `excludeTopology`, `selectors`, `additionalInfo`",
      "19:17 `rootDevices` is a selector, not a field of a device plugin resource: the device plugin ignores it here | move it into the resource's `selectors` (`\"selectors\": {\"rootDevices\": …}`)",
      "20:17 `sriovMode` is not a field of a device plugin resource: the device plugin ignores it | a device plugin resource takes `resourceName`, `resourcePrefix`, `deviceType`, `excludeTopology`, `selectors`, `additionalInfo`",
    ]);
  });

  it("inside a ConfigMap (k8snetworkplumbingwg/sriov-network-device-plugin#567): read where it stands, findings at the JSON's own lines", () => {
    const imported = importFiles("k8s", [read("k8s/issues/sriov-network-device-plugin-567-configmap.yaml")]);
    expect(located(imported)).toEqual([
      "k8s/issues/sriov-network-device-plugin-567-configmap.yaml:11:27 import-unmapped: device plugin resource `intel_sriov_netdevice` names no PF in `pfNames` or `rootDevices`: sriovc imports a device plugin pool only from the PFs they name, and imports no VF of it",
      "k8s/issues/sriov-network-device-plugin-567-configmap.yaml:23:25 import-unmapped: `eno16595` takes every VF of eno16595, and config.json does not say how many there are: no VF of it is imported for `intel_sriov_dpdk`",
      "k8s/issues/sriov-network-device-plugin-567-configmap.yaml:23:37 import-unmapped: `eno17105` takes every VF of eno17105, and config.json does not say how many there are: no VF of it is imported for `intel_sriov_dpdk`",
      "k8s/issues/sriov-network-device-plugin-567-configmap.yaml:23:49 import-unmapped: `enp160s0f1` takes every VF of enp160s0f1, and config.json does not say how many there are: no VF of it is imported for `intel_sriov_dpdk`",
      "k8s/issues/sriov-network-device-plugin-567-configmap.yaml:23:63 import-unmapped: `enp13s0f0` takes every VF of enp13s0f0, and config.json does not say how many there are: no VF of it is imported for `intel_sriov_dpdk`",
      "k8s/issues/sriov-network-device-plugin-567-configmap.yaml:27:27 import-unmapped: device plugin resource `mlnx_sriov_rdma` names no PF in `pfNames` or `rootDevices`: sriovc imports a device plugin pool only from the PFs they name, and imports no VF of it",
    ]);
    expect(irOfSource(imported.text).pfs.map((pf) => pf.id)).toEqual(["node.nic_eno16595.eno16595", "node.nic_eno17105.eno17105", "node.nic_enp160s0f1.enp160s0f1", "node.nic_enp13s0f0.enp13s0f0"]);
  });

  it("a misspelt selector inside the ConfigMap is found at its line in the YAML file", () => {
    const text = read("k8s/issues/sriov-network-device-plugin-567-configmap.yaml").text.replace('"drivers": ["mlx5_ib"]', '"driver": ["mlx5_ib"]');
    const imported = importFiles("k8s", [{ path: "cm.yaml", text }]);
    expect(imported.diagnostics.filter((d) => d.rule === "unknown-field").map((d) => `${d.span.line}:${d.span.column} ${d.message} | ${d.help}`)).toEqual([
      "31:13 `driver` is not a field of a device plugin selector: the device plugin ignores it | did you mean `drivers`?",
    ]);
  });

  it("a config.json pasted cut in the middle of a string: errors located inside the file, at its end", () => {
    const text = read("k8s/issues/sriov-network-device-plugin-184-config.json").text;
    const cut = text.slice(0, text.indexOf("intel_sriov_hostdevice") + 10);
    const imported = importFiles("k8s", [{ path: "config.json", text: cut }]);
    expect(imported.diagnostics.length).toBeGreaterThan(0);
    for (const d of imported.diagnostics) {
      expect(d.rule).toBe("input-syntax");
      expect(d.span.end).toBeLessThanOrEqual(cut.length);
    }
    // Line 20 is `"resourceName": "intel_sriov_hos`, cut at its 40th column: the end of the text.
    expect(imported.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.span.start === cut.length}`)).toEqual(["20:40 true"]);
  });

  it("config.json with ranges: one pool per range; a whole PF takes the VFs its node state lists (sriov-network-device-plugin#184)", () => {
    const json = read("k8s/issues/sriov-network-device-plugin-184-config.json");
    const ranged = { path: json.path, text: json.text.replace('"pfNames": ["ens3f1"]', '"pfNames": ["ens3f1#0-1"]') };
    const imported = importFiles("k8s", [ranged, read("k8s/issues/openshift-sriov-132-node-states.yaml")]);
    expect(located(imported)).toEqual([
      "k8s/issues/sriov-network-device-plugin-184-config.json:3:29 import-unmapped: device plugin resource `intel_sriov_netdevice` names no PF in `pfNames` or `rootDevices`: sriovc imports a device plugin pool only from the PFs they name, and imports no VF of it",
      "k8s/issues/sriov-network-device-plugin-184-config.json:24:29 import-unmapped: `ens3f2` takes every VF of ens3f2, and the node state of `worker-3` lists none (no numVfs, totalvfs 32): `intel_sriov_hostdevice` gets no VF of it",
      "k8s/issues/sriov-network-device-plugin-184-config.json:32:29 import-unmapped: `ens3f3` takes every VF of ens3f3, and the node state of `worker-3` lists none (no numVfs, totalvfs 32): `intel_sriov_dpdk_uio_device` gets no VF of it",
    ]);
  });

  it("config.json as pasted, with the node states: `ens3f1` (no range) takes the 4 VFs its node state lists, and a network on the resource gets all four", () => {
    const network = `apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovNetwork\nmetadata:\n  name: dpdk\nspec:\n  resourceName: intel_sriov_dpdk_vfio_device\n  vlan: 20\n`;
    const files = [read("k8s/issues/sriov-network-device-plugin-184-config.json"), read("k8s/issues/openshift-sriov-132-node-states.yaml"), { path: "net.yaml", text: network }];
    const imported = importFiles("k8s", files);
    expect(located(imported).filter((l) => l.includes("ens3f1"))).toEqual([]);
    const ir = irOfSource(imported.text);
    expect(ir.ifaces.map((i) => `${i.attachment.kind === "vf" ? `${i.attachment.pf} vf${i.attachment.vf}` : i.attachment.kind} vlan=${i.vlan}`)).toEqual(
      [0, 1, 2, 3].map((n) => `worker-3.nic_5e_00.ens3f1 vf${n} vlan=20`),
    );
    expect(imported.text).toContain("every VF of ens3f1: the 4 its node state lists (k8s/issues/openshift-sriov-132-node-states.yaml:76)");
  });

  it("config.json without a node state: a whole PF is still only a warning, with the node state as the way out", () => {
    const imported = importFiles("k8s", [read("k8s/issues/sriov-network-device-plugin-184-config.json")]);
    const ens3f1 = imported.diagnostics.filter((d) => d.message.startsWith("`ens3f1`"));
    expect(ens3f1.map((d) => `${d.span.line}:${d.span.column} ${d.message} | ${d.help}`)).toEqual([
      "16:29 `ens3f1` takes every VF of ens3f1, and config.json does not say how many there are: no VF of it is imported for `intel_sriov_dpdk_vfio_device` | write the range the resource takes (`ens3f1#0-7`), or give the node's SriovNetworkNodeState",
    ]);
  });
});

describe("libvirt's own test data", () => {
  it("every file imports; what has no PF to map to is said at its line", () => {
    const imported = importFiles("libvirt", all("libvirt/libvirt-tests").map(read), { host: "lab" });
    expect(located(imported)).toEqual([
      // Unrelated test files: nothing given ties eth2 to the PCI node device among them.
      "libvirt/libvirt-tests/network-hostdev-pf-driver-model.xml:6:14 import-unmapped: hostdev network `hostdev`'s PF `eth2` is tied to none of the PCI node devices given (they do not name their interfaces): it is imported as a PF of its own, one VF per interface that uses it",
      // The network's <driver>, for every interface on it: a VFIO variant driver, which `.sriov` has not.
      "libvirt/libvirt-tests/network-hostdev-pf-driver-model.xml:5:6 import-unmapped: <driver> settings without a `.sriov` form are left out: model='vfio-pci-igb'",
      "libvirt/libvirt-tests/network-hostdev.xml:4:4 import-unmapped: hostdev network `hostdev` lists VFs by PCI address, and no node device maps them to a PF",
      "libvirt/libvirt-tests/hostdev-pci-address.xml:30:10 import-unmapped: VF 0000:06:12.5 passed through by PCI address: its PF is not known",
      "libvirt/libvirt-tests/net-hostdev.xml:28:10 import-unmapped: VF 0000:03:07.1 passed through by PCI address: its PF is not known",
    ]);
    const ir = irOfSource(imported.text);
    expect(ir.vms.map((vm) => `${vm.id} vcpus=${vm.vcpus} mem=${vm.memoryBytes}`)).toEqual(["lab.QEMUGuest2 vcpus=1 mem=224358400", "lab.QEMUGuest1 vcpus=1 mem=224395264"]);
    expect(ir.pfs.map((pf) => `${pf.id} vfs=${pf.vfs} max=${pf.maxVfs}`)).toContain("lab.nic_02_10.pci_0000_02_10_7 vfs=4 max=7");
  });

  it("a domain on the macvtap passthrough networks of libvirt's tests: said to be macvtap, not 'not a hostdev or bridge network'", () => {
    // The domain is written here; the networks are libvirt's (SOURCES.md).
    const domain = "<domain type='kvm'>\n  <name>guest</name>\n  <devices>\n    <interface type='network'>\n      <source network='local'/>\n    </interface>\n    <interface type='network'>\n      <source network='passthrough_001'/>\n    </interface>\n  </devices>\n</domain>\n";
    const files = [{ path: "guest.xml", text: domain }, read("libvirt/libvirt-tests/network-passthrough-pf.xml"), read("libvirt/libvirt-tests/network-passthrough-address-crash.xml")];
    const imported = importFiles("libvirt", files, { host: "lab" });
    expect(located(imported).map((l) => l.split(" is left out: ")[0])).toEqual([
      // Interfaces listed beside <pf dev> are the pool, as libvirt's networkCreateInterfacePool takes them.
      "guest.xml:5:24 import-unmapped: an interface on network `local`, a pool of macvtap devices in passthrough mode on `eth10`, `eth11` (<forward> at libvirt/libvirt-tests/network-passthrough-pf.xml:4),",
      "guest.xml:8:24 import-unmapped: an interface on network `passthrough_001`, a pool of macvtap devices in passthrough mode on the netdevs of the PCI devices `0000:11:10.1` (<forward> at libvirt/libvirt-tests/network-passthrough-address-crash.xml:4),",
    ]);
    expect(imported.diagnostics.every((d) => d.message.includes("the host kernel copies each packet between it and the device libvirt gives it from the pool"))).toBe(true);
    expect(irOfSource(imported.text).ifaces).toEqual([]);
  });

  it("net-vhostuser-multiq.xml: sockets under /tmp name no bridge (the guess is said), a socket backend is named, 4 queues on 1 vCPU are found in place", () => {
    const file = read("libvirt/libvirt-tests-single/net-vhostuser-multiq.xml");
    const imported = importFiles("libvirt", [file], { host: "lab" });
    expect(imported.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}: ${d.message}`)).toEqual([
      "39:6 import-unmapped: an interface of type `server` (a QEMU socket backend: packets go over a TCP socket to another guest, no switch or VF) has no `.sriov` data path",
    ]);
    expect(imported.text).toContain(
      "// vhost-user ports whose sockets name no Open vSwitch bridge (not under /openvswitch/BRIDGE/): taken as one OVS-DPDK switch (libvirt/libvirt-tests-single/net-vhostuser-multiq.xml:29)\n  vswitch vhostuser {\n    type = ovs_dpdk\n",
    );
    const ir = irOfSource(imported.text);
    expect(ir.ifaces.map((i) => `${i.id} ${i.attachment.kind} queues=${i.queueCores.length}`)).toEqual(["lab.QEMUGuest1.net0 vswitch queues=1", "lab.QEMUGuest1.net1 vswitch queues=1", "lab.QEMUGuest1.net3 vswitch queues=1", "lab.QEMUGuest1.net4 vswitch queues=4"]);
    const found = checkFiles({ "guest.xml": file.text });
    expect(found.map((d) => `${d.span.file}:${d.span.line}:${d.span.column} ${d.rule}: ${d.message}`)).toEqual([
      "guest.xml:57:23 queues-exceed-cores: QEMUGuest1.net4 has 4 queues, but vm QEMUGuest1 has 1 vCPU to serve them: 3 queues share cores with another queue",
    ]);
  });

  it("sriovc check reads them in place without errors", () => {
    const files = Object.fromEntries(all("libvirt/libvirt-tests").map((f) => [path.basename(f), read(f).text]));
    expect(checkFiles(files).filter((d) => d.severity === "error")).toEqual([]);
  });
});

describe("the host: a captured sysfs tree and ip link outputs", () => {
  it("old-format ip link of a Mellanox PF (danm-cni/danm#246): VLANs and spoof checking off become host interfaces", () => {
    const imported = importFiles("host", [read("host/ip-link/danm-246-ip-link.txt")], { host: "h" });
    expect(imported.diagnostics).toEqual([]);
    const ir = irOfSource(imported.text);
    expect(ir.pfs.map((pf) => `${pf.id} vfs=${pf.vfs} mtu=${pf.mtu}`)).toEqual(["h.nic_enp101s0f0.enp101s0f0 vfs=12 mtu=1500"]);
    const byVf = new Map(ir.ifaces.map((i) => [i.attachment.kind === "vf" ? i.attachment.vf : -1, i]));
    expect(ir.ifaces).toHaveLength(12);
    expect([0, 9, 11, 1].map((n) => `vf${n} vlan=${byVf.get(n)!.vlan} spoofchk=${byVf.get(n)!.spoofchk}`)).toEqual(["vf0 vlan=10 spoofchk=false", "vf9 vlan=10 spoofchk=true", "vf11 vlan=452 spoofchk=false", "vf1 vlan=null spoofchk=false"]);
  });

  it("ip link with the shell prompt above it (vishvananda/netlink#580): VFs at their defaults are free VFs", () => {
    const imported = importFiles("host", [read("host/ip-link/netlink-580-ip-link.txt")], { host: "h" });
    expect(imported.diagnostics).toEqual([]);
    const ir = irOfSource(imported.text);
    expect(ir.pfs.map((pf) => `${pf.id} vfs=${pf.vfs}`)).toEqual(["h.nic_enp3s0f0.enp3s0f0 vfs=8"]);
    expect(ir.ifaces).toEqual([]);
  });

  it("current iproute2 with rates and no trust field (canonical/lxd#8162)", () => {
    const imported = importFiles("host", [read("host/ip-link/lxd-8162-ip-link.txt")], { host: "h" });
    const ir = irOfSource(imported.text);
    expect(ir.ifaces.map((i) => `${i.id} rate=${i.rateLimitBps} trust=${i.trust} spoofchk=${i.spoofchk}`)).toEqual([0, 1, 2, 3].map((n) => `h.eno1_vf${n} rate=10000000000 trust=false spoofchk=true`));
  });

  it("VF lines pasted without their interface line (canonical/lxd#14879): said at the first, nothing invented", () => {
    const imported = importFiles("host", [read("host/ip-link/lxd-14879-ip-link.txt")], { host: "h" });
    expect(imported.diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.column} ${d.rule}: ${d.message} | ${d.help}`)).toEqual([
      "host/ip-link/lxd-14879-ip-link.txt:1:5 import-unmapped: `vf` lines with no interface line above them: the output was cut, and whose VFs they are is unknown; they are left out | give the whole `ip -d link show` output, from the `N: NAME: <…>` line of the PF",
    ]);
    expect(irOfSource(imported.text).pfs).toEqual([]);
  });

  it("sysfs and detailed ip link together", () => {
    const imported = importFiles("host", [read("host/ip-link/iproute2-detailed.txt")], { host: "lab", sysfs: path.join(FIXTURES, "host/sysfs") });
    const ir = irOfSource(imported.text);
    expect(ir.pfs.map((pf) => `${pf.id} pci=${pf.pci} vfs=${pf.vfs} max=${pf.maxVfs} mtu=${pf.mtu} speed=${pf.speedBps}`)).toEqual(["lab.nic_3b_00.ens1f0 pci=0000:3b:00.0 vfs=4 max=64 mtu=9000 speed=10000000000"]);
    expect(ir.nics.map((n) => `${n.model} numa=${n.numa}`)).toEqual(["intel-x710 numa=1"]);
    expect(ir.ifaces.map((i) => `${i.id} rate=${i.rateLimitBps} trust=${i.trust}`)).toEqual(["lab.ens1f0_vf1 rate=null trust=false", "lab.ens1f0_vf2 rate=1000000000 trust=true"]);
  });
});
