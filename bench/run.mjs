#!/usr/bin/env node
// `npm run bench`: one table of ratios, each measured in this run against a baseline on the same input and
// the same information. Goals, method and recorded results: docs/PERFORMANCE.md.
//
//   node bench/run.mjs [--quick] [--rounds N] [--only SECTION[,SECTION…]] [--json FILE]
//   sections: check scaling engine simulate report fmt start jobs lsp
//   (--quick: smaller inputs and fewer rounds, a smoke test; --json: also write the rows as JSON)
//
// Method (the same for every row that compares two things):
// - Both sides work from a file on disk: `check` reads the `.sriov` file, a baseline reads its YAML or
//   JSON file and validates it against a strict JSON Schema (bench/declared.schema.json) with ajv.
// - Both sides carry the same information: the bench's topology is generated as declared data (what the
//   user writes, no spans, defaults or derived values) and printed as `.sriov`, YAML and JSON
//   (bench/generate.mjs).
// - One warm-up of each side, then at least 7 interleaved rounds (A B A B …); each round gives one
//   ratio, and a row prints the min / median / max of the per-round ratios: a load spike on the shared
//   machine then moves one round, not a whole side. The verdict uses the median.
// - Times are node's own timers (`performance.now()`), inside the process for in-process work, around
//   `spawnSync` for whole CLI runs.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateTopology, lowerToIr } from "./generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const argValue = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const quick = argv.includes("--quick");
const ROUNDS = Math.max(Number(argValue("--rounds") ?? (quick ? 3 : 7)), 1);
const only = argValue("--only")?.split(",");
const want = (section) => only === undefined || only.includes(section);
const work = mkdtempSync(join(tmpdir(), "sriovc-bench-"));
const rows = [];
const loadAtStart = loadavg();
const startedAt = new Date();

