/** The rule descriptions a SARIF log carries, from the registry and the doc pages. */
import type { SarifContext, SarifRuleDescription } from "../diagnostics/render/sarif.js";
import { docSection, readRuleDoc, REPOSITORY_URL, ruleDocUrl } from "./docs.js";
import { RULES } from "./registry.js";
import type { Rule } from "./rule.js";

/** The first paragraph of a section, on one line. */
function firstParagraph(text: string): string {
  return (text.split(/\n\s*\n/)[0] ?? "").replace(/\s*\n\s*/g, " ").trim();
}

export function describeRule(rule: Rule): SarifRuleDescription {
  const page = readRuleDoc(rule.meta.id);
  const catches = page === undefined ? undefined : docSection(page, "What it catches");
  const base = {
    id: rule.meta.id,
    defaultSeverity: rule.meta.defaultSeverity,
    summary: rule.meta.summary,
    fullDescription: catches ? firstParagraph(catches) : rule.meta.summary,
    helpUri: ruleDocUrl(rule.meta),
  };
  return page === undefined ? { ...base, helpText: rule.meta.summary } : { ...base, helpText: page, helpMarkdown: page };
}

/** The context `renderSarif` needs: this tool, its version, every registered rule. */
export function sarifContext(version: string, rules: readonly Rule[] = RULES): SarifContext {
  return { toolName: "sriovc", version, informationUri: REPOSITORY_URL, rules: rules.map(describeRule) };
}
