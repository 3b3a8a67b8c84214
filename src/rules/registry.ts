/**
 * Every rule, in a fixed order, structure rules first. Adding a rule = its module (src/rules/<id>.ts), its page
 * (docs/rules/<id>.md, with a failing and a fixed example that test/rules/docs-examples.test.ts runs), its
 * test (test/rules/<id>.test.ts) and one line here; then `npm run docs:rules` regenerates the rule entries of
 * schema/config.schema.json from the metadata (test/rules/config-schema.test.ts fails until it is run, and
 * when the schema is edited by hand). `runRules` runs the rules that have a check, with the severity the
 * configuration gives each. A rule that looks at every interface, traffic block, VM or container picks out
 * the ones it checks from the arrays of iface-facts.ts (read from the model once per check for every rule)
 * and reads an entity itself only when it may report it.
 */
import { withSeverity, type Diagnostic, type Severity } from "../diagnostics/diagnostic.js";
import { UNUSED_SUPPRESSION, type SuppressionPolicy } from "../diagnostics/suppressions.js";
import type { Model } from "../semantics/model.js";
import type { AnalyzeModel, ModelAnalysis } from "./analysis.js";
import { syntax } from "./syntax.js";
import { importNotFound } from "./import-not-found.js";
import { importCycle } from "./import-cycle.js";
import { misplacedBlock } from "./misplaced-block.js";
import { duplicateListItem } from "./duplicate-list-item.js";
import { duplicateName } from "./duplicate-name.js";
import { unknownReference } from "./unknown-reference.js";
import { unknownAttribute } from "./unknown-attribute.js";
import { invalidValue } from "./invalid-value.js";
import { missingAttribute } from "./missing-attribute.js";
import { unknownTemplate } from "./unknown-template.js";
import { vfCountExceedsMax } from "./vf-count-exceeds-max.js";
import { vfIndexOutOfRange } from "./vf-index-out-of-range.js";
import { vfAssignedTwice } from "./vf-assigned-twice.js";
import { vfExhausted } from "./vf-exhausted.js";
import { vmdqPoolsExhausted } from "./vmdq-pools-exhausted.js";
import { msixExhausted } from "./msix-exhausted.js";
import { iommuRequired } from "./iommu-required.js";
import { dpdkWithoutHugepages } from "./dpdk-without-hugepages.js";
import { pfBoundToDpdk } from "./pf-bound-to-dpdk.js";
import { vmOnBareMetal } from "./vm-on-bare-metal.js";
import { pciAddressDuplicate } from "./pci-address-duplicate.js";
import { mtuExceedsPf } from "./mtu-exceeds-pf.js";
import { sriovBypassesVswitch } from "./sriov-bypasses-vswitch.js";
import { liveMigrationWithVf } from "./live-migration-with-vf.js";
import { offloadUnsupported } from "./offload-unsupported.js";
import { vdpaWithoutSwitchdev } from "./vdpa-without-switchdev.js";
import { queuesExceedCores } from "./queues-exceed-cores.js";
import { numaMismatch } from "./numa-mismatch.js";
import { duplicateMac } from "./duplicate-mac.js";
import { invalidMac } from "./invalid-mac.js";
import { vlanMismatch } from "./vlan-mismatch.js";
import { frameExceedsMtu } from "./frame-exceeds-mtu.js";
import { vfSpoofcheckDisabled } from "./vf-spoofcheck-disabled.js";
import { pinOverlap } from "./pin-overlap.js";
import { vcpuOvercommit } from "./vcpu-overcommit.js";
import { linkOversubscribed } from "./link-oversubscribed.js";
import { interruptStorm } from "./interrupt-storm.js";
import { cpuSaturated } from "./cpu-saturated.js";
import { unusedVf } from "./unused-vf.js";
import { unusedDeclaration } from "./unused-declaration.js";
import { noTraffic } from "./no-traffic.js";
import { unusedSuppression } from "./unused-suppression.js";
import { vfTrustEnabled } from "./vf-trust-enabled.js";
import { vfOnlyAttribute } from "./vf-only-attribute.js";
import { numaContradictsPin } from "./numa-contradicts-pin.js";
import { pinCountMismatch } from "./pin-count-mismatch.js";
import { vmdqPoolsExceedsMax } from "./vmdq-pools-exceeds-max.js";
import { pfCountExceedsPorts } from "./pf-count-exceeds-ports.js";
import { trafficAfterRun } from "./traffic-after-run.js";
import { trafficCrossesHosts } from "./traffic-crosses-hosts.js";
import { inputSyntax } from "./input-syntax.js";
import { unknownField } from "./unknown-field.js";
import { invalidFieldValue } from "./invalid-field-value.js";
import { ipamWhitespaceStripped } from "./ipam-whitespace-stripped.js";
import { importUnmapped } from "./import-unmapped.js";
import { policyNumvfsExceedsTotalvfs } from "./policy-numvfs-exceeds-totalvfs.js";
import { policyVfRangeInvalid } from "./policy-vf-range-invalid.js";
import { policyDeviceTypeConflict } from "./policy-device-type-conflict.js";
import { policySelectsNoPf } from "./policy-selects-no-pf.js";
import { policyVfOverlap } from "./policy-vf-overlap.js";
import { pluginVfRangeInvalid } from "./plugin-vf-range-invalid.js";
import { pluginSelectsNoVf } from "./plugin-selects-no-vf.js";
import { networkResourceUnmatched } from "./network-resource-unmatched.js";
import { networkTxRateInverted } from "./network-tx-rate-inverted.js";
import { collectingContext, RULE_SETTINGS, type Rule, type RuleSetting } from "./rule.js";
import { closestNames } from "./suggest.js";

