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

  it("a SriovIBNetwork's and an OVSNetwork's spec fields are their CRDs'", () => {
    const other = (kind: string, spec: string) => `apiVersion: sriovnetwork.openshift.io/v1\nkind: ${kind}\nmetadata:\n  name: net-b\nspec:\n${spec}`;
    expect(findingsIn("unknown-field", { "ib.yaml": other("SriovIBNetwork", "  resourceName: mlxib\n  vlan: 5\n"), "ovs.yaml": other("OVSNetwork", "  resourceName: switchdev\n  bridge: br-phys\n  Trunk: []\n") }).map((f) => `${f.at} ${f.message} | ${f.help}`)).toEqual([
      "ib.yaml:7:3 `vlan` is not a field of a SriovIBNetwork's spec: the API server drops it and the operator never sees it | a SriovIBNetwork's spec takes `capabilities`, `ipam`, `linkState`, `metaPlugins`, `networkNamespace`, `resourceName`",
      "ovs.yaml:8:3 `Trunk` is not a field of an OVSNetwork's spec: the API server drops it and the operator never sees it | field names are case-sensitive here: write `trunk`",
    ]);
  });

  it("node-state dumps are read as the operator reads them: totalvfs, Vfs and Vlan in any case", () => {
    expect(findingsIn("unknown-field", { "s.yaml": NODE_STATE.replace("totalvfs", "totalVfs") })).toEqual([]);
    expect(findingsIn("unknown-field", { "p.yaml": policy() })).toEqual([]);
  });
});