// ---- statistics and printing

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
const spread = (values) => ({ min: Math.min(...values), median: median(values), max: Math.max(...values) });

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
const fmtX = (x) => `${x.toFixed(2)}×`;
const fmtPct = (x) => `${(x * 100).toFixed(0)} %`;
const fmtMiB = (bytes) => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 2 : 0)} MiB`;
const fmtSpread = (s, fmt) => `${fmt(s.min)} / ${fmt(s.median)} / ${fmt(s.max)}`;

/**
 * A row: `ratios` (one per round) printed as min / median / max with `fmt`, `goal` a predicate on the
 * median (undefined: no goal), `detail` the absolute figures behind it.
 */
function row(measure, values, fmt, goal, detail, goalText = "") {
  const s = spread(values);
  const verdict = goal === undefined ? "(no goal: for reference)" : goal(s.median) ? "met" : "MISSED";
  rows.push({ measure, min: s.min, median: s.median, max: s.max, rounds: values.length, result: fmtSpread(s, fmt), detail, goal: goalText, verdict });
  process.stderr.write(`bench: ${measure}: ${fmtSpread(s, fmt)} ${detail} ${verdict}\n`);
}

function na(measure, why, goalText = "") {
  rows.push({ measure, result: why, detail: "", goal: goalText, verdict: "n/a" });
  process.stderr.write(`bench: ${measure}: ${why}\n`);
}

/** Runs each side once to warm up, then `rounds` interleaved rounds; returns each side's times (ms) by round. */
async function interleave(sides, rounds = ROUNDS) {
  const names = Object.keys(sides);
  for (const name of names) await sides[name]();
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      const start = performance.now();
      await sides[name]();
      times[name].push(performance.now() - start);
    }
  }
  return times;
}
/** Per-round ratios a[i] / b[i]. */
const ratios = (a, b) => a.map((x, i) => x / b[i]);

function writeTopology(lines, { declared = false } = {}) {
  const generated = generateTopology({ lines });
  const path = join(work, `topology-${lines}.sriov`);
  writeFileSync(path, generated.source);
  return { ...generated, path, declared: declared ? generated.declared : undefined };
}

const distBuilt = existsSync(join(root, "dist/driver/workspace.js")) && existsSync(join(root, "dist/cli/bin.js"));
if (!distBuilt) {
  process.stderr.write("bench: dist/ is not built: run `npm run build` (or `npm run bench`, which builds first)\n");
  process.exit(2);
}
const pipeline = await import(join(root, "dist/driver/workspace.js"));
const bin = join(root, "dist/cli/bin.js");
const check = (path) => {
  const result = pipeline.checkEntries([path]);
  const error = result.diagnostics.find((d) => d.severity === "error");
  if (error) throw new Error(`bench topology has errors: ${error.rule}: ${error.message}`);
  return result;
};

// ---- 1. check of 100k lines vs the same information as YAML / JSON, parsed and validated with ajv
const bigLines = quick ? 20_000 : 100_000;
if (want("check")) {
  const { Ajv2020 } = await import("ajv/dist/2020.js");
  const YAML = await import("yaml");
  const big = writeTopology(bigLines, { declared: true });
  const yamlPath = join(work, "declared.yaml");
  const jsonPath = join(work, "declared.json");
  writeFileSync(yamlPath, YAML.stringify(big.declared));
  writeFileSync(jsonPath, `${JSON.stringify(big.declared, null, 2)}\n`);
  const declaredSchema = JSON.parse(readFileSync(join(root, "bench/declared.schema.json"), "utf8"));
  // Compiled once, before timing: a tool would compile its schema once too.
  const validateDeclared = new Ajv2020({ allErrors: true, strict: true }).compile(declaredSchema);
  const viaYaml = () => {
    if (!validateDeclared(YAML.parse(readFileSync(yamlPath, "utf8")))) throw new Error(`declared YAML does not validate: ${JSON.stringify(validateDeclared.errors?.[0])}`);
  };
  const viaJson = () => {
    if (!validateDeclared(JSON.parse(readFileSync(jsonPath, "utf8")))) throw new Error(`declared JSON does not validate: ${JSON.stringify(validateDeclared.errors?.[0])}`);
  };
  const t = await interleave({ check: () => check(big.path), yaml: viaYaml, json: viaJson });
  const sizes = `.sriov ${fmtMiB(statSync(big.path).size)}, YAML ${fmtMiB(statSync(yamlPath).size)}, JSON ${fmtMiB(statSync(jsonPath).size)}`;
  row(
    `check ${big.lines} lines vs same-information YAML.parse + ajv (× faster)`,
    ratios(t.yaml, t.check),
    fmtX,
    (x) => x >= 5,
    `(medians: check ${fmtMs(median(t.check))}, YAML ${fmtMs(median(t.yaml))}; ${sizes})`,
    "≥ 5× faster",
  );
  row(
    `check ${big.lines} lines vs same-information JSON.parse + ajv (× slower)`,
    ratios(t.check, t.json),
    fmtX,
    (x) => x <= 8,
    `(medians: check ${fmtMs(median(t.check))}, JSON ${fmtMs(median(t.json))})`,
    "≤ 8× slower",
  );

  // A reference row (no goal): the same size of topology with no two hosts alike (bench/generate.mjs
  // `varied`: rates, interrupt interval and VF count per host), against its own same-information YAML. The
  // rows above check a fleet of one host template under other names, whose hosts the analysis rules
  // estimate once (docs/PERFORMANCE.md, "Parts alike up to names"); this one shows the cost without that.
  const varied = generateTopology({ lines: bigLines, varied: true });
  const variedPath = join(work, `topology-${bigLines}-varied.sriov`);
  const variedYamlPath = join(work, "declared-varied.yaml");
  writeFileSync(variedPath, varied.source);
  writeFileSync(variedYamlPath, YAML.stringify(varied.declared));
  const tVaried = await interleave({
    check: () => check(variedPath),
    alike: () => check(big.path),
    yaml: () => {
      if (!validateDeclared(YAML.parse(readFileSync(variedYamlPath, "utf8")))) throw new Error(`declared varied YAML does not validate: ${JSON.stringify(validateDeclared.errors?.[0])}`);
    },
  });
  row(
    `(reference) check ${varied.lines} lines, no two hosts alike, vs same-information YAML.parse + ajv (× faster)`,
    ratios(tVaried.yaml, tVaried.check),
    fmtX,
    undefined,
    `(medians: check ${fmtMs(median(tVaried.check))}, the same size of hosts alike ${fmtMs(median(tVaried.alike))}, YAML ${fmtMs(median(tVaried.yaml))}; ${varied.hosts} hosts)`,
  );

  // The old baseline, kept as a labelled second row: the lowered IR (spans, defaults, catalogue values, the
  // cost profile: 3–4× the information of the input), against the IR schema. Fewer rounds for YAML: it
  // takes seconds per round.
  const ir = await lowerToIr(big.source);
  const irJsonPath = join(work, "ir.json");
  const irYamlPath = join(work, "ir.yaml");
  writeFileSync(irJsonPath, `${JSON.stringify(ir, null, 2)}\n`);
  writeFileSync(irYamlPath, YAML.stringify(ir));
  const validateIr = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(root, "schema/ir.schema.json"), "utf8")));
  const irRounds = quick ? 1 : 3;
  const tIr = await interleave(
    {
      check: () => check(big.path),
      irYaml: () => {
        if (!validateIr(YAML.parse(readFileSync(irYamlPath, "utf8")))) throw new Error("IR YAML does not validate");
      },
      irJson: () => {
        if (!validateIr(JSON.parse(readFileSync(irJsonPath, "utf8")))) throw new Error("IR JSON does not validate");
      },
    },
    irRounds,
  );
  row(
    `(old baseline) check vs YAML.parse + ajv of the lowered IR (× faster)`,
    ratios(tIr.irYaml, tIr.check),
    fmtX,
    undefined,
    `(${irRounds} rounds; IR YAML ${fmtMiB(statSync(irYamlPath).size)}: not the same information, see docs/PERFORMANCE.md)`,
  );
  row(
    `(old baseline) check vs JSON.parse + ajv of the lowered IR (× slower)`,
    ratios(tIr.check, tIr.irJson),
    fmtX,
    undefined,
    `(${irRounds} rounds; IR JSON ${fmtMiB(statSync(irJsonPath).size)})`,
  );
}

// ---- 2. scaling 100k → 1M in fresh processes and in one process; GC share and peak RSS of the 1M check
/** Sums the main-thread GC time `--trace-gc` printed between startMs and endMs (isolate time ≈ performance.now()). */
function traceGcMs(trace, startMs, endMs) {
  let total = 0;
  for (const line of trace.split("\n")) {
    const m = /\]\s+(\d+) ms: .*?MB, ([\d.]+) \/ [\d.]+ ms(?:\s+\(\+ ([\d.]+) ms in \d+ steps)?/.exec(line);
    if (!m) continue;
    const at = Number(m[1]);
    if (at < startMs || at > endMs + 1) continue;
    total += Number(m[2]) + Number(m[3] ?? 0);
  }
  return total;
}
function freshCheck(path, { traceGc = false } = {}) {
  const run = spawnSync(process.execPath, [...(traceGc ? ["--trace-gc"] : []), join(root, "bench/check-child.mjs"), path], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (run.status !== 0) throw new Error(`check in a fresh process failed: ${run.stderr}`);
  // The child's one JSON line; `--trace-gc` may print more lines after it (a GC task at exit).
  const result = JSON.parse(run.stdout.split("\n").findLast((line) => line.startsWith("{")));
  return { ...result, gcMs: traceGc ? traceGcMs(run.stdout, result.startMs, result.endMs) : undefined };
}
if (want("scaling")) {
  const big = writeTopology(bigLines);
  const huge = writeTopology(quick ? 200_000 : 1_000_000);
  const factor = huge.lines / big.lines;
  // Fresh processes, interleaved: big, huge, big, huge … (the huge one under --trace-gc for the GC share;
  // tracing prints a line per GC, a negligible cost next to the pauses themselves).
  const fresh = { big: [], huge: [] };
  const warm = freshCheck(big.path);
  void warm;
  for (let r = 0; r < ROUNDS; r++) {
    fresh.big.push(freshCheck(big.path));
    fresh.huge.push(freshCheck(huge.path, { traceGc: true }));
  }
  row(
    `scaling ${big.lines} → ${huge.lines} lines, fresh processes (×)`,
    ratios(fresh.huge.map((x) => x.ms), fresh.big.map((x) => x.ms)),
    fmtX,
    (x) => x <= 11,
    `(medians ${fmtMs(median(fresh.big.map((x) => x.ms)))} → ${fmtMs(median(fresh.huge.map((x) => x.ms)))}, ${factor.toFixed(0)}× the lines)`,
    "≤ 11×",
  );
  // One process: a child (so it starts clean) that checks both alternately.
  const alternate = spawnSync(process.execPath, [join(root, "bench/check-child.mjs"), "--alternate", big.path, huge.path, String(ROUNDS)], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (alternate.status !== 0) throw new Error(`one-process scaling failed: ${alternate.stderr}`);
  const one = JSON.parse(alternate.stdout);
  row(
    `scaling ${big.lines} → ${huge.lines} lines, one process (×)`,
    ratios(one.big, one.small),
    fmtX,
    (x) => x <= 11,
    `(medians ${fmtMs(median(one.small))} → ${fmtMs(median(one.big))}, both checked alternately after a warm-up of each)`,
    "≤ 11×",
  );
  row(
    `GC share of a ${huge.lines}-line check (--trace-gc, fresh process)`,
    fresh.huge.map((x) => x.gcMs / x.ms),
    fmtPct,
    (x) => x <= 0.15,
    `(median GC ${fmtMs(median(fresh.huge.map((x) => x.gcMs)))} of ${fmtMs(median(fresh.huge.map((x) => x.ms)))}: pauses plus incremental marking steps on the main thread)`,
    "≤ 15 %",
  );
  for (const [t, runs] of [
    [big, fresh.big],
    [huge, fresh.huge],
  ]) {
    row(
      `peak RSS per line, check ${t.lines} lines (fresh process)`,
      runs.map((x) => x.maxRss / t.lines),
      (x) => `${x.toFixed(0)} B`,
      t === huge ? (x) => x <= 500 : undefined,
      `(median ${fmtMiB(median(runs.map((x) => x.maxRss)))}: the process's maxRSS, node itself included)`,
      t === huge ? "≤ 500 B/line" : "",
    );
  }
}

