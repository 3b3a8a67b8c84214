/**
 * `policy-selects-no-pf`: reported by src/interop/check/operator.ts on the files `sriovc check` and `sriovc import` read
 * (operator YAML/JSON, libvirt XML), not on the `.sriov` model. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule. The rule is configurable like any other.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const policySelectsNoPf: Rule = {
  meta: ruleMeta({
    id: "policy-selects-no-pf",
    defaultSeverity: "error",
    category: "semantics",
    summary: "A SriovNetworkNodePolicy for a named node selects none of that node's interfaces.",
  }),
};
