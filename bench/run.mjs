#!/usr/bin/env node
// `npm run bench`: one table of ratios, each measured in this run against a baseline on the same input
// (medians of several runs after a warm-up). A measurement whose stage is not built prints
// "n/a (stage not built)". Goals and recorded results: docs/PERFORMANCE.md.
//
//   node bench/run.mjs [--quick] [--only check|scaling|sim|fmt|start]
//   (--quick: smaller inputs and fewer runs, for a smoke test; --only: one section)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateTopology, lowerToIr } from "./generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const quick = process.argv.includes("--quick");
const RUNS = quick ? 3 : 5;
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const want = (section) => only === undefined || only === section;
const work = mkdtempSync(join(tmpdir(), "sriovc-bench-"));
const rows = [];

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median milliseconds of `fn` over `runs` runs, after one warm-up run. */
function timeMs(fn, runs = RUNS) {
  fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

async function timeMsAsync(fn, runs = RUNS) {
  await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

async function tryImport(path) {
  const full = join(root, path);
  if (!existsSync(full)) return undefined;
  try {
    return await import(full);
  } catch {
    return undefined;
  }
}

function row(measure, value, detail, goal, met) {
  rows.push({ measure, value, detail, goal, verdict: met === undefined ? "" : met ? "met" : "MISSED" });
  process.stderr.write(`bench: ${measure}: ${value} ${detail}\n`);
}

function na(measure, goal, why = "n/a (stage not built)") {
  rows.push({ measure, value: why, detail: "", goal, verdict: "" });
  process.stderr.write(`bench: ${measure}: ${why}\n`);
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
const fmtX = (x) => `${x.toFixed(2)}×`;

function writeTopology(lines) {
  const generated = generateTopology({ lines });
  const path = join(work, `topology-${lines}.sriov`);
  writeFileSync(path, generated.source);
  return { ...generated, path };
}

const pipeline = await tryImport("dist/driver/workspace.js");
const rulesBuilt = existsSync(join(root, "dist/rules/lint.js")) && existsSync(join(root, "dist/semantics/resolve.js"));
const lowerBuilt = existsSync(join(root, "dist/lower/lower.js"));
const irSchemaPath = join(root, "schema/ir.schema.json");

// ---- 1. check of a 100k-line topology vs YAML + ajv and JSON.parse + ajv of the same data
const bigLines = quick ? 20_000 : 100_000;
const big = want("check") || want("scaling") ? writeTopology(bigLines) : undefined;
const check = (path) => {
  const result = pipeline.checkEntries([path]);
  if (result.diagnostics.some((d) => d.severity === "error")) throw new Error(`bench topology has errors: ${result.diagnostics[0].message}`);
  return result;
};
let bigCheckMs;
if (!want("check")) {
  // skipped
} else if (pipeline && rulesBuilt && lowerBuilt && existsSync(irSchemaPath)) {
  const { Ajv2020 } = await import("ajv/dist/2020.js");
  const YAML = await import("yaml");
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(irSchemaPath, "utf8")));
  const ir = await lowerToIr(big.source);
  const json = JSON.stringify(ir, null, 2);
  const yaml = YAML.stringify(ir);
  const checkMs = timeMs(() => check(big.path));
  bigCheckMs = checkMs;
  const jsonMs = timeMs(() => {
    if (!validate(JSON.parse(json))) throw new Error("IR JSON does not validate");
  });
  const yamlMs = timeMs(() => {
    if (!validate(YAML.parse(yaml))) throw new Error("IR YAML does not validate");
  });
  const vsYaml = yamlMs / checkMs;
  row(`check ${big.lines} lines vs YAML.parse + ajv`, `${fmtX(vsYaml)} faster`, `(check ${fmtMs(checkMs)}, YAML ${fmtMs(yamlMs)})`, "≥ 5× faster", vsYaml >= 5);
  const vsJson = checkMs / jsonMs;
  row(`check ${big.lines} lines vs JSON.parse + ajv`, `${fmtX(vsJson)} slower`, `(JSON ${fmtMs(jsonMs)}, ${(json.length / 2 ** 20).toFixed(1)} MiB)`, "≤ 15× slower", vsJson <= 15);
} else {
  na("check 100k lines vs YAML.parse + ajv", "≥ 5× faster");
  na("check 100k lines vs JSON.parse + ajv", "≤ 15× slower");
}

// ---- 2. scaling and peak RSS per line (a child process per size, so RSS is that run's alone)
const peakScript = join(work, "peak.mjs");
writeFileSync(
  peakScript,
  `import { checkEntries } from ${JSON.stringify(join(root, "dist/driver/workspace.js"))};\n` +
    `const before = process.memoryUsage().rss; const r = checkEntries([process.argv[2]]);\n` +
    `process.stdout.write(JSON.stringify({ maxRss: process.resourceUsage().maxRSS * 1024, before, diagnostics: r.diagnostics.length }));\n`,
);
function peakRss(path) {
  const run = spawnSync(process.execPath, [peakScript, path], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`peak RSS run failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}
if (!want("scaling")) {
  // skipped
} else if (pipeline && rulesBuilt) {
  const small = writeTopology(quick ? 2_000 : 10_000);
  const smallMs = timeMs(() => check(small.path));
  const bigMs = bigCheckMs ?? timeMs(() => check(big.path));
  const r1 = bigMs / smallMs;
  row(`scaling ${small.lines} → ${big.lines} lines`, fmtX(r1), `(${fmtMs(smallMs)} → ${fmtMs(bigMs)}, ${(big.lines / small.lines).toFixed(2)}× the lines)`, "≤ 11×", r1 <= 11);
  const hugeLines = quick ? 200_000 : 1_000_000;
  const huge = writeTopology(hugeLines);
  const hugeMs = timeMs(() => check(huge.path), quick ? 1 : 3);
  const r2 = hugeMs / bigMs;
  row(`scaling ${big.lines} → ${huge.lines} lines`, fmtX(r2), `(${fmtMs(bigMs)} → ${fmtMs(hugeMs)}, ${(huge.lines / big.lines).toFixed(2)}× the lines)`, "≤ 11×", r2 <= 11);
  for (const t of [big, huge]) {
    const { maxRss } = peakRss(t.path);
    row(`peak RSS, check ${t.lines} lines`, `${(maxRss / t.lines).toFixed(0)} B/line`, `(${(maxRss / 2 ** 20).toFixed(0)} MiB)`, "", undefined);
  }
} else {
  na("scaling 10k → 100k lines", "≤ 11×");
  na("scaling 100k → 1M lines", "≤ 11×");
}

// ---- 3. simulation events/s vs a bare typed-array binary heap with the same number of pending events
const profiles = await tryImport("dist/lower/profiles.js");
const planModule = await tryImport("dist/sim/plan.js");
const engine = await tryImport("dist/sim/engine.js");

/** A one-host IR with `sources` Poisson traffic sources spread over the four data paths: each source always holds one pending event. */
function engineIr(sources, durationNs) {
  const profile = profiles.loadProfile("default");
  if (!profile.ok) throw new Error(profile.message);
  const paths = [
    ["vf", { kind: "vf", pf: "h1.nic.pf0", vf: 0 }, 4, 4],
    ["vmdq", { kind: "vmdq", pf: "h1.nic.pf0", pool: 0 }, 5, 5],
    ["vswitch", { kind: "vswitch", vswitch: "h1.br0", pf: "h1.nic.pf0" }, 0, 6],
    ["vf2", { kind: "vf", pf: "h1.nic.pf0", vf: 1 }, 7, 7],
  ];
  return {
    irVersion: 1,
    hosts: [{ id: "h1", cores: 8, freqHz: 3e9, numaNodes: 1, hypervisor: "kvm", hypervisorCores: [0], iommu: true, postedInterrupts: true, overcommit: 1 }],
    nics: [{ id: "h1.nic", host: "h1", model: "intel-e810", numa: 0 }],
    pfs: [{ id: "h1.nic.pf0", host: "h1", nic: "h1.nic", pci: null, speedBps: 100e9, maxVfs: 64, vfs: 8, vmdqPools: 8, msix: 64, itrNs: 0, ring: 1024, mtu: 1500 }],
    vswitches: [{ id: "h1.br0", host: "h1", type: "ovs", uplinks: ["h1.nic.pf0"], features: ["acl"] }],
    vms: paths.map(([name, , , core]) => ({ id: `h1.${name}`, host: "h1", vcpus: 1, pin: [core], numa: 0, memoryBytes: 2 ** 32, liveMigration: false })),
    ifaces: paths.map(([name, attachment, irqCore, core], i) => ({
      id: `h1.${name}.eth0`, host: "h1", vm: `h1.${name}`, attachment, vswitch: "h1.br0", mac: `02:00:00:00:00:0${i + 1}`, vlan: null,
      spoofchk: true, trust: false, requires: [], rateLimitBps: null, mtu: 1500, irqCore, stackCore: core,
    })),
    // 1.2 Mpps in all, whatever the number of sources: the cores stay below saturation.
    traffic: Array.from({ length: sources }, (_, i) => ({
      id: `t${i}`, from: { kind: "wire" }, to: `h1.${paths[i % 4][0]}.eth0`, ratePps: 1.2e6 / sources, size: { kind: "fixed", bytes: 64 },
      pattern: { kind: "poisson" }, vlan: null, startNs: 0, stopNs: null,
    })),
    simulation: { durationNs, warmupNs: 0, seed: 1, profile: "default", eventBudget: 1e9 },
    costs: profiles.effectiveCosts(profile.profile),
  };
}

/** The baseline: pop the earliest of `pending` events and push its successor, `count` times, in a bare typed-array heap. */
function heapLoop(pending, count) {
  const time = new Float64Array(pending);
  let size = 0;
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const push = (t) => {
    let at = size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (time[parent] <= t) break;
      time[at] = time[parent];
      at = parent;
    }
    time[at] = t;
  };
  const pop = () => {
    const top = time[0];
    const last = time[--size];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && time[child + 1] < time[child]) child++;
      if (time[child] >= last) break;
      time[at] = time[child];
      at = child;
    }
    time[at] = last;
    return top;
  };
  for (let i = 0; i < pending; i++) push(random() * 1000);
  let checksum = 0;
  for (let i = 0; i < count; i++) {
    const t = pop();
    checksum += t;
    push(t - Math.log(1 - random()) * 1000);
  }
  return checksum;
}

if (!want("sim")) {
  // skipped
} else if (profiles && planModule && engine) {
  for (const pending of [1_000, 100_000]) {
    // Long enough that the engine's set-up is a small part of the run.
    const durationNs = quick ? 20e6 : 100e6;
    const ir = engineIr(pending, durationNs);
    const plan = planModule.buildPlan(ir);
    let events = 0;
    const engineMs = timeMs(() => {
      events = engine.runPlan(plan).events;
    }, quick ? 1 : 3);
    const heapMs = timeMs(() => heapLoop(pending, events), quick ? 1 : 3);
    const engineRate = events / (engineMs / 1000);
    const heapRate = events / (heapMs / 1000);
    const share = engineRate / heapRate;
    row(
      `simulation events/s, ${pending.toLocaleString("en")} pending`,
      `${(share * 100).toFixed(0)} % of bare heap`,
      `(${(engineRate / 1e6).toFixed(2)} vs ${(heapRate / 1e6).toFixed(2)} M events/s)`,
      "≥ 50 %",
      share >= 0.5,
    );
  }
} else {
  na("simulation events/s vs bare heap", "≥ 50 %");
}

// ---- 4. sriovc fmt vs prettier on the equivalent JSON
const plugin = await tryImport("dist/format/plugin.js");
if (!want("fmt")) {
  // skipped
} else if (plugin && lowerBuilt) {
  const prettier = await import("prettier");
  const t = writeTopology(quick ? 2_000 : 10_000);
  const json = JSON.stringify(await lowerToIr(t.source));
  const sriovPlugin = plugin.default ?? plugin;
  const parser = Object.keys(sriovPlugin.parsers ?? {})[0] ?? "sriov";
  const fmtMsValue = await timeMsAsync(() => prettier.format(t.source, { parser, plugins: [sriovPlugin], filepath: "bench.sriov" }));
  const jsonMs = await timeMsAsync(() => prettier.format(json, { parser: "json" }));
  const ratio = fmtMsValue / jsonMs;
  row(`fmt ${t.lines} lines vs prettier on the IR JSON`, fmtX(ratio), `(fmt ${fmtMs(fmtMsValue)}, prettier JSON ${fmtMs(jsonMs)})`, "≤ 2×", ratio <= 2);
} else {
  na("fmt vs prettier on the IR JSON", "≤ 2×");
}

// ---- 5. CLI start: `sriovc check` on a 10-line file vs `node -e 0`
const bin = join(root, "dist/cli/bin.js");
if (!want("start")) {
  // skipped
} else if (existsSync(bin)) {
  const ten = join(work, "ten.sriov");
  writeFileSync(ten, "// ten lines\nhost h1 {\n  cores = 4\n  nic n {\n    pf p {\n      speed = 10Gbps\n    }\n  }\n}\n\n");
  const spawnMs = (args) =>
    timeMs(() => {
      const r = spawnSync(process.execPath, args, { stdio: "ignore", cwd: work });
      if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}`);
    }, quick ? 5 : 11);
  const cliMs = spawnMs([bin, "check", ten]);
  const nodeMs = spawnMs(["-e", "0"]);
  const ratio = cliMs / nodeMs;
  row("CLI start: check on 10 lines vs node -e 0", fmtX(ratio), `(${fmtMs(cliMs)} vs ${fmtMs(nodeMs)})`, "≤ 3×", ratio <= 3);
} else {
  na("CLI start vs node -e 0", "≤ 3×");
}

rmSync(work, { recursive: true, force: true });

const cpu = cpus()[0]?.model ?? "unknown CPU";
const header = ["measure", "result", "detail", "goal", ""];
const table = [header, ...rows.map((r) => [r.measure, r.value, r.detail, r.goal, r.verdict])];
const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(`sriovc bench — node ${process.version}, ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB${quick ? " (quick)" : ""}`);
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of table.slice(1)) console.log(line(r));