// ---- 3. simulation engine events/s vs a bare typed-array binary heap with the same number of pending events
if (want("engine")) {
  const profiles = await import(join(root, "dist/lower/profiles.js"));
  const { buildPlan } = await import(join(root, "dist/sim/plan.js"));
  const { runPlan } = await import(join(root, "dist/sim/engine.js"));
  const { engineIr, heapLoop } = await import("./engine-baseline.mjs");
  for (const pending of [1_000, 100_000]) {
    // Long enough that the engine's set-up is a small part of the run.
    const plan = buildPlan(engineIr(profiles, pending, quick ? 20e6 : 100e6));
    const events = runPlan(plan).events;
    const t = await interleave({ engine: () => runPlan(plan), heap: () => heapLoop(pending, events) }, quick ? 3 : ROUNDS);
    row(
      `simulation engine at ${pending.toLocaleString("en")} pending events, share of a bare heap's events/s`,
      ratios(t.heap, t.engine),
      fmtPct,
      (x) => x >= 0.5,
      `(medians ${(events / median(t.engine) / 1e3).toFixed(2)} vs ${(events / median(t.heap) / 1e3).toFixed(2)} M events/s)`,
      "≥ 50 %",
    );
  }
}

// ---- 4. `sriovc simulate` of each bundled sample vs `sriovc check` of it (whole CLI runs)
const spawnTimed = (args, okCodes = [0]) => {
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], cwd: work, encoding: "utf8" });
  if (!okCodes.includes(r.status)) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
};
if (want("simulate")) {
  const samplesDir = join(root, "samples");
  const samples = (await import("node:fs")).readdirSync(samplesDir).filter((f) => f.endsWith(".sriov")).sort();
  for (const sample of samples) {
    const file = join(samplesDir, sample);
    const checked = spawnSync(process.execPath, [bin, "check", "--format", "json", file], { encoding: "utf8", cwd: work });
    if (checked.status !== 0) {
      na(`simulate ${sample} vs check of it`, "n/a: the sample has errors on purpose, so simulate stops after its check");
      continue;
    }
    const t = await interleave({ simulate: () => spawnTimed([bin, "simulate", file]), check: () => spawnTimed([bin, "check", file]) });
    row(`simulate ${sample} vs check of it (× the wall time)`, ratios(t.simulate, t.check), fmtX, (x) => x <= 2, `(medians ${fmtMs(median(t.simulate))} vs ${fmtMs(median(t.check))})`, "≤ 2×");
  }
}

