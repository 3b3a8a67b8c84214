/**
 * `policy-vf-overlap`: reported by src/interop/check/operator.ts on the files `sriovc check` and `sriovc import` read
 * (operator YAML/JSON, libvirt XML), not on the `.sriov` model. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule. The rule is configurable like any other.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const policyVfOverlap: Rule = {
  meta: ruleMeta({
    id: "policy-vf-overlap",
    defaultSeverity: "error",
    category: "resources",
    summary: "Two SriovNetworkNodePolicies claim the same VFs of one PF on one node.",
  }),
};
