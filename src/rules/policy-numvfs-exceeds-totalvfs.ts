/**
 * `policy-numvfs-exceeds-totalvfs`: reported by src/interop/check/operator.ts on the files `sriovc check` and `sriovc import` read
 * (operator YAML/JSON, libvirt XML), not on the `.sriov` model. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule. The rule is configurable like any other.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const policyNumvfsExceedsTotalvfs: Rule = {
  meta: ruleMeta({
    id: "policy-numvfs-exceeds-totalvfs",
    defaultSeverity: "error",
    category: "resources",
    summary: "A SriovNetworkNodePolicy asks a PF for more VFs than it supports (or for none).",
  }),
};
