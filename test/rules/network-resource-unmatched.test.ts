import { describe, expect, it } from "vitest";
import { findingsIn, network, policy } from "../helpers/check-interop.js";

describe("network-resource-unmatched", () => {
  it("a resourceName no policy provides, at the resourceName, listing those provided", () => {
    expect(findingsIn("network-resource-unmatched", { "p.yaml": policy(), "n.yaml": network("  resourceName: intelnic\n") })).toEqual([
      { at: "n.yaml:6:17", message: "no policy provides resource `intelnic`: pods on SriovNetwork `net-a` never get a VF", help: "the policies provide `intelnics`", related: [] },
    ]);
  });

  // The operator makes a NetworkAttachmentDefinition of these too, on the VFs of the resource they name
  // (its CRDs: spec.resourceName, required); a name no policy provides leaves their pods Pending alike.
  it("a SriovIBNetwork's or an OVSNetwork's resourceName, as a SriovNetwork's", () => {
    const other = (kind: string, resource: string) => `apiVersion: sriovnetwork.openshift.io/v1\nkind: ${kind}\nmetadata:\n  name: net-b\nspec:\n  resourceName: ${resource}\n`;
    expect(findingsIn("network-resource-unmatched", { "p.yaml": policy(), "ib.yaml": other("SriovIBNetwork", "mlxib"), "ovs.yaml": other("OVSNetwork", "switchdev") })).toEqual([
      { at: "ib.yaml:6:17", message: "no policy provides resource `mlxib`: pods on SriovIBNetwork `net-b` never get a VF", help: "the policies provide `intelnics`", related: [] },
      { at: "ovs.yaml:6:17", message: "no policy provides resource `switchdev`: pods on OVSNetwork `net-b` never get a VF", help: "the policies provide `intelnics`", related: [] },
    ]);
    expect(findingsIn("network-resource-unmatched", { "p.yaml": policy(), "ib.yaml": other("SriovIBNetwork", "intelnics"), "ovs.yaml": other("OVSNetwork", "intelnics") })).toEqual([]);
  });

  it("quiet when the resource exists, and when no policy is checked at all", () => {
    expect(findingsIn("network-resource-unmatched", { "p.yaml": policy(), "n.yaml": network("  resourceName: intelnics\n") })).toEqual([]);
    expect(findingsIn("network-resource-unmatched", { "n.yaml": network("  resourceName: intelnic\n") })).toEqual([]);
  });

  it("is a warning that the configuration can raise", () => {
    const files = { "p.yaml": policy(), "n.yaml": network("  resourceName: x\n") };
    expect(findingsIn("network-resource-unmatched", files, { "network-resource-unmatched": "off" })).toEqual([]);
  });
});
