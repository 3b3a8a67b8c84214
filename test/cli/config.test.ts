import { mkdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_SCHEMA_PATH, findConfigFile, loadConfig, parseConfig } from "../../src/cli/config.js";
import { UsageError } from "../../src/cli/errors.js";
import { CONFIGURABLE_RULE_IDS, RULES } from "../../src/rules/registry.js";
import { tempTree } from "../helpers/tmp.js";

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("sriovc.json", () => {
  it("is found in the working directory or the nearest parent", () => {
    const root = tempTree({ "sriovc.json": "{}", "a/b/topology.sriov": "" });
    mkdirSync(path.join(root, "a/b/c"));
    expect(findConfigFile(path.join(root, "a/b/c"))).toBe(path.join(root, "sriovc.json"));
    const nested = tempTree({ "x/sriovc.json": "{}", "sriovc.json": "{}" });
    expect(findConfigFile(path.join(nested, "x"))).toBe(path.join(nested, "x/sriovc.json"));
  });

  it("reads a configuration: severities by rule id and the profile", () => {
    const root = tempTree({
      "sriovc.json": JSON.stringify({
        $schema: "./node_modules/sriovc/schema/config.schema.json",
        rules: { "numa-mismatch": "error", "unused-vf": "off" },
        profile: "default",
      }),
    });
    expect(loadConfig({ cwd: root })).toEqual({ file: "sriovc.json", rules: { "numa-mismatch": "error", "unused-vf": "off" }, profile: "default" });
  });

  it("uses the defaults when there is no file, and --config relative to the working directory", () => {
    const root = tempTree({ "conf/strict.json": '{ "rules": { "unused-vf": "error" } }' });
    expect(loadConfig({ cwd: path.join(root, "conf") }).rules).toEqual({});
    expect(loadConfig({ cwd: root, configPath: "conf/strict.json" })).toEqual({ file: "conf/strict.json", rules: { "unused-vf": "error" } });
    expect(usageError(() => loadConfig({ cwd: root, configPath: "nope.json" }))).toBe("cannot read config 'nope.json': no such file");
  });

  it("names the file, the line and column of the offending value, the JSON pointer and what was expected", () => {
    const text = '{\n  "$schema": "./schema/config.schema.json",\n  "rules": {\n    "unused-vf": "warn",\n    "a/b~c": "off"\n  },\n  "profile": "nope"\n}\n';
    expect(usageError(() => parseConfig(text, "sriovc.json"))).toBe(
      "sriovc.json:5:14: /rules/a~1b~0c: unknown rule 'a/b~c'; the rule ids are listed in docs/rules/ and in `sriovc explain`\nsriovc: sriovc.json:4:18: /rules/unused-vf: must be one of error, warning, info, off",
    );
    expect(usageError(() => parseConfig(text.replace('"warn"', '"warning"').replace(',\n    "a/b~c": "off"', ""), "sriovc.json"))).toBe(
      "sriovc.json:6:14: /profile: unknown cost profile 'nope'; known profiles: apicv-no-posted, default, legacy-no-posted",
    );
    expect(usageError(() => parseConfig('{ "rules": { "numa-mismatch": "fatal" } }', "sriovc.json"))).toBe(
      "sriovc.json:1:31: /rules/numa-mismatch: must be one of error, warning, info, off",
    );
    expect(usageError(() => parseConfig('{ "rules": [], "profile": 3 }', "cfg/sriovc.json"))).toBe(
      "cfg/sriovc.json:1:12: /rules: must be an object\nsriovc: cfg/sriovc.json:1:27: /profile: must be a string",
    );
    expect(usageError(() => parseConfig('{ "rule": {} }', "sriovc.json"))).toBe(
      "sriovc.json:1:11: /rule: unknown setting 'rule'; expected rules, profile, importRoots or $schema",
    );
    expect(usageError(() => parseConfig("[]", "sriovc.json"))).toBe("sriovc.json:1:1: /: must be an object");
  });

  it("suggests the closest rule ids for an unknown one, and refuses structure rules", () => {
    expect(usageError(() => parseConfig('{ "rules": { "numa-missmatch": "off" } }', "sriovc.json"))).toBe(
      "sriovc.json:1:32: /rules/numa-missmatch: unknown rule 'numa-missmatch'; did you mean numa-mismatch?",
    );
    expect(usageError(() => parseConfig('{ "rules": { "unused-vfs": "off" } }', "sriovc.json"))).toBe(
      "sriovc.json:1:28: /rules/unused-vfs: unknown rule 'unused-vfs'; did you mean unused-vf?",
    );
    expect(usageError(() => parseConfig('{ "rules": { "syntax": "off" } }', "sriovc.json"))).toBe(
      "sriovc.json:1:24: /rules/syntax: 'syntax' is a structure rule: it is always an error and cannot be configured",
    );
  });

  it("reports broken JSON with line and column", () => {
    expect(usageError(() => parseConfig('{\n  "rules": {\n    "unused-vf": "off",\n  }\n}', "sriovc.json"))).toMatch(/^sriovc\.json:4:3: not valid JSON: /);
  });

  it("has a published schema that lists exactly the configurable rules, each with the four settings", () => {
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, "utf8"));
    expect(Object.keys(schema.properties.rules.properties)).toEqual([...CONFIGURABLE_RULE_IDS]);
    expect(schema.$defs.setting.enum).toEqual(["error", "warning", "info", "off"]);
    expect(CONFIGURABLE_RULE_IDS.length).toBe(RULES.filter((r) => r.meta.category !== "structure").length);
    for (const id of CONFIGURABLE_RULE_IDS) expect(schema.properties.rules.properties[id].description).toContain(`docs/rules/${id}.md`);
  });
});
