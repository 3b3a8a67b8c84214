/**
 * `import-cycle` (structure): reported by src/semantics/loader.ts, not here. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule; structure errors cannot be turned off or suppressed.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const importCycle: Rule = {
  meta: ruleMeta({
    id: "import-cycle",
    defaultSeverity: "error",
    category: "structure",
    summary: "Imports form a cycle.",
  }),
};
