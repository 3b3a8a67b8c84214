/** The rule descriptions a SARIF log carries, from the registry and the doc pages. */
import type { SarifContext, SarifRuleDescription } from "../diagnostics/render/sarif.js";
import { docSection, readRuleDoc, REPOSITORY_URL, ruleDocUrl } from "./docs.js";
import { RULES } from "./registry.js";
import type { Rule } from "./rule.js";

/** The first paragraph of a section, on one line. */
function firstParagraph(text: string): string {
  return (text.split(/\n\s*\n/)[0] ?? "").replace(/\s*\n\s*/g, " ").trim();
}

/**
 * Markdown links of a page made absolute against the page's own URL: code scanning shows the help on
 * an alert's page, where `../SECURITY.md` led nowhere.
 */
function withAbsoluteLinks(page: string, pageUrl: string): string {
  return page.replace(/\]\(([^)\s]+)\)/g, (link, target: string) => (/^[a-z][a-z0-9+.-]*:/i.test(target) ? link : `](${new URL(target, pageUrl).href})`));
}

export function describeRule(rule: Rule): SarifRuleDescription {
  const helpUri = ruleDocUrl(rule.meta);
  const doc = readRuleDoc(rule.meta.id);
  const page = doc === undefined ? undefined : withAbsoluteLinks(doc, helpUri);
  const catches = page === undefined ? undefined : docSection(page, "What it catches");
  const base = {
    id: rule.meta.id,
    defaultSeverity: rule.meta.defaultSeverity,
    summary: rule.meta.summary,
    fullDescription: catches ? firstParagraph(catches) : rule.meta.summary,
    helpUri,
  };
  return page === undefined ? { ...base, helpText: rule.meta.summary } : { ...base, helpText: page, helpMarkdown: page };
}

/** The context `renderSarif` needs: this tool, its version, every registered rule. */
export function sarifContext(version: string, rules: readonly Rule[] = RULES): SarifContext {
  return { toolName: "sriovc", version, informationUri: REPOSITORY_URL, rules: rules.map(describeRule) };
}
