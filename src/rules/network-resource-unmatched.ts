/**
 * `network-resource-unmatched`: reported by src/interop/check/operator.ts on the files `sriovc check` and `sriovc import` read
 * (operator YAML/JSON, libvirt XML), not on the `.sriov` model. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule. The rule is configurable like any other.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const networkResourceUnmatched: Rule = {
  meta: ruleMeta({
    id: "network-resource-unmatched",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "A SriovNetwork names a `resourceName` that no policy provides: its pods never get a VF.",
  }),
};
