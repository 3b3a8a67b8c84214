/**
 * The language server's analysis after a run of edits (each file parsed once per text, the analytic
 * estimate's parts reused from earlier edits) equals a check from scratch of the same texts: the same
 * diagnostics as `sriovc check` lists them (checkEntries), and the same analytic figures as the whole
 * estimate of the program. Random edits of the samples (numbers changed, scaled up a thousandfold so
 * that the analysis rules fire, lines deleted, duplicated or blanked), of the importer and of the import.
 * And the estimate is not made at all when the rules that read it are off.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateTopology } from "../../bench/generate.mjs";
import { EstimateCache } from "../../src/driver/estimate-parts.js";
import { createHost } from "../../src/driver/host.js";
import { CompiledProgram, type Settings } from "../../src/driver/program.js";
import { checkEntries, openWorkspace } from "../../src/driver/workspace.js";
import { Project } from "../../src/lsp/project.js";
import type { RuleSettings } from "../../src/rules/registry.js";
import { estimate, type Estimate } from "../../src/sim/analytic.js";
import { buildPlan } from "../../src/sim/plan.js";

const SAMPLES = path.resolve(import.meta.dirname, "../../samples");

/** A copy of the samples (the import under `imports/`), so that files on disk are as the tests expect. */
function samplesCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "sriovc-incremental-"));
  cpSync(SAMPLES, dir, { recursive: true });
  return dir;
}

type Edit =
  | { readonly kind: "number"; readonly line: number; readonly value: number }
  | { readonly kind: "scale"; readonly line: number }
  | { readonly kind: "delete"; readonly line: number }
  | { readonly kind: "duplicate"; readonly line: number }
  | { readonly kind: "blank"; readonly line: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("number" as const), line: fc.nat(), value: fc.integer({ min: 0, max: 70 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("scale" as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("blank" as const), line: fc.nat() }) },
);

/** The edit on a text; numbers are edited on the nearest line at or after `line` that has one. */
function apply(text: string, e: Edit): string {
  const lines = text.split("\n");
  const at = e.line % lines.length;
  if (e.kind === "delete") lines.splice(at, 1);
  else if (e.kind === "duplicate") lines.splice(at, 0, lines[at]!);
  else if (e.kind === "blank") lines.splice(at, 0, "");
  else {
    for (let k = 0; k < lines.length; k++) {
      const i = (at + k) % lines.length;
      const line = lines[i]!;
      const match = /\d+/.exec(line);
      if (match === null || line.trimStart().startsWith("import")) continue;
      const replacement = e.kind === "number" ? String(e.value) : `${match[0]}000`;
      lines[i] = line.slice(0, match.index) + replacement + line.slice(match.index + match[0].length);
      break;
    }
  }
  return lines.join("\n");
}

/** The figures by what they describe (order and indices differ between the whole plan and the parts). */
function figures(e: Estimate | undefined) {
  if (e === undefined) return undefined;
  const key = (s: string[]): string => s.join("#");
  return {
    cores: e.cores.map((c) => ({ ...c })).sort((a, b) => (key([a.host, String(a.core).padStart(6)]) < key([b.host, String(b.core).padStart(6)]) ? -1 : 1)),
    links: [...e.links].sort((a, b) => (key([a.pf, a.kind]) < key([b.pf, b.kind]) ? -1 : 1)),
    interfaces: e.interfaces
      .map((f) => ({ ...f, queues: f.queues.map((q) => ({ ...q, core: `${e.cores[q.core]!.host}#${e.cores[q.core]!.core}` })) }))
      .sort((a, b) => (key([a.id, a.direction]) < key([b.id, b.direction]) ? -1 : 1)),
  };
}

/** `sriovc check FILE` from scratch, run in `cwd` with the texts given. */
function fromScratch(cwd: string, file: string, texts: ReadonlyMap<string, string>, settings: Settings) {
  const host = createHost({ cwd });
  for (const [name, text] of texts) host.setFile(name, text);
  const checked = checkEntries([file], { host, settings });
  const ir = checked.programs[0]?.ir;
  return { diagnostics: checked.diagnostics, figures: figures(ir === undefined ? undefined : estimate(buildPlan(ir))) };
}

