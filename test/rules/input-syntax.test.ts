import { describe, expect, it } from "vitest";
import { findingsIn } from "../helpers/check-interop.js";

describe("input-syntax", () => {
  it("a YAML error at its place", () => {
    expect(findingsIn("input-syntax", { "p.yaml": "kind: SriovNetwork\nspec:\n  vlan: 1\n  vlan: 2\n" })).toEqual([
      { at: "p.yaml:4:3", message: "YAML: Map keys must be unique", help: "fix the YAML syntax; nothing of this document is read", related: [] },
    ]);
  });

  it("an XML error where xmldom stops reading (just before the bad end tag)", () => {
    expect(findingsIn("input-syntax", { "d.xml": "<domain type='kvm'>\n  <name>a</nam>\n</domain>\n" }).map((f) => `${f.at} ${f.message}`)).toEqual([
      "d.xml:2:9 XML: Opening and ending tag mismatch: \"name\" != \"nam\"",
    ]);
  });

  it("cannot be turned off: it is a structure rule, and a setting for it is refused as sriovc.json's would be", () => {
    expect(findingsIn("input-syntax", { "p.yaml": "a: [\n" })).toHaveLength(1);
    expect(() => findingsIn("input-syntax", { "p.yaml": "a: [\n" }, { "input-syntax": "off" } as never)).toThrow(
      new Error("'input-syntax' is a structure rule: it is always an error and cannot be configured"),
    );
  });
});
