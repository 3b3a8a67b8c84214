import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { explainRule } from "../../src/cli/commands/explain.js";
import { UsageError } from "../../src/cli/errors.js";
import { RULES } from "../../src/rules/registry.js";
import { REPO } from "../helpers/cli.js";

describe("sriovc explain", () => {
  it("prints the rule's page from docs/rules", () => {
    expect(explainRule("numa-mismatch")).toBe(readFileSync(path.join(REPO, "docs/rules/numa-mismatch.md"), "utf8"));
  });

  it("has a page for every registered rule, each with the four sections and a failing and a fixed example", () => {
    for (const rule of RULES) {
      const page = explainRule(rule.meta.id);
      expect(page.startsWith(`# \`${rule.meta.id}\`\n`), rule.meta.id).toBe(true);
      for (const heading of ["## What it catches", "## Why it matters", "## Failing example", "## Fixed example"])
        expect(page, `${rule.meta.id}: ${heading}`).toContain(heading);
      // `.sriov` examples, or operator YAML / libvirt XML for the rules on those files (src/interop).
      expect(page.match(/```(sriov|yaml|xml)\n/g)?.length, rule.meta.id).toBe(2);
      expect(page).toContain(`**Default severity:** ${rule.meta.defaultSeverity}`);
    }
  });

  it("documents no rule that the registry does not have", () => {
    const pages = readdirSync(path.join(REPO, "docs/rules"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => f.slice(0, -3));
    expect(pages.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });

  it("refuses an unknown rule and names the closest ids", () => {
    expect(() => explainRule("vf-asigned-twice")).toThrow(new UsageError("unknown rule 'vf-asigned-twice'; did you mean vf-assigned-twice?"));
    expect(() => explainRule("zzzz")).toThrow(UsageError);
  });
});
