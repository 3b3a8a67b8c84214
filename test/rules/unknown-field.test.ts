import { describe, expect, it } from "vitest";
import { findingsIn, network, NODE_STATE, policy } from "../helpers/check-interop.js";

describe("unknown-field", () => {
  it("pfName for pfNames in a nicSelector: the API server drops it and the selector widens", () => {
    const text = policy().replace("    pfNames:", "    pfName:");
    expect(findingsIn("unknown-field", { "p.yaml": text })).toEqual([
      { at: "p.yaml:12:5", message: "`pfName` is not a field of a nicSelector: the API server drops it and the operator never sees it", help: "did you mean `pfNames`?", related: [] },
    ]);
  });

  it("spec fields are case-sensitive; a SriovNetwork's too", () => {
    expect(findingsIn("unknown-field", { "p.yaml": policy().replace("numVfs:", "numvfs:") }).map((f) => `${f.at} ${f.help}`)).toEqual(["p.yaml:10:3 field names are case-sensitive here: write `numVfs`"]);
    expect(findingsIn("unknown-field", { "n.yaml": network("  resourceName: r\n  vlanid: 5\n") }).map((f) => `${f.at} ${f.message}`)).toEqual([
      "n.yaml:7:3 `vlanid` is not a field of a SriovNetwork's spec: the API server drops it and the operator never sees it",
    ]);
  });

  it("a SriovNetwork capability the SR-IOV CNI does not use, at its name in the value: a misspelling, another case, another CNI's", () => {
    const text = network('  resourceName: r\n  capabilities: \'{"mac": true, "IPs": true, "macs": true, "infinibandGUID": true}\'\n');
    const ignored = (name: string) => `\`${name}\` is not a capability the SR-IOV CNI uses: the operator writes \`capabilities\` into the SR-IOV plugin's config, and neither the CNI nor its IPAM plugin reads a value for it`;
    expect(findingsIn("unknown-field", { "n.yaml": text })).toEqual([
      { at: "n.yaml:7:32", message: ignored("IPs"), help: "capability names are case-sensitive: write `ips`", related: [] },
      {
        at: "n.yaml:7:45",
        message: ignored("macs"),
        help: "did you mean `mac`? (`mac`: the MAC address the pod asks for, which the CNI sets on the VF; `ips`: the addresses the pod asks for, which its IPAM plugin assigns, such as static IPAM)",
        related: [],
      },
      {
        at: "n.yaml:7:59",
        message: ignored("infinibandGUID"),
        help: "the SR-IOV CNI's config uses `mac` (the MAC address the pod asks for, which the CNI sets on the VF) and `ips` (the addresses the pod asks for, which its IPAM plugin assigns, such as static IPAM)",
        related: [],
      },
    ]);
  });

  it("a SriovIBNetwork's and an OVSNetwork's spec fields are their CRDs'", () => {
    const other = (kind: string, spec: string) => `apiVersion: sriovnetwork.openshift.io/v1\nkind: ${kind}\nmetadata:\n  name: net-b\nspec:\n${spec}`;
    expect(findingsIn("unknown-field", { "ib.yaml": other("SriovIBNetwork", "  resourceName: mlxib\n  vlan: 5\n"), "ovs.yaml": other("OVSNetwork", "  resourceName: switchdev\n  bridge: br-phys\n  Trunk: []\n") }).map((f) => `${f.at} ${f.message} | ${f.help}`)).toEqual([
      "ib.yaml:7:3 `vlan` is not a field of a SriovIBNetwork's spec: the API server drops it and the operator never sees it | a SriovIBNetwork's spec takes `capabilities`, `ipam`, `linkState`, `metaPlugins`, `networkNamespace`, `resourceName`",
      "ovs.yaml:8:3 `Trunk` is not a field of an OVSNetwork's spec: the API server drops it and the operator never sees it | field names are case-sensitive here: write `trunk`",
    ]);
  });

  // k8snetworkplumbingwg/sriov-network-operator#837 ("Scan for GUIDs") added them, and was closed unmerged.
  it("a SriovIBNetwork's `pkey`, `scanGUIDs` and `interfaceName` are said to be from an unmerged pull request, with what sets a PKey or a GUID instead; a pkey ib-kubernetes cannot read is said too", () => {
    const ib = (spec: string, name: string) => `apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovIBNetwork\nmetadata:\n  name: ${name}\nspec:\n  resourceName: mlxib\n${spec}`;
    const unmerged = "it comes from an operator pull request that was closed unmerged (k8snetworkplumbingwg/sriov-network-operator#837), and no CRD has it: the API server drops it";
    const pkeyHelp = "to put the pods' VFs in a partition, write the NetworkAttachmentDefinition yourself with `\"pkey\": \"0x8001\"` in its ib-sriov config, which ib-kubernetes reads, or pool the VFs of one partition with the device plugin's `pKeys` selector";
    const guidHelp = "a VF's GUID is set by the ib-sriov CNI (the `infinibandGUID` capability: `capabilities: '{\"infinibandGUID\": true}'`, with ib-kubernetes to allocate it) or by the operator's static GUID file (doc/design/ib-vf-configuration.md)";
    const files = { "a.yaml": ib('  pkey: "0x8001"\n  scanGUIDs: true\n  interfaceName: ib0\n', "ib-a"), "b.yaml": ib('  pkey: "5"\n  vlan: 5\n', "ib-b") };
    expect(findingsIn("unknown-field", files).map((f) => `${f.at} ${f.message} | ${f.help}`)).toEqual([
      `a.yaml:7:3 \`pkey\` is not a field of a SriovIBNetwork's spec: ${unmerged}, and no PKey reaches the ib-sriov CNI or ib-kubernetes | ${pkeyHelp}`,
      `a.yaml:8:3 \`scanGUIDs\` is not a field of a SriovIBNetwork's spec: ${unmerged}, and the operator sets no VF's GUID from it | ${guidHelp}`,
      `a.yaml:9:3 \`interfaceName\` is not a field of a SriovIBNetwork's spec: ${unmerged}, and the operator sets no VF's GUID from it | ${guidHelp}`,
      `b.yaml:7:3 \`pkey\` is not a field of a SriovIBNetwork's spec: ${unmerged}, and no PKey reaches the ib-sriov CNI or ib-kubernetes | ${pkeyHelp} (\`5\` is no PKey as ib-kubernetes reads one: \`0x\` and hex digits, e.g. \`0x8001\`)`,
      "b.yaml:8:3 `vlan` is not a field of a SriovIBNetwork's spec: the API server drops it and the operator never sees it | a SriovIBNetwork's spec takes `capabilities`, `ipam`, `linkState`, `metaPlugins`, `networkNamespace`, `resourceName`",
    ]);
    // On a SriovNetwork they are no field either, and said as any other.
    expect(findingsIn("unknown-field", { "n.yaml": network("  resourceName: r\n  pkey: \"0x8001\"\n") }).map((f) => f.message)).toEqual(["`pkey` is not a field of a SriovNetwork's spec: the API server drops it and the operator never sees it"]);
  });

  it("the device plugin's `pKeys` selector is one it reads", () => {
    const config = JSON.stringify({ resourceList: [{ resourceName: "ib_pkey", selectors: [{ linkTypes: ["infiniband"], pKeys: ["0x8001"], isRdma: true }] }] });
    expect(findingsIn("unknown-field", { "config.json": config })).toEqual([]);
  });

  it("node-state dumps are read as the operator reads them: totalvfs, Vfs and Vlan in any case", () => {
    expect(findingsIn("unknown-field", { "s.yaml": NODE_STATE.replace("totalvfs", "totalVfs") })).toEqual([]);
    expect(findingsIn("unknown-field", { "p.yaml": policy() })).toEqual([]);
  });
});
