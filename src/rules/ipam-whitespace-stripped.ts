/**
 * `ipam-whitespace-stripped`: reported by src/interop/k8s/network-fields.ts on the operator networks
 * `sriovc check` and `sriovc import` read, not on the `.sriov` model. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule. The rule is configurable like any other.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const ipamWhitespaceStripped: Rule = {
  meta: ruleMeta({
    id: "ipam-whitespace-stripped",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "A JSON string in an operator network's `ipam` holds white space, which the operator removes from all of `ipam`, inside strings too (`\"/a b\"` reaches the CNI as `\"/ab\"`).",
  }),
};
