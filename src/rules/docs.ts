/**
 * Rule documentation pages (docs/rules/<id>.md), shipped in the npm package beside dist/. Read relative
 * to this module, so the same code finds them from src/ (tests) and dist/ (the installed CLI): both sit
 * two levels below the package root.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RuleCategory, RuleMeta } from "./rule.js";

export const REPOSITORY_URL = "https://github.com/sriovc/sriovc";

/** Absolute path of the package's docs/rules directory. */
export const RULE_DOCS_DIR = fileURLToPath(new URL("../../docs/rules/", import.meta.url));

/** The markdown of a rule's page, or undefined when the page is missing (a packaging bug). */
export function readRuleDoc(id: string): string | undefined {
  try {
    return readFileSync(`${RULE_DOCS_DIR}${id}.md`, "utf8");
  } catch {
    return undefined;
  }
}

/** Where a rule's page is published, for SARIF `helpUri` and links in messages. */
export function ruleDocUrl(meta: RuleMeta): string {
  return `${REPOSITORY_URL}/blob/main/${meta.docs}`;
}

/** How a page names a rule's category. */
const CATEGORY_LABELS: Readonly<Record<RuleCategory, string>> = {
  structure: "Structure",
  resources: "SR-IOV resources",
  semantics: "SR-IOV semantics",
  hygiene: "Hygiene",
};

/**
 * The line under a page's title, made from the rule's metadata (`npm run docs:rules` writes it, a test
 * compares), so the category and default severity a page states are the registry's. Structure rules are
 * always errors, so their line does not say whether they may be configured.
 */
export function ruleDocHeader(meta: RuleMeta): string {
  const head = `**Category:** ${CATEGORY_LABELS[meta.category]} · **Default severity:** ${meta.defaultSeverity}`;
  return meta.category === "structure" ? head : `${head} · **Configurable:** yes`;
}

/** A page with its header line (the third, under the title and a blank line) replaced by `ruleDocHeader`. */
export function withRuleDocHeader(markdown: string, meta: RuleMeta): string {
  const lines = markdown.split("\n");
  if (lines[0] !== `# \`${meta.id}\`` || lines[1] !== "" || !lines[2]!.startsWith("**Category:**"))
    throw new Error(`${meta.docs}: expected the title, a blank line and the **Category:** line`);
  lines[2] = ruleDocHeader(meta);
  return lines.join("\n");
}

/** The text under a `## heading` of a page, up to the next `## ` heading, trimmed. */
export function docSection(markdown: string, heading: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim().toLowerCase() === `## ${heading}`.toLowerCase());
  if (start === -1) return undefined;
  let end = start + 1;
  while (end < lines.length && !lines[end]!.startsWith("## ")) end++;
  return lines
    .slice(start + 1, end)
    .join("\n")
    .trim();
}

/** The ```sriov code blocks of a section, in order. */
export function sriovBlocks(section: string): string[] {
  const out: string[] = [];
  const fence = /^```sriov[^\n]*\n([\s\S]*?)^```\s*$/gm;
  for (let match = fence.exec(section); match !== null; match = fence.exec(section)) out.push(match[1]!);
  return out;
}
