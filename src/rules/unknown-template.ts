/**
 * `unknown-template` (structure): reported by the resolver (src/semantics), not here. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule; structure errors cannot be turned off or suppressed.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const unknownTemplate: Rule = {
  meta: ruleMeta({
    id: "unknown-template",
    defaultSeverity: "error",
    category: "structure",
    summary: "`: name` names no template of that kind.",
  }),
};
