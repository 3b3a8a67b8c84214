/**
 * `unused-suppression`: a suppression comment that silences nothing. Produced by
 * src/diagnostics/suppressions.ts after every other rule has run, so the module carries meta only.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const unusedSuppression: Rule = {
  meta: ruleMeta({
    id: "unused-suppression",
    defaultSeverity: "info",
    category: "hygiene",
    summary: "A `sriovc-disable` comment silences nothing (stale, misspelt, misplaced or naming a structure rule).",
    fixable: true,
  }),
};
