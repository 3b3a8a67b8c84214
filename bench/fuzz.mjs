#!/usr/bin/env node
// `npm run fuzz`: the long fuzz run of the real CLI (dist/cli/bin.js). Inputs (random bytes, token soup,
// grammar-aware and byte-level mutations: see fuzz-inputs.mjs) come in batches of files that one
// `sriovc check DIR --format json` reads (and `sriovc fmt --check DIR`), so a run covers thousands of
// inputs per minute; one input per batch that checks without errors also goes through `simulate`. Properties, per batch and per file:
//   - exit code 0 or 1 only; nothing that looks like a stack trace or an internal error on stdout/stderr
//   - stdout is a JSON array; every diagnostic's range lies inside its file
//   - no hang: each batch finishes within a time limit
// then the file-system fuzzer (fs-fuzz.mjs) on `--trees` generated trees (no read outside the root, no
// file changed but the named one), and at the end, time linear in input size (check of a 4× larger
// damaged topology takes ≤ 6× as long). A failing input is kept in fuzz-failures/ with the command that
// failed. The last line counts crashes, hangs and leaks.
//
//   node bench/fuzz.mjs [--inputs 100000] [--minutes M] [--seed 1] [--batch 500] [--size 4000] [--trees 40]
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { fuzzTree } from "./fs-fuzz.mjs";
import { fuzzInput, INPUT_KINDS, looksLikeCrash, mutateInterop, rangeProblems, rng } from "./fuzz-inputs.mjs";
import { generateTopology } from "./generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "dist/cli/bin.js");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const wanted = arg("--inputs", 100_000);
const minutes = arg("--minutes", Infinity);
const seed = arg("--seed", 1);
const batchSize = arg("--batch", 500);
const size = arg("--size", 4000);
const trees = arg("--trees", 40);
const BATCH_TIMEOUT_MS = 120_000;
const SIMULATE_PER_BATCH = 1;
let simulated = 0;

const sampleDir = join(root, "samples");
const seeds = readdirSync(sampleDir, { recursive: true })
  .filter((f) => String(f).endsWith(".sriov"))
  .map((f) => readFileSync(join(sampleDir, String(f)), "utf8"));
seeds.push(generateTopology({ lines: 600 }).source);
// Operator YAML and libvirt XML, checked in place: mutations of the interop fixtures, a quarter of each batch.
const interopDir = join(root, "test/fixtures/interop");
const interopSeeds = readdirSync(interopDir, { recursive: true })
  .map(String)
  .filter((f) => /\.(ya?ml|xml)$/.test(f))
  .map((f) => ({ ext: f.slice(f.lastIndexOf(".")), text: readFileSync(join(interopDir, f), "utf8") }));

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), "sriovc-fuzz-"));
const failures = join(root, "fuzz-failures");
const counts = Object.fromEntries(INPUT_KINDS.map((kind) => [kind, 0]));
let inputs = 0;
let failed = 0;
const kinds = { crash: 0, hang: 0, leak: 0 };
let interopCount = 0;

function run(args, cwd) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", timeout: BATCH_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } });
  return { ...r, ms: Date.now() - started };
}

function fail(batchDir, why, kind = /after \d+ ms|SIGTERM|ETIMEDOUT/.test(why) ? "hang" : "crash") {
  failed += 1;
  kinds[kind] += 1;
  const keep = join(failures, `seed${seed}-${Date.now()}`);
  mkdirSync(keep, { recursive: true });
  for (const f of readdirSync(batchDir)) copyFileSync(join(batchDir, f), join(keep, f));
  writeFileSync(join(keep, "WHY.txt"), `${why}\n`);
  console.error(`fuzz: FAILED: ${why}\n  inputs kept in ${relative(process.cwd(), keep)}`);
}

