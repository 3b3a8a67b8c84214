/**
 * `plugin-vf-range-invalid`: reported by src/interop/check/plugin-ranges.ts on the device plugin's
 * config.json that `sriovc check` reads, not on the `.sriov` model. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule. The rule is configurable like any other.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const pluginVfRangeInvalid: Rule = {
  meta: ruleMeta({
    id: "plugin-vf-range-invalid",
    defaultSeverity: "error",
    category: "resources",
    summary: "A VF range of the device plugin's config.json (`pfNames`, `rootDevices`) that the plugin does not read as written, never reads, or that takes VFs the node's PF does not have.",
  }),
};
