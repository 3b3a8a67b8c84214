/** Every sample that checks without errors lowers to an IR that validates against the published schema, and simulates. */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { checkProgram } from "../../src/driver/workspace.js";
import { loadWorkspace } from "../../src/semantics/loader.js";
import { lowerModel } from "../../src/lower/lower.js";
import { validateIr } from "../../src/lower/validate.js";
import { simulate, withSettings } from "../../src/sim/simulate.js";

const SAMPLES = path.resolve(import.meta.dirname, "../../samples");
const files = readdirSync(SAMPLES, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".sriov"))
  .sort();

function lowerFile(file: string) {
  const { workspace } = loadWorkspace([path.join(SAMPLES, file)], { cwd: SAMPLES });
  const program = workspace.programs.find((p) => p.root === file.split(path.sep).join("/"))!;
  const { model, diagnostics } = checkProgram(program);
  if (model === undefined) throw new Error(`${file} has syntax errors`);
  const errors = diagnostics.filter((d) => d.severity === "error");
  return { errors, lowered: lowerModel(model) };
}

describe("lowering the samples", () => {
  for (const file of files) {
    it(file, () => {
      const { errors, lowered } = lowerFile(file);
      if (errors.length > 0) return; // samples/mistakes.sriov and friends: check stops them before lowering
      if (!lowered.ok) throw new Error(lowered.errors.map((e) => e.message).join("\n"));
      const json = JSON.parse(JSON.stringify(lowered.ir));
      const validation = validateIr(json);
      expect(validation.ok ? [] : validation.errors).toEqual([]);
      const outcome = simulate(withSettings(lowered.ir, { durationNs: 2_000_000 }));
      expect(outcome.ok ? "" : outcome.message).toBe("");
    });
  }
  it("at least one sample lowers", () => {
    expect(files.some((f) => lowerFile(f).errors.length === 0)).toBe(true);
  });
});
