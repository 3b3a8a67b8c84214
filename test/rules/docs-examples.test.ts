import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { docSection, sriovBlocks } from "../../src/rules/docs.js";
import { RULES } from "../../src/rules/registry.js";
import { checkSource, ruleLines } from "../helpers/check-source.js";
import { REPO } from "../helpers/cli.js";

const DOCS = path.join(REPO, "docs/rules");

function examples(id: string): { failing: string; fixed: string } {
  const page = readFileSync(path.join(DOCS, `${id}.md`), "utf8");
  const [failing] = sriovBlocks(docSection(page, "Failing example") ?? "");
  const [fixed] = sriovBlocks(docSection(page, "Fixed example") ?? "");
  if (failing === undefined || fixed === undefined) throw new Error(`${id}.md needs a \`\`\`sriov block under "Failing example" and under "Fixed example"`);
  return { failing, fixed };
}

// Every page's examples run through the whole check (load, resolve, rules, suppressions), as a reader
// would run them: the failing one must trigger its rule, the fixed one must not, and must have no errors.
describe.each(RULES.map((rule) => [rule.meta.id] as const))("docs/rules/%s.md", (id) => {
  const { failing, fixed } = examples(id);

  it("its failing example triggers the rule", () => {
    const found = checkSource(failing);
    expect(
      found.map((d) => d.rule),
      ruleLines(found).join("\n"),
    ).toContain(id);
  });

  it("its fixed example does not, and has no errors", () => {
    const found = checkSource(fixed);
    expect(found.filter((d) => d.rule === id || d.severity === "error").map((d) => `${d.rule}: ${d.message}`)).toEqual([]);
  });
});

it("there is a page for every rule and a rule for every page", () => {
  const pages = readdirSync(DOCS)
    .filter((f) => f.endsWith(".md"))
    .map((f) => f.slice(0, -3));
  expect(pages.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
});
