/** `sriovc explain RULE`: prints the rule's documentation page (shipped in the package's docs/rules). */
import type { Command } from "commander";
import { readRuleDoc } from "../../rules/docs.js";
import { closestRuleIds, findRule } from "../../rules/registry.js";
import { UsageError } from "../errors.js";
import { terminalWidth } from "../io.js";
import { wrapMarkdown } from "../markdown-wrap.js";
import { ruleList } from "./rules.js";

/**
 * The page's text, or a usage error naming the closest rule ids. The id is matched whatever its case
 * (`NUMA-Mismatch`); the page's title names the rule's own. With a `width` (a terminal's) the text is
 * fitted to it; without one (piped) it is the page as written.
 */
export function explainRule(id: string, width?: number): string {
  const rule = findRule(id) ?? findRule(id.toLowerCase());
  if (rule === undefined) {
    const closest = closestRuleIds(id);
    const hint = closest.length > 0 ? `; did you mean ${closest.join(", ")}?` : "";
    throw new UsageError(`unknown rule '${id}'${hint}\nThe rules:\n${ruleList(terminalWidth(process.stderr)).trimEnd()}`);
  }
  const page = readRuleDoc(rule.meta.id);
  // A missing page means a broken install, not a user mistake: let it surface as an internal error.
  if (page === undefined) throw new Error(`the documentation page ${rule.meta.docs} is missing from the package`);
  const text = width === undefined ? page : wrapMarkdown(page, width);
  return text.endsWith("\n") ? text : `${text}\n`;
}

export function register(program: Command): void {
  program
    .command("explain")
    .description("print a rule's documentation: what it catches, why it matters, a failing and a fixed example")
    .argument("[rule]", "rule id, e.g. sriov-bypasses-vswitch; without one, the list of rules")
    .action((id: string | undefined) => {
      if (id === undefined) {
        process.stdout.write(`${ruleList(terminalWidth())}\nsriovc explain RULE prints a rule's page.\n`);
        return;
      }
      process.stdout.write(explainRule(id, process.stdout.isTTY === true ? terminalWidth() : undefined));
    });
}
