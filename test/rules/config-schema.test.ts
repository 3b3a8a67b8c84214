import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { regenerateConfigSchema, ruleSchemaDescription } from "../../src/rules/config-schema.js";
import { CONFIGURABLE_RULE_IDS, findRule, RULES } from "../../src/rules/registry.js";
import { RULE_SETTINGS } from "../../src/rules/rule.js";
import { REPO } from "../helpers/cli.js";

const SCHEMA_FILE = path.join(REPO, "schema/config.schema.json");
const text = readFileSync(SCHEMA_FILE, "utf8");
const schema = JSON.parse(text) as { properties: { rules: { properties: Record<string, { description: string }>; additionalProperties: boolean } } };
const ruleProperties = schema.properties.rules.properties;

describe("schema/config.schema.json's rules, generated from the rule metadata", () => {
  it("is the committed file exactly as `npm run docs:rules` writes it", () => {
    // Fails when a rule's summary or default changes without regenerating, or when the schema is edited by hand.
    expect(regenerateConfigSchema(text)).toBe(text);
  });

  it("lists every configurable rule of the registry, in its order, and nothing else", () => {
    expect(Object.keys(ruleProperties)).toEqual(CONFIGURABLE_RULE_IDS);
    for (const rule of RULES.filter((r) => r.meta.category === "structure")) expect(Object.keys(ruleProperties)).not.toContain(rule.meta.id);
    expect(schema.properties.rules.additionalProperties).toBe(false);
  });

  it("describes each rule with its own summary, default severity and page", () => {
    for (const id of CONFIGURABLE_RULE_IDS) {
      const meta = findRule(id)!.meta;
      expect(ruleProperties[id]!.description, id).toBe(`${meta.summary} Default: ${meta.defaultSeverity}. See docs/rules/${id}.md.`);
    }
  });

  it("notices a description edited on either side and a rule missing from the file", () => {
    const id = "vf-exhausted";
    const edited = text.replace(JSON.stringify(ruleSchemaDescription(findRule(id)!.meta)), JSON.stringify("An older summary."));
    expect(edited).not.toBe(text);
    expect(regenerateConfigSchema(edited)).toBe(text);
    const withoutRule = JSON.parse(text) as typeof schema;
    delete withoutRule.properties.rules.properties[id];
    expect(regenerateConfigSchema(JSON.stringify(withoutRule))).toBe(text);
  });

  it("accepts every configurable rule at every setting and refuses structure rules and unknown ids (ajv)", () => {
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    for (const setting of RULE_SETTINGS) expect(validate({ rules: Object.fromEntries(CONFIGURABLE_RULE_IDS.map((id) => [id, setting])) }), setting).toBe(true);
    expect(validate({ rules: { syntax: "off" } })).toBe(false);
    expect(validate({ rules: { "vf-exhaustd": "off" } })).toBe(false);
    expect(validate({ rules: { "vf-exhausted": "fatal" } })).toBe(false);
  });
});
