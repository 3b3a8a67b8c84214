/** `sriovc rules`: every rule with its id, default severity and summary; `--format json` for tools. */
import { Option, type Command } from "commander";
import { displayWidth, wrap } from "../../diagnostics/render/wrap.js";
import { RULES } from "../../rules/registry.js";
import { terminalWidth } from "../io.js";

export const RULES_FORMATS = ["text", "json"] as const;
type RulesFormat = (typeof RULES_FORMATS)[number];

/** The rules as aligned text: `id  severity  summary`, the summary wrapped to `width` under itself. */
export function ruleList(width: number): string {
  const idWidth = Math.max(...RULES.map((rule) => rule.meta.id.length));
  const severityWidth = Math.max(...RULES.map((rule) => rule.meta.defaultSeverity.length));
  const indent = " ".repeat(idWidth + 2 + severityWidth + 2);
  // Too narrow for a summary column beside the ids: each summary goes under its id instead.
  const besides = width - displayWidth(indent) >= 30;
  return `${RULES.map((rule) => {
    const head = `${rule.meta.id.padEnd(idWidth)}  ${rule.meta.defaultSeverity.padEnd(severityWidth)}  `;
    if (besides) return `${head}${wrap(rule.meta.summary, width, displayWidth(head), indent)}`;
    return `${head.trimEnd()}\n    ${wrap(rule.meta.summary, width, 4, "    ")}`;
  }).join("\n")}\n`;
}

export function ruleListJson(): string {
  const list = RULES.map((rule) => ({
    id: rule.meta.id,
    defaultSeverity: rule.meta.defaultSeverity,
    category: rule.meta.category,
    summary: rule.meta.summary,
    docs: rule.meta.docs,
    fixable: rule.meta.fixable === true,
  }));
  return `${JSON.stringify(list, null, 2)}\n`;
}

export function register(program: Command): void {
  program
    .command("rules")
    .description("list every rule: id, default severity and summary (sriovc explain RULE prints one's page)")
    .addOption(new Option("--format <format>", "output format").choices(RULES_FORMATS).default("text"))
    .action((options: { format: RulesFormat }) => {
      process.stdout.write(options.format === "json" ? ruleListJson() : ruleList(terminalWidth()));
    });
}
