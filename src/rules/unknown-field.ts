/**
 * `unknown-field`: reported by src/interop/k8s/objects.ts on the files `sriovc check` and `sriovc import` read
 * (operator YAML/JSON, libvirt XML), not on the `.sriov` model. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule. The rule is configurable like any other.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const unknownField: Rule = {
  meta: ruleMeta({
    id: "unknown-field",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "An operator object sets a field its CRD does not have (a misspelt `pfName`): the API server drops it silently.",
  }),
};
