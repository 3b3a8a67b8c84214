/**
 * `policy-vf-range-invalid`: reported by src/interop/check/operator.ts on the files `sriovc check` and `sriovc import` read
 * (operator YAML/JSON, libvirt XML), not on the `.sriov` model. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule. The rule is configurable like any other.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const policyVfRangeInvalid: Rule = {
  meta: ruleMeta({
    id: "policy-vf-range-invalid",
    defaultSeverity: "error",
    category: "resources",
    summary: "A `pfNames` VF range of a SriovNetworkNodePolicy does not parse, is a list, or ends past `numVfs`.",
  }),
};