// ---- 5. the HTML report of the 100k-line topology: size, and time to render fully in headless Chromium
const CHROMIUM = "/usr/bin/chromium";
if (want("report")) {
  const big = writeTopology(bigLines);
  const html = join(work, "report.html");
  const write = () => spawnTimed([bin, "simulate", big.path, "--format", "html", "-o", html]);
  const writeTimes = (await interleave({ write }, quick ? 1 : 3)).write;
  const size = statSync(html).size;
  rows.push({
    measure: `HTML report of ${big.lines} lines: size`,
    result: `${fmtMiB(size)} (${(size / 1e6).toFixed(2)} MB; one value: the same bytes every round)`,
    detail: `(simulate --format html took ${fmtMs(median(writeTimes))}, median of ${writeTimes.length})`,
    goal: "≤ 2 MB",
    verdict: size <= 2e6 ? "met" : "MISSED",
  });
  process.stderr.write(`bench: HTML report size ${fmtMiB(size)}\n`);
  if (!existsSync(CHROMIUM)) na(`HTML report of ${big.lines} lines: render in headless Chromium`, `n/a (no Chromium at ${CHROMIUM}: apt-get install -y chromium)`, "≤ 3 s");
  else {
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      // Fully rendered: the load event, then two animation frames (layout and first paint of everything the
      // page's own script built at load).
      const render = async () => {
        const page = await context.newPage();
        await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        await page.close();
      };
      const t = await interleave({ render });
      row(`HTML report of ${big.lines} lines: headless Chromium render (s)`, t.render.map((ms) => ms / 1000), (x) => `${x.toFixed(2)} s`, (x) => x <= 3, `(from navigation to two frames after load, a new page each round)`, "≤ 3 s");
    } finally {
      await browser.close();
    }
  }
}