export const RULES: readonly Rule[] = [
  syntax,
  importNotFound,
  importCycle,
  misplacedBlock,
  duplicateName,
  unknownReference,
  unknownAttribute,
  invalidValue,
  missingAttribute,
  unknownTemplate,
  inputSyntax,
  vfCountExceedsMax,
  pfCountExceedsPorts,
  vmdqPoolsExceedsMax,
  vfIndexOutOfRange,
  vfAssignedTwice,
  vfExhausted,
  vmdqPoolsExhausted,
  msixExhausted,
  iommuRequired,
  dpdkWithoutHugepages,
  pfBoundToDpdk,
  vmOnBareMetal,
  pciAddressDuplicate,
  mtuExceedsPf,
  sriovBypassesVswitch,
  liveMigrationWithVf,
  offloadUnsupported,
  vdpaWithoutSwitchdev,
  queuesExceedCores,
  numaMismatch,
  numaContradictsPin,
  duplicateMac,
  invalidMac,
  vlanMismatch,
  frameExceedsMtu,
  vfSpoofcheckDisabled,
  vfTrustEnabled,
  vfOnlyAttribute,
  pinOverlap,
  pinCountMismatch,
  vcpuOvercommit,
  linkOversubscribed,
  interruptStorm,
  cpuSaturated,
  unusedVf,
  unusedDeclaration,
  duplicateListItem,
  noTraffic,
  trafficAfterRun,
  trafficCrossesHosts,
  unusedSuppression,
  unknownField,
  invalidFieldValue,
  ipamWhitespaceStripped,
  importUnmapped,
  policyNumvfsExceedsTotalvfs,
  policyVfRangeInvalid,
  policyDeviceTypeConflict,
  policySelectsNoPf,
  policyVfOverlap,
  pluginVfRangeInvalid,
  pluginSelectsNoVf,
  networkResourceUnmatched,
  networkTxRateInverted,
];

const BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.meta.id);

export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** Structure rules come from earlier stages and are always errors: not configurable, not suppressible. */
export function isStructureRule(id: string): boolean {
  return BY_ID.get(id)?.meta.category === "structure";
}

/** Ids a configuration may set (every rule but the structure ones). */
export const CONFIGURABLE_RULE_IDS: readonly string[] = RULES.filter((rule) => rule.meta.category !== "structure").map((rule) => rule.meta.id);