const deadline = Date.now() + minutes * 60_000;
let batch = 0;
while (inputs < wanted && Date.now() < deadline) {
  const dir = join(work, `b${batch}`);
  mkdirSync(dir);
  const texts = new Map();
  for (let i = 0; i < batchSize; i++) {
    const input = fuzzInput(seed, batch * batchSize + i, seeds, size);
    counts[input.kind] += 1;
    const name = `f${i}-${input.kind}.sriov`;
    writeFileSync(join(dir, name), input.bytes);
    // Diagnostics carry the path as given; the loader decodes as UTF-8 like this.
    texts.set(name, input.text);
  }
  inputs += batchSize;
  let checked;
  const check = run(["check", ".", "--format", "json"], dir);
  if (check.error || check.signal) fail(dir, `check: ${check.error?.message ?? check.signal} after ${check.ms} ms`);
  else if (check.status !== 0 && check.status !== 1) fail(dir, `check exited ${check.status}: ${check.stderr.slice(0, 2000)}`);
  else if (looksLikeCrash(check.stdout) || looksLikeCrash(check.stderr)) fail(dir, `check printed a stack trace or internal error: ${check.stderr.slice(0, 2000)}`);
  else {
    let diagnostics;
    try {
      diagnostics = JSON.parse(check.stdout);
      checked = diagnostics;
    } catch {
      fail(dir, `check --format json did not print JSON: ${check.stdout.slice(0, 500)}`);
    }
    if (diagnostics) {
      const byFile = new Map();
      for (const d of diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
      for (const [file, list] of byFile) {
        const text = texts.get(file.replace(/^\.\//, ""));
        if (text === undefined) continue; // an import that reached another file of the batch
        const problems = rangeProblems(text, list);
        if (problems.length > 0) fail(dir, `${file}: ${problems.slice(0, 5).join("; ")}`);
      }
    }
  }
  // simulate on up to SIMULATE_PER_BATCH inputs that check without errors (mutations mostly): exit 0,
  // or 1/2 with a message (a run out of event budget is 2); never a crash.
  if (checked !== undefined) {
    const withErrors = new Set(checked.filter((d) => d.severity === "error").map((d) => d.file.replace(/^\.\//, "")));
    const clean = [...texts.keys()].filter((name) => !withErrors.has(name)).slice(0, SIMULATE_PER_BATCH);
    for (const name of clean) {
      simulated += 1;
      const sim = run(["simulate", name, "--duration", "1ms", "--format", "json"], dir);
      if (sim.error || sim.signal) fail(dir, `simulate ${name}: ${sim.error?.message ?? sim.signal}`);
      else if (![0, 1, 2].includes(sim.status)) fail(dir, `simulate ${name} exited ${sim.status}`);
      else if (looksLikeCrash(sim.stdout) || looksLikeCrash(sim.stderr)) fail(dir, `simulate ${name} printed a stack trace or internal error: ${sim.stderr.slice(0, 2000)}`);
      else if (sim.status === 0) {
        try {
          JSON.parse(sim.stdout);
        } catch {
          fail(dir, `simulate ${name} --format json did not print JSON`);
        }
      } else if (sim.stderr.trim() === "" && sim.stdout.trim() === "") fail(dir, `simulate ${name} exited ${sim.status} without saying why`);
    }
  }
  const interopNames = [];
  const r = rng(seed * 7919 + batch);
  for (let i = 0; i < Math.ceil(batchSize / 4); i++) {
    const pick = r.pick(interopSeeds);
    const name = `g${i}${pick.ext}`;
    writeFileSync(join(dir, name), mutateInterop(r, pick.text));
    texts.set(name, readFileSync(join(dir, name), "utf8"));
    interopNames.push(name);
  }
  inputs += interopNames.length;
  interopCount += interopNames.length;
  const interop = run(["check", ...interopNames, "--format", "json"], dir);
  if (interop.error || interop.signal) fail(dir, `check (YAML/XML): ${interop.error?.message ?? interop.signal}`);
  else if (interop.status !== 0 && interop.status !== 1) fail(dir, `check (YAML/XML) exited ${interop.status}: ${interop.stderr.slice(0, 2000)}`);
  else if (looksLikeCrash(interop.stdout) || looksLikeCrash(interop.stderr)) fail(dir, `check (YAML/XML) printed a stack trace or internal error: ${interop.stderr.slice(0, 2000)}`);
  else {
    const byFile = new Map();
    for (const d of JSON.parse(interop.stdout)) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    for (const [file, list] of byFile) {
      const problems = rangeProblems(texts.get(file) ?? "", list);
      if (problems.length > 0) fail(dir, `${file}: ${problems.slice(0, 5).join("; ")}`);
    }
  }
  // fmt --check on the inputs without syntax errors (every input of every tenth batch): on the others fmt
  // only prints the syntax errors check has already shown, and that printing would be most of the run.
  const fmtTargets =
    checked === undefined || batch % 10 === 0
      ? ["."]
      : [...texts.keys()].filter((name) => name.endsWith(".sriov") && !checked.some((d) => d.rule === "syntax" && d.file.replace(/^\.\//, "") === name));
  const fmt = fmtTargets.length === 0 ? { status: 0, stdout: "", stderr: "" } : run(["fmt", "--check", ...fmtTargets], dir);
  if (fmt.error || fmt.signal) fail(dir, `fmt --check: ${fmt.error?.message ?? fmt.signal}`);
  else if (fmt.status !== 0 && fmt.status !== 1) fail(dir, `fmt --check exited ${fmt.status}: ${fmt.stderr.slice(0, 2000)}`);
  else if (looksLikeCrash(fmt.stdout) || looksLikeCrash(fmt.stderr)) fail(dir, `fmt --check printed a stack trace or internal error: ${fmt.stderr.slice(0, 2000)}`);
  rmSync(dir, { recursive: true, force: true });
  batch += 1;
  if (batch % 10 === 0) console.error(`fuzz: ${inputs} inputs, ${failed} failures`);
}

// The file-system cases: generated trees through check, fmt --write and compile -o.
for (let tree = 1; tree <= trees; tree++) {
  for (const problem of fuzzTree(seed * 1000 + tree, bin, 30_000)) {
    failed += 1;
    kinds[/outside the root|changed|appeared|disappeared|passwd/.test(problem) ? "leak" : /after \d+ ms|SIGTERM|ETIMEDOUT/.test(problem) ? "hang" : "crash"] += 1;
    console.error(`fuzz: FAILED (file system): ${problem}`);
  }
}

// Linearity: check of a topology 4× larger (a generated one, with a mistake in every host that every
// stage still runs past) takes at most 6× as long; start-up, measured on a tiny file, is subtracted.
// (Token soup and random bytes stop early at the syntax-error cap, so they cannot show growth.)
const linear = [];
for (const lines of [20_000, 80_000]) {
  const file = join(work, `topology-${lines}.sriov`);
  // Every host's pf1 speed becomes a near miss (10GB): an invalid-value per host, all stages still run.
  writeFileSync(file, generateTopology({ lines }).source.replace(/(pf pf1 \{\n\s+pci = \S+\n\s+speed = )100Gbps/g, "$110GB"));
  const times = [1, 2, 3].map(() => run(["check", file, "--format", "json"], work).ms).sort((a, b) => a - b);
  linear.push(times[1]);
}
const tiny = join(work, "tiny.sriov");
writeFileSync(tiny, "host h {}\n");
const startMs = [1, 2, 3].map(() => run(["check", tiny], work).ms).sort((a, b) => a - b)[1];
const ratio = (linear[1] - startMs) / Math.max(1, linear[0] - startMs);
console.error(`fuzz: topology 20k → 80k lines: ${linear[0]} ms → ${linear[1]} ms (start-up ${startMs} ms): ${ratio.toFixed(2)}× for 4× the input`);
if (!(ratio <= 6)) {
  failed += 1;
  kinds.hang += 1;
  console.error("fuzz: FAILED: check time grows faster than linearly");
}

rmSync(work, { recursive: true, force: true });
console.log(
  `fuzz: seed ${seed}, ${inputs} inputs (${counts.bytes} random bytes, ${counts.tokens} token soup, ${counts.mutation} grammar mutations, ${counts["byte-mutation"]} byte mutations, ${interopCount} YAML/XML mutations) through check and fmt --check (fmt: the .sriov ones without syntax errors), ${simulated} of them through simulate, and ${trees} file-system trees, in ${((Date.now() - started) / 60_000).toFixed(1)} min; ${failed} failures: ${kinds.crash} crashes, ${kinds.hang} hangs, ${kinds.leak} leaks`,
);
process.exit(failed > 0 ? 1 : 0);