// ---- 6. sriovc fmt vs prettier on the same-information JSON
if (want("fmt")) {
  const prettier = await import("prettier");
  const pluginModule = await import(join(root, "dist/format/plugin.js"));
  const plugin = pluginModule.default ?? pluginModule;
  const parser = Object.keys(plugin.parsers ?? {})[0] ?? "sriov";
  const t10k = writeTopology(quick ? 2_000 : 10_000, { declared: true });
  const jsonPath = join(work, "fmt-declared.json");
  writeFileSync(jsonPath, `${JSON.stringify(t10k.declared, null, 2)}\n`);
  const t = await interleave({
    fmt: () => prettier.format(readFileSync(t10k.path, "utf8"), { parser, plugins: [plugin], filepath: "bench.sriov" }),
    json: () => prettier.format(readFileSync(jsonPath, "utf8"), { parser: "json", filepath: "bench.json" }),
  });
  row(
    `fmt ${t10k.lines} lines vs prettier on the same-information JSON (×)`,
    ratios(t.fmt, t.json),
    fmtX,
    (x) => x <= 2,
    `(medians ${fmtMs(median(t.fmt))} vs ${fmtMs(median(t.json))}; .sriov ${fmtMiB(statSync(t10k.path).size)}, JSON ${fmtMiB(statSync(jsonPath).size)})`,
    "≤ 2×",
  );
}