describe("an analysis after edits equals a check from scratch", () => {
  const roots = readdirSync(SAMPLES)
    .filter((f) => f.endsWith(".sriov"))
    .map((f) => path.join(SAMPLES, f));
  roots.push(path.join(SAMPLES, "imports", "rack.sriov"));

  it("over random edits of the samples, the importer and the import", () => {
    fc.assert(
      fc.property(fc.constantFrom(...roots.map((r) => path.relative(SAMPLES, r))), fc.array(fc.tuple(edit, fc.boolean()), { minLength: 1, maxLength: 8 }), (name, edits) => {
        const dir = samplesCopy();
        const root = path.join(dir, name);
        const imported = path.join(dir, "imports", "templates.sriov");
        const settings: Settings = { rules: {} };
        const project = new Project({ cwd: dir, settingsFor: () => settings });
        const texts = new Map<string, string>([[root, readFileSync(root, "utf8")]]);
        project.setOverlay(root, texts.get(root)!);
        project.analyze(root);
        for (const [e, onImport] of edits) {
          // The import is edited only where the root imports it (rack.sriov); elsewhere the root is.
          const target = onImport && name.startsWith("imports") ? imported : root;
          const before = texts.get(target) ?? readFileSync(target, "utf8");
          const after = apply(before, e);
          texts.set(target, after);
          project.setOverlay(target, after);
          const analysis = project.analyze(root);
          const scratch = fromScratch(dir, root, texts, settings);
          expect(analysis.diagnostics).toEqual(scratch.diagnostics);
          expect(figures(analysis.program?.figures)).toEqual(scratch.figures);
        }
      }),
      { numRuns: 60, seed: 20261130 },
    );
  }, 120_000);

  it("over edits of the bench's generated topology that raise and clear analysis findings", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sriovc-incremental-"));
    const file = path.join(dir, "main.sriov");
    let text = generateTopology({ lines: 1500 }).source;
    const settings: Settings = { rules: {} };
    const project = new Project({ cwd: dir, settingsFor: () => settings });
    project.setOverlay(file, text);
    project.analyze(file);
    const rates = [...text.matchAll(/rate = (\d+)(\w+)/g)].slice(0, 6);
    expect(rates.length).toBeGreaterThan(3);
    let analysisFindings = 0;
    for (const [k, match] of rates.entries()) {
      // A rate a thousand times higher (findings appear), then the next edit puts the previous one back.
      text = text.replace(match[0], `rate = ${match[1]}000${match[2]}`);
      if (k > 0) text = text.replace(`rate = ${rates[k - 1]![1]}000${rates[k - 1]![2]}`, rates[k - 1]![0]);
      project.setOverlay(file, text);
      const analysis = project.analyze(file);
      const scratch = fromScratch(dir, file, new Map([[file, text]]), settings);
      expect(analysis.diagnostics).toEqual(scratch.diagnostics);
      expect(figures(analysis.program?.figures)).toEqual(scratch.figures);
      analysisFindings += analysis.diagnostics.filter((d) => ["interrupt-storm", "cpu-saturated", "link-oversubscribed"].includes(d.rule)).length;
    }
    expect(analysisFindings).toBeGreaterThan(0);
  }, 60_000);
});

describe("the analytic estimate is made only when a rule that reads it is enabled", () => {
  const ANALYSIS_RULES = ["interrupt-storm", "cpu-saturated", "link-oversubscribed"];
  const dir = path.resolve("/virtual/incremental");
  const file = path.join(dir, "t.sriov");
  const source = generateTopology({ lines: 1500 }).source;

  const estimatedParts = (rules: RuleSettings): number => {
    const host = createHost({ cwd: dir });
    host.setFile(file, source);
    const estimates = new EstimateCache();
    const program = new CompiledProgram(openWorkspace([file], { host }).programs[0]!.program, { rules }, { estimates });
    expect(program.diagnostics).toBeDefined();
    return estimates.estimatedParts;
  };

  it("is not made with the three analysis rules off", () => {
    expect(estimatedParts(Object.fromEntries(ANALYSIS_RULES.map((id) => [id, "off" as const])))).toBe(0);
  });

  it.each(ANALYSIS_RULES)("is made when only %s is on", (id) => {
    const rules: RuleSettings = Object.fromEntries(ANALYSIS_RULES.map((other) => [other, other === id ? ("warning" as const) : ("off" as const)]));
    expect(estimatedParts(rules)).toBeGreaterThan(0);
  });
});
