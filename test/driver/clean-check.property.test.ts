/**
 * "A clean check compiles and simulates": every generated topology that `check` passes with no error must
 * lower to an IR that the published schema accepts and simulate without error — in process through the
 * driver, and for a sample through the built CLI.
 *
 * Rule severities: lowering never reads them, so a program compiles the same way whatever the
 * configuration says; the configuration only decides whether `check` lets it through. The most permissive
 * configuration (every configurable rule `off`) lets through every program any configuration lets through,
 * so each topology is checked with it, and also with the default configuration and a random one.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createHost } from "../../src/driver/host.js";
import { CompiledProgram, type Settings } from "../../src/driver/program.js";
import { openWorkspace } from "../../src/driver/workspace.js";
import { validateIr } from "../../src/lower/validate.js";
import { CONFIGURABLE_RULE_IDS, type RuleSettings } from "../../src/rules/registry.js";
import { RULE_SETTINGS } from "../../src/rules/rule.js";
import { sriovc } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";
import { topologySource } from "./topology-arbitrary.js";

const ALL_OFF: RuleSettings = Object.fromEntries(CONFIGURABLE_RULE_IDS.map((id) => [id, "off"]));
const randomSettings: fc.Arbitrary<RuleSettings> = fc
  .array(fc.tuple(fc.constantFrom(...CONFIGURABLE_RULE_IDS), fc.constantFrom(...RULE_SETTINGS)), { maxLength: 12 })
  .map((pairs) => Object.fromEntries(pairs));

const ROOT = path.resolve("/virtual/topology");
const ENTRY = path.join(ROOT, "t.sriov");
const host = createHost({ cwd: ROOT });

interface Outcome {
  readonly clean: boolean;
  readonly compiled: boolean;
}

/** Loads a topology (the host parses it once, however many configurations then check it). */
function load(source: string) {
  host.setFile(ENTRY, source);
  return openWorkspace([ENTRY], { host }).programs[0]!.program;
}

/** Checks, and when clean compiles, validates and simulates; throws on any break of the property. */
function run(source: string, settings: Settings): Outcome {
  const program = new CompiledProgram(load(source), settings);
  if (program.hasErrors) return { clean: false, compiled: false };
  const compiled = program.compile();
  if (!compiled.ok) throw new Error(`a clean check did not compile: ${compiled.message ?? compiled.errors.map((e) => e.message).join("; ")}`);
  const valid = validateIr(JSON.parse(JSON.stringify(compiled.ir)));
  if (!valid.ok) throw new Error(`a clean check lowered to an invalid IR: ${valid.errors.map((e) => `${e.pointer}: ${e.message}`).join("; ")}`);
  const simulated = program.simulate({ durationNs: 200_000 });
  if (!simulated.ok) throw new Error(`a clean check did not simulate: ${simulated.message}`);
  return { clean: true, compiled: true };
}

const RUNS = 2000;

describe("a clean check compiles to a schema-valid IR and simulates", () => {
  it(`holds for ${RUNS} generated topologies, with every rule off, by default and in a random configuration`, () => {
    let cleanAllOff = 0;
    let cleanByDefault = 0;
    fc.assert(
      fc.property(topologySource, randomSettings, fc.boolean(), (source, settings, legacy) => {
        const permissive = run(source, { rules: ALL_OFF });
        if (permissive.clean) cleanAllOff++;
        const byDefault = run(source, {});
        if (byDefault.clean) cleanByDefault++;
        const random = run(source, { rules: settings, ...(legacy ? { profile: "legacy-no-posted" } : {}) });
        // Turning rules off can only let more programs through, never fewer.
        if (byDefault.clean || random.clean) expect(permissive.clean).toBe(true);
      }),
      { numRuns: RUNS, seed: 20261130 },
    );
    // The generator must reach the interesting side of the property, not only inputs with errors.
    expect(cleanAllOff).toBeGreaterThan(RUNS / 4);
    expect(cleanByDefault).toBeGreaterThan(RUNS / 20);
  }, 120_000);

  it("the built CLI agrees on a sample: exit 0 for compile and simulate with every rule off", () => {
    const samples = fc.sample(topologySource.filter((source) => run(source, { rules: ALL_OFF }).clean), { numRuns: 6, seed: 7 });
    const dir = tempTree({ "sriovc.json": JSON.stringify({ rules: ALL_OFF }) });
    samples.forEach((source, i) => {
      writeFileSync(path.join(dir, `t${i}.sriov`), source);
      const compiled = sriovc(["compile", `t${i}.sriov`], { cwd: dir });
      expect({ code: compiled.code, stderr: compiled.stderr.split("\n").filter((l) => /internal error|LowerError/.test(l)) }, source).toEqual({ code: 0, stderr: [] });
      expect(validateIr(JSON.parse(compiled.stdout)).ok).toBe(true);
      const simulated = sriovc(["simulate", `t${i}.sriov`, "--duration", "200us", "--format", "json"], { cwd: dir });
      expect({ code: simulated.code, stderr: simulated.stderr.split("\n").filter((l) => /internal error|LowerError/.test(l)) }, source).toEqual({ code: 0, stderr: [] });
    });
  }, 60_000);
});
