/**
 * `syntax` (structure): reported by src/syntax/parse.ts (the parser, with recovery), not here. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule; structure errors cannot be turned off or suppressed.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const syntax: Rule = {
  meta: ruleMeta({
    id: "syntax",
    defaultSeverity: "error",
    category: "structure",
    summary: "The file does not match the grammar; every independent syntax error is reported, each with what was expected.",
    fixable: true,
  }),
};
