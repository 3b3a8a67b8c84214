/**
 * `invalid-field-value`: reported by src/interop/k8s/field-values.ts on the operator objects `sriovc check`
 * and `sriovc import` read, not on the `.sriov` model. Meta only, so that config, SARIF and `sriovc explain`
 * know the rule. The rule is configurable like any other.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const invalidFieldValue: Rule = {
  meta: ruleMeta({
    id: "invalid-field-value",
    defaultSeverity: "error",
    category: "semantics",
    summary: "An operator object's field has a value the API server (CRD schema) or the operator's webhook refuses: a quoted number, a bare `on`, a value outside its enum or bounds.",
  }),
};
