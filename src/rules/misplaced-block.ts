/**
 * `misplaced-block` (structure): reported by src/semantics/placement.ts, not here. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule; structure errors cannot be turned off or suppressed.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const misplacedBlock: Rule = {
  meta: ruleMeta({
    id: "misplaced-block",
    defaultSeverity: "error",
    category: "structure",
    summary: "A block is nested where it may not be.",
  }),
};
