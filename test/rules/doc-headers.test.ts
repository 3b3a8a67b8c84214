import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ruleDocHeader, withRuleDocHeader } from "../../src/rules/docs.js";
import { findRule, RULES } from "../../src/rules/registry.js";
import { REPO } from "../helpers/cli.js";

describe("the header line of docs/rules/<id>.md, generated from the rule metadata", () => {
  it("is on every page exactly as `npm run docs:rules` writes it", () => {
    for (const rule of RULES) {
      const page = readFileSync(path.join(REPO, rule.meta.docs), "utf8");
      expect(page.split("\n")[2], rule.meta.id).toBe(ruleDocHeader(rule.meta));
      expect(withRuleDocHeader(page, rule.meta), rule.meta.id).toBe(page);
    }
  });

  it("states the category, the default severity, and whether the rule may be configured", () => {
    expect(ruleDocHeader(findRule("vf-exhausted")!.meta)).toBe("**Category:** SR-IOV resources · **Default severity:** error · **Configurable:** yes");
    expect(ruleDocHeader(findRule("unused-vf")!.meta)).toBe("**Category:** Hygiene · **Default severity:** info · **Configurable:** yes");
    expect(ruleDocHeader(findRule("syntax")!.meta)).toBe("**Category:** Structure · **Default severity:** error");
  });

  it("the page of every rule that offers fixes says what `check --fix` does with them (vf-count-exceeds-max and syntax did not)", () => {
    for (const rule of RULES.filter((r) => r.meta.fixable === true)) {
      const page = readFileSync(path.join(REPO, rule.meta.docs), "utf8");
      expect(page, rule.meta.id).toContain("--fix");
    }
  });

  it("replaces a stale header and refuses a page without one", () => {
    const meta = findRule("pin-overlap")!.meta;
    const page = readFileSync(path.join(REPO, meta.docs), "utf8");
    const stale = page.replace(ruleDocHeader(meta), "**Category:** Hygiene · **Default severity:** info · **Configurable:** yes");
    expect(stale).not.toBe(page);
    expect(withRuleDocHeader(stale, meta)).toBe(page);
    expect(() => withRuleDocHeader("# `pin-overlap`\n\nSome text.\n", meta)).toThrow(/docs\/rules\/pin-overlap\.md: expected the title/);
  });
});
