/**
 * `plugin-selects-no-vf`: reported by src/interop/check/plugin-no-vf.ts on the device plugin's config.json
 * that `sriovc check` reads, against the nodes' PFs (node states, or `.sriov` hosts), not on the `.sriov`
 * model. Meta only, so that config, SARIF and `sriovc explain` know the rule (a rule may not import the
 * interop stage: test/layering.test.ts). The rule is configurable like any other.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const pluginSelectsNoVf: Rule = {
  meta: ruleMeta({
    id: "plugin-selects-no-vf",
    defaultSeverity: "warning",
    category: "resources",
    summary: "A device plugin resource's `pfNames` and `rootDevices` select no VF on any node given.",
  }),
};
