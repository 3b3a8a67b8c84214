/**
 * The `rules` part of schema/config.schema.json, generated from the registry so that the rule metadata is
 * the one place a rule's summary and default severity are decided: `npm run docs:rules` writes the schema
 * file, and test/rules/config-schema.test.ts fails when the committed file differs from what this makes.
 */
import { CONFIGURABLE_RULE_IDS, findRule } from "./registry.js";
import type { RuleMeta } from "./rule.js";

/** What an editor shows for a rule id in `sriovc.json`: the summary, the default and the page. */
export function ruleSchemaDescription(meta: RuleMeta): string {
  return `${meta.summary} Default: ${meta.defaultSeverity}. See ${meta.docs}.`;
}

/** One property per configurable rule, in registry order, each a setting with its description. */
export function ruleSchemaProperties(): Record<string, { $ref: string; description: string }> {
  const properties: Record<string, { $ref: string; description: string }> = {};
  for (const id of CONFIGURABLE_RULE_IDS) properties[id] = { $ref: "#/$defs/setting", description: ruleSchemaDescription(findRule(id)!.meta) };
  return properties;
}

interface ConfigSchemaShape {
  properties: { rules: { properties: unknown } };
}

/**
 * The configuration schema's text with its rule properties regenerated and everything else kept as it is
 * (hand-written: the other keys, the setting enum, the wording outside the rules), in the file's format
 * (two-space JSON and a final newline).
 */
export function regenerateConfigSchema(text: string): string {
  const schema = JSON.parse(text) as ConfigSchemaShape;
  schema.properties.rules.properties = ruleSchemaProperties();
  return `${JSON.stringify(schema, null, 2)}\n`;
}