// ---- 7. CLI start: `sriovc check` on a 10-line file vs `node -e 0`
if (want("start")) {
  const ten = join(work, "ten.sriov");
  writeFileSync(ten, "// ten lines\nhost h1 {\n  cores = 4\n  nic n {\n    pf p {\n      speed = 10Gbps\n    }\n  }\n}\n\n");
  const t = await interleave({ cli: () => spawnTimed([bin, "check", ten], [0, 1]), node: () => spawnTimed(["-e", "0"]) }, quick ? 5 : 11);
  row("CLI start: check of 10 lines vs node -e 0 (×)", ratios(t.cli, t.node), fmtX, (x) => x <= 3, `(medians ${fmtMs(median(t.cli))} vs ${fmtMs(median(t.node))})`, "≤ 3×");
}

// ---- 8. fleets across cores: `simulate --jobs 2` vs `--jobs 1` on a 64-host topology
if (want("jobs")) {
  const { runJobsBench } = await import("./jobs.mjs").catch(() => ({ runJobsBench: undefined }));
  if (runJobsBench === undefined) na("simulate --jobs 2 vs --jobs 1, 64 hosts", "n/a (bench/jobs.mjs not present)", "≥ 1.7×");
  else await runJobsBench({ root, work, bin, interleave, ratios, median, row, na, fmtX, fmtMs, quick });
}

// ---- 9. hook: the language server's figures, when bench/lsp.mjs exists (it prints its own table)
const lspBench = join(root, "bench/lsp.mjs");
let lspOutput;
if (want("lsp") && existsSync(lspBench)) {
  const run = spawnSync(process.execPath, [lspBench, ...(quick ? ["--quick"] : []), "--rounds", String(ROUNDS)], { encoding: "utf8", cwd: root, maxBuffer: 16 << 20 });
  lspOutput = run.status === 0 ? run.stdout : `bench/lsp.mjs exited ${run.status}:\n${run.stderr}`;
}

rmSync(work, { recursive: true, force: true });

const cpu = cpus()[0]?.model ?? "unknown CPU";
const loadAtEnd = loadavg();
const header = ["measure", "min / median / max", "detail", "goal", ""];
const table = [header, ...rows.map((r) => [r.measure, r.result, r.detail, r.goal, r.verdict])];
const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(
  `sriovc bench — ${startedAt.toISOString()}, node ${process.version}, ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `load average ${loadAtStart[0].toFixed(2)} at start, ${loadAtEnd[0].toFixed(2)} at end (the bench's own processes included); ${ROUNDS} interleaved rounds${quick ? " (quick)" : ""}`,
);
// The load at the end is mostly the bench's own (a --jobs 2 run alone keeps two cores busy), so only the
// load it started under says whether other processes shared the machine.
if (loadAtStart[0] > cpus().length)
  console.log(
    `Measured under load (load average above the ${cpus().length} cores when the bench started): other processes took turns on the cores, so wall-time ratios of ` +
      `whole runs are noisy and a parallel run (--jobs) cannot show its speed-up in wall time; its CPU-time rows and the spread of each row say more.`,
  );
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of table.slice(1)) console.log(line(r));
if (lspOutput !== undefined) console.log(`\nlanguage server (bench/lsp.mjs):\n${lspOutput}`);
const jsonOut = argValue("--json");
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ startedAt, node: process.version, cpus: cpus().length, cpu, load: { start: loadAtStart, end: loadAtEnd }, rounds: ROUNDS, quick, rows }, null, 2)}\n`);
