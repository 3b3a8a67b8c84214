/**
 * `network-tx-rate-inverted`: reported by src/interop/check/operator.ts on the files `sriovc check` and `sriovc import` read
 * (operator YAML/JSON, libvirt XML), not on the `.sriov` model. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule. The rule is configurable like any other.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const networkTxRateInverted: Rule = {
  meta: ruleMeta({
    id: "network-tx-rate-inverted",
    defaultSeverity: "error",
    category: "semantics",
    summary: "A SriovNetwork's `minTxRate` is above its `maxTxRate`.",
  }),
};
