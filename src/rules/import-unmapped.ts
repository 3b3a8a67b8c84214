/**
 * `import-unmapped`: reported by src/interop/import/ on the files `sriovc check` and `sriovc import` read
 * (operator YAML/JSON, libvirt XML), not on the `.sriov` model. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule. The rule is configurable like any other.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const importUnmapped: Rule = {
  meta: ruleMeta({
    id: "import-unmapped",
    defaultSeverity: "warning",
    category: "hygiene",
    summary: "`sriovc import` met something in the input that has no `.sriov` counterpart; it says what was left out.",
  }),
};
