import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { docSection, sriovBlocks } from "../../src/rules/docs.js";
import { RULES } from "../../src/rules/registry.js";
import { checkEntries } from "../../src/driver/workspace.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { importFiles } from "../../src/interop/import/index.js";
import { checkSource, ruleLines } from "../helpers/check-source.js";
import { tempTree } from "../helpers/tmp.js";
import { REPO } from "../helpers/cli.js";

const DOCS = path.join(REPO, "docs/rules");

/** The first fenced block of a language in a section. */
function fenced(section: string, lang: string): string | undefined {
  const match = new RegExp(`^\`\`\`${lang}[^\\n]*\\n([\\s\\S]*?)^\`\`\`\\s*$`, "m").exec(section);
  return match?.[1];
}

/**
 * A page's examples: `.sriov` as a rule on the model shows them, or operator YAML / libvirt XML for the
 * rules on those files (src/interop), checked in place as `sriovc check example.yaml` would.
 */
function examples(id: string): { failing: string; fixed: string; lang: "sriov" | "yaml" | "xml" } {
  const page = readFileSync(path.join(DOCS, `${id}.md`), "utf8");
  const failingSection = docSection(page, "Failing example") ?? "";
  const fixedSection = docSection(page, "Fixed example") ?? "";
  const [failing] = sriovBlocks(failingSection);
  const [fixed] = sriovBlocks(fixedSection);
  if (failing !== undefined && fixed !== undefined) return { failing, fixed, lang: "sriov" };
  for (const lang of ["yaml", "xml"] as const) {
    const f = fenced(failingSection, lang);
    const g = fenced(fixedSection, lang);
    if (f !== undefined && g !== undefined) return { failing: f, fixed: g, lang };
  }
  throw new Error(`${id}.md needs a \`\`\`sriov (or yaml/xml) block under "Failing example" and under "Fixed example"`);
}

function checkExample(text: string, lang: "sriov" | "yaml" | "xml", id: string): Diagnostic[] {
  if (lang === "sriov") return checkSource(text);
  const file = `example.${lang}`;
  // import-unmapped is what `sriovc import` reports; `check` leaves modelling limits out.
  if (id === "import-unmapped") return importFiles(lang === "yaml" ? "k8s" : "libvirt", [{ path: file, text }]).diagnostics;
  const root = tempTree({ [file]: text });
  return checkEntries([path.join(root, file)], { cwd: root }).diagnostics;
}

// Every page's examples run through the whole check (load, resolve, rules, suppressions), as a reader
// would run them: the failing one must trigger its rule, the fixed one must not, and must have no errors.
describe.each(RULES.map((rule) => [rule.meta.id] as const))("docs/rules/%s.md", (id) => {
  const { failing, fixed, lang } = examples(id);

  it("its failing example triggers the rule", () => {
    const found = checkExample(failing, lang, id);
    expect(
      found.map((d) => d.rule),
      ruleLines(found).join("\n"),
    ).toContain(id);
  });

  it("its fixed example does not, and has no errors", () => {
    const found = checkExample(fixed, lang, id);
    expect(found.filter((d) => d.rule === id || d.severity === "error").map((d) => `${d.rule}: ${d.message}`)).toEqual([]);
  });
});

it("there is a page for every rule and a rule for every page", () => {
  const pages = readdirSync(DOCS)
    .filter((f) => f.endsWith(".md"))
    .map((f) => f.slice(0, -3));
  expect(pages.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
});
