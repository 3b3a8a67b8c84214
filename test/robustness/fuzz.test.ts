// Bounded, seeded fuzzing for CI (the long run is `npm run fuzz`, bench/fuzz.mjs): random bytes, token soup
// from the lexer's vocabulary, grammar-aware and byte-level mutations of the samples (invalid UTF-8,
// controls, U+2028). In process (the whole check
// pipeline) and through the built CLI (check and fmt --check over a directory of inputs).
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { fuzzInput, looksLikeCrash, mutateInterop, rangeProblems, rng, type JsonDiagnostic } from "../../bench/fuzz-inputs.mjs";
import { generateTopology } from "../../bench/generate.mjs";
import { checkEntries } from "../../src/driver/workspace.js";
import { REPO } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";
import { runCli } from "./run-cli.js";

const SAMPLES = path.join(REPO, "samples");
const seeds = readdirSync(SAMPLES, { recursive: true })
  .filter((f) => String(f).endsWith(".sriov"))
  .map((f) => readFileSync(path.join(SAMPLES, String(f)), "utf8"));
seeds.push(generateTopology({ lines: 300 }).source);

/** The inputs as files (their bytes, often not valid UTF-8) in a fresh directory; name → decoded text. */
function inputs(seed: number, count: number, size: number): { dir: string; files: Record<string, string> } {
  const dir = tempTree({});
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const input = fuzzInput(seed, i, seeds, size);
    const name = `f${i}-${input.kind}.sriov`;
    writeFileSync(path.join(dir, name), input.bytes);
    files[name] = input.text;
  }
  return { dir, files };
}

describe("fuzzing", () => {
  it("the check pipeline never throws and keeps every span inside its file (400 inputs)", () => {
    const { dir, files } = inputs(11, 400, 3000);
    const result = checkEntries(Object.keys(files).map((name) => path.join(dir, name)));
    expect(result.fileCount).toBeGreaterThanOrEqual(400);
    const problems: string[] = [];
    for (const d of result.diagnostics) {
      const text = result.sources.get(d.span.file);
      if (text === undefined) {
        problems.push(`${d.rule}: unknown file ${d.span.file}`);
        continue;
      }
      const { start, end, line, column, endLine, endColumn } = d.span;
      const numbers = [start, end, line, column, endLine, endColumn];
      if (!numbers.every(Number.isInteger) || start < 0 || end < start || end > text.length || line < 1 || column < 1)
        problems.push(`${d.span.file}: ${d.rule} span ${JSON.stringify(d.span)} outside a text of ${text.length} characters`);
      if (!["error", "warning", "info"].includes(d.severity)) problems.push(`${d.rule}: severity ${d.severity}`);
      if (d.rule === "syntax" && !d.help) problems.push(`${d.span.file}: syntax error without a help line: ${d.message}`);
    }
    expect(problems).toEqual([]);
  });

  it("through the CLI: exit 0/1, no stack trace, ranges inside the file (check and fmt --check, 120 inputs)", () => {
    const { dir, files } = inputs(23, 120, 2000);
    const check = runCli(["check", ".", "--format", "json"], { cwd: dir });
    expect(check.signal).toBeNull();
    expect([0, 1]).toContain(check.code);
    expect(looksLikeCrash(check.stdout + check.stderr)).toBe(false);
    const diagnostics = JSON.parse(check.stdout) as JsonDiagnostic[];
    expect(diagnostics.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const [name, text] of Object.entries(files)) {
      const own = diagnostics.filter((d) => d.file === name || d.file === `./${name}`);
      problems.push(...rangeProblems(text, own).map((p) => `${name}: ${p}`));
    }
    expect(problems).toEqual([]);
    const fmt = runCli(["fmt", "--check", "."], { cwd: dir });
    expect(fmt.signal).toBeNull();
    expect([0, 1]).toContain(fmt.code);
    expect(looksLikeCrash(fmt.stdout + fmt.stderr)).toBe(false);
  });

  it("operator YAML and libvirt XML, mutated: check never throws and keeps every span inside its file (200 inputs)", () => {
    const fixtures = path.join(REPO, "test/fixtures/interop");
    const interopSeeds = readdirSync(fixtures, { recursive: true })
      .map(String)
      .filter((f) => /\.(ya?ml|xml|json)$/.test(f))
      // Every extension `check` reads as operator objects or libvirt XML: `.yml` seeds are the `.yaml` ones.
      .flatMap((f) => {
        const text = readFileSync(path.join(fixtures, f), "utf8");
        return path.extname(f) === ".yaml" ? [{ ext: ".yaml", text }, { ext: ".yml", text }] : [{ ext: path.extname(f), text }];
      });
    expect(interopSeeds.length).toBeGreaterThan(5);
    const r = rng(31);
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) {
      const seed = r.pick(interopSeeds);
      files[`i${i}${seed.ext}`] = mutateInterop(r, seed.text);
    }
    const dir = tempTree(files);
    const result = checkEntries(Object.keys(files).map((name) => path.join(dir, name)), { cwd: dir });
    expect(result.fileCount).toBe(200);
    const problems: string[] = [];
    for (const d of result.diagnostics) {
      const text = result.sources.get(d.span.file);
      if (text === undefined) {
        problems.push(`${d.rule}: unknown file ${d.span.file}`);
        continue;
      }
      const { start, end, line, column } = d.span;
      if (![start, end, line, column].every(Number.isInteger) || start < 0 || end < start || end > text.length || line < 1 || column < 1)
        problems.push(`${d.span.file}: ${d.rule} span ${JSON.stringify(d.span)} outside a text of ${text.length} characters`);
    }
    expect(problems).toEqual([]);
  });
});
