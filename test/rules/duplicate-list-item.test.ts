import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf, withFix } from "../helpers/check-source.js";

const topology = (uplinks: string, features: string, requires: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { }
    pf pf1 { }
  }
  vswitch br0 {
    uplinks = [${uplinks}]
    features = [${features}]
  }
  vm web {
    iface eth0 {
      attach = vswitch(br0)
      requires = [${requires}]
    }
  }
}
`;

describe("duplicate-list-item", () => {
  it("reports the second of an item listed twice in uplinks, features and requires, with the first as a note", () => {
    const text = topology("x710.pf0, x710.pf1, x710.pf0", "acl, qos, acl", "acl, acl");
    expect(findingsOf("duplicate-list-item", text)).toEqual([
      { ...at(text, "x710.pf0", 1), message: "`x710.pf0` is already in `uplinks`: the second is ignored", help: "remove it, or write the item that was meant" },
      { ...at(text, "acl", 1), message: "`acl` is already in `features`: the second is ignored", help: "remove it, or write the item that was meant" },
      { ...at(text, "acl", 3), message: "`acl` is already in `requires`: the second is ignored", help: "remove it, or write the item that was meant" },
    ]);
  });

  it("offers a safe fix that removes the second with its comma, and the fixed text checks clean of it", () => {
    const text = topology("x710.pf0, x710.pf1, x710.pf0", "acl", "acl");
    const [finding] = checkSource(text).filter((d) => d.rule === "duplicate-list-item");
    expect(finding!.fixes!.map((f) => [f.description, f.safe])).toEqual([["remove the second `x710.pf0`", true]]);
    const fixed = withFix(text, finding!.fixes![0]!);
    expect(fixed).toBe(topology("x710.pf0, x710.pf1", "acl", "acl"));
    expect(checkSource(fixed).filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("is a warning by default and takes the configured severity, off included", () => {
    const text = topology("x710.pf0, x710.pf0", "acl", "acl");
    expect(checkSource(text, { settings: { "duplicate-list-item": "error" } }).filter((d) => d.rule === "duplicate-list-item").map((d) => d.severity)).toEqual(["error"]);
    expect(findingsOf("duplicate-list-item", text, { settings: { "duplicate-list-item": "off" } })).toEqual([]);
    expect(checkSource(text).filter((d) => d.rule === "duplicate-list-item").map((d) => d.severity)).toEqual(["warning"]);
  });
});