/** The closest rule ids to a misspelt one, nearest first (at most three). */
export function closestRuleIds(id: string, candidates: readonly string[] = RULE_IDS): string[] {
  return closestNames(id, candidates, 3);
}

/** Why `id` cannot be given a setting, in words: a structure rule, or no rule at all (with the nearest ids). */
export function unconfigurableRuleMessage(id: string): string {
  if (isStructureRule(id)) return `'${id}' is a structure rule: it is always an error and cannot be configured`;
  const closest = closestRuleIds(id, CONFIGURABLE_RULE_IDS);
  return closest.length > 0 ? `unknown rule '${id}'; did you mean ${closest.join(", ")}?` : `unknown rule '${id}'; the rule ids are listed in docs/rules/ and in \`sriovc explain\``;
}

/**
 * What is wrong with rule settings given as data (the API's `rules`; sriovc.json's go through its schema,
 * with the same words), or undefined: a severity outside RULE_SETTINGS reached the output as it was.
 */
export function ruleSettingsProblem(settings: RuleSettings): string | undefined {
  for (const [id, setting] of Object.entries(settings)) {
    if (!CONFIGURABLE_RULE_IDS.includes(id)) return unconfigurableRuleMessage(id);
    if (!(RULE_SETTINGS as readonly unknown[]).includes(setting)) return `rule '${id}': ${JSON.stringify(setting)} is not one of ${RULE_SETTINGS.join(", ")}`;
  }
  return undefined;
}

/** Rule id → setting, as read from `sriovc.json` (`rules`); rules not listed keep their default. */
export type RuleSettings = Readonly<Record<string, RuleSetting>>;

export function settingFor(rule: Rule, settings: RuleSettings = {}): RuleSetting {
  if (rule.meta.category === "structure") return "error";
  return Object.hasOwn(settings, rule.meta.id) ? settings[rule.meta.id]! : rule.meta.defaultSeverity;
}

/**
 * Runs every enabled rule that has a check on the resolved model and returns their diagnostics, each
 * with its configured severity, in rule order (callers sort for output).
 */
export function runRules(model: Model, analyze: AnalyzeModel, settings: RuleSettings = {}, rules: readonly Rule[] = RULES): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Lowering and estimating cost more than all other rules together: only when an enabled rule asks.
  let analysis: { readonly value: ModelAnalysis | undefined } | undefined;
  const analysisOnce = (): ModelAnalysis | undefined => (analysis ??= { value: analyze(model) }).value;
  for (const rule of rules) {
    if (rule.check === undefined) continue;
    const setting = settingFor(rule, settings);
    if (setting === "off") continue;
    rule.check(model, collectingContext(rule.meta.id, setting, out, analysisOnce));
  }
  return out;
}

/**
 * Applies the configured severities to diagnostics made outside `runRules` (by the simulator's analysis,
 * say): drops those of rules set to `off`, re-grades the rest. Structure diagnostics pass unchanged.
 */
export function configureDiagnostics(diagnostics: readonly Diagnostic[], settings: RuleSettings = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const rule = BY_ID.get(d.rule);
    if (rule === undefined || rule.meta.category === "structure") {
      out.push(d);
      continue;
    }
    const setting = settingFor(rule, settings);
    if (setting === "off") continue;
    out.push(setting === d.severity ? d : withSeverity(d, setting as Severity));
  }
  return out;
}

/** The suppression policy for a configuration: which ids exist, which cannot be silenced, which are off. */
export function suppressionPolicy(settings: RuleSettings = {}): SuppressionPolicy {
  const unused = BY_ID.get(UNUSED_SUPPRESSION);
  return {
    ruleKind: (id) => {
      const rule = BY_ID.get(id);
      return rule === undefined ? undefined : rule.meta.category === "structure" ? "structure" : "rule";
    },
    closestIds: (id) => closestRuleIds(id, CONFIGURABLE_RULE_IDS),
    isEnabled: (id) => {
      const rule = BY_ID.get(id);
      return rule !== undefined && settingFor(rule, settings) !== "off";
    },
    unusedSeverity: unused === undefined ? "info" : settingFor(unused, settings),
  };
}
