import { describe, expect, it } from "vitest";
import { findingsIn, network, policy } from "../helpers/check-interop.js";

describe("network-resource-unmatched", () => {
  it("a resourceName no policy provides, at the resourceName, listing those provided", () => {
    expect(findingsIn("network-resource-unmatched", { "p.yaml": policy(), "n.yaml": network("  resourceName: intelnic\n") })).toEqual([
      { at: "n.yaml:6:17", message: "no policy provides resource `intelnic`: pods on SriovNetwork `net-a` never get a VF", help: "the policies provide `intelnics`", related: [] },
    ]);
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
