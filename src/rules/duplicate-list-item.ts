/**
 * `duplicate-list-item` (hygiene): reported by the resolver (src/semantics/resolve.ts), which keeps the first of
 * each item; meta only here, so that config, SARIF and `sriovc explain` know the rule.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const duplicateListItem: Rule = {
  meta: ruleMeta({
    id: "duplicate-list-item",
    defaultSeverity: "warning",
    category: "hygiene",
    summary: "A list (uplinks, features, requires) names the same item twice: the second is ignored.",
    fixable: true,
  }),
};
