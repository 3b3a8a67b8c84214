/**
 * `import-not-found` (structure): reported by src/semantics/loader.ts, not here. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule; structure errors cannot be turned off or suppressed.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const importNotFound: Rule = {
  meta: ruleMeta({
    id: "import-not-found",
    defaultSeverity: "error",
    category: "structure",
    summary: "An imported file does not exist or cannot be read.",
  }),
};
