#!/usr/bin/env node
// Where a check's time and allocations go: the profiles docs/PERFORMANCE.md quotes, by name.
//
//   node bench/profile.mjs [--lines 100000] [--checks 6] [--varied]
//
// Writes, for a generated topology of LINES lines (after one warm-up check):
//   bench/out/check-<lines>.cpuprofile    CPU profile of CHECKS checks (500 µs sampling; open it in Chrome's
//                                         DevTools or VS Code), summed up by stage and by function
//   bench/out/check-<lines>.heapprofile   allocation sampling of one check, collected objects included
//                                         (what the GC has to deal with), summed up likewise
// `--varied`: the generator's topology with no two hosts alike (bench/generate.mjs), profiles named
// check-<lines>-varied.*.
// The stages are the functions of the pipeline that contain each sample (inclusive time).
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateTopology } from "./generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argValue = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const lines = argValue("--lines", 100_000);
const checks = argValue("--checks", 6);
const out = join(root, "bench/out");
mkdirSync(out, { recursive: true });
const varied = process.argv.includes("--varied");
const name = `${lines}${varied ? "-varied" : ""}`;
const topology = join(out, `topology-${name}.sriov`);
writeFileSync(topology, generateTopology({ lines, varied }).source);
const { checkEntries } = await import(join(root, "dist/driver/workspace.js"));

// Each stage is the samples (or allocations) with any of its functions on the stack, counted once; a
// function is named alone or as "name file.js" (methods of the same name in other files left out). A
// one-shot check of a large file resolves it while it parses it (src/semantics/loader.ts
// `resolvedWhileParsed`): then the syntax is `parsePart` (not `parseSource`), lexing is `scanRange`, and
// resolution is `StreamedResolution`'s `add` and `finish` (src/semantics/resolve.ts), called from inside
// `forEachPart` — counted under resolve here, not under syntax.
const STAGES = [
  [["checkEntries"], "whole check"],
  [["parseSource", "parsePart"], "  lex + parse + AST (syntax)"],
  [["lex", "scanRange"], "    lex (the scanner, and lexing errors)"],
  [["repairTokens"], "    token repair (likely mistakes)"],
  [["parseTokens"], "    parse: chevrotain, building the AST as it goes"],
  [["resolveProgram", "add resolve.js", "finish resolve.js"], "  resolve (semantics)"],
  [["checkAttributeNames", "checkBody"], "    attribute names checked"],
  [["buildDeclTree", "add scopes.js", "declare", "collectTemplates"], "    declaration tree (templates, replicas, scopes)"],
  [["host resolve.js"], "    hosts read, allocated and assembled"],
  [["trafficOf", "trafficOnItsOwn", "allTraffic"], "    traffic blocks read"],
  [["complete resolve.js"], "    the model completed (lookups, lists, traffic at the end)"],
  [["runRules"], "  rules"],
  [["lowerModel"], "    lowering for the analysis rules"],
  [["buildPlan"], "    the simulator's plan for them"],
  [["estimate"], "    the analytic estimate"],
  [["splitIr"], "    the IR split into parts that traffic couples"],
  [["splitModel"], "    the model split into parts that traffic couples"],
  [["hashPart"], "    parts alike up to names: hashing each"],
  [["sameShape"], "    parts alike up to names: comparing a part with its hash's"],
  [["(garbage collector)"], "garbage collection (anywhere)"],
];

/** Inclusive and self totals of a profile tree given as nodes with parent links. */
function summarise(nodes, weightOf, unit, total) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(typeof c === "number" ? c : c.id, n.id);
  const byStage = STAGES.map(() => 0);
  const self = new Map();
  for (const n of nodes) {
    const w = weightOf(n);
    if (w === 0) continue;
    const key = `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + w);
    const onStack = new Set();
    for (let id = n.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id).callFrame;
      onStack.add(frame.functionName);
      onStack.add(`${frame.functionName} ${frame.url.split("/").pop()}`);
    }
    STAGES.forEach(([names], i) => {
      if (names.some((name) => onStack.has(name))) byStage[i] += w;
    });
  }
  const pct = (v) => `${((100 * v) / total).toFixed(1).padStart(5)} %`;
  STAGES.forEach(([, label], i) => console.log(`${unit(byStage[i]).padStart(10)} ${pct(byStage[i])}  ${label}`));
  console.log("  top functions by self:");
  for (const [key, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${unit(v).padStart(10)} ${pct(v)}  ${key}`);
}

checkEntries([topology]);
const session = new Session();
session.connect();

// CPU.
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 500 });
await session.post("Profiler.start");
for (let i = 0; i < checks; i++) checkEntries([topology]);
const { profile } = await session.post("Profiler.stop");
writeFileSync(join(out, `check-${name}.cpuprofile`), JSON.stringify(profile));
const samples = new Map();
// Each sample weighs the time since the one before, except the first: its delta is the time since the
// profiler was asked to start, spent in the inspector's `dispatch` of that request (and the sampler's
// start) before any sample of the checks; it showed as "dispatch :0", ~10 ms per check, among the top
// functions.
profile.samples.forEach((id, i) => {
  if (i > 0) samples.set(id, (samples.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const totalUs = [...samples.values()].reduce((a, b) => a + b, 0);
console.log(`CPU profile bench/out/check-${name}.cpuprofile: ${checks} checks of ${lines} lines, ${(totalUs / 1000 / checks).toFixed(0)} ms of samples per check`);
summarise(profile.nodes, (n) => samples.get(n.id) ?? 0, (us) => `${(us / 1000 / checks).toFixed(0)} ms`, totalUs);

// Allocations.
await session.post("HeapProfiler.enable");
await session.post("HeapProfiler.startSampling", { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
checkEntries([topology]);
const { profile: heap } = await session.post("HeapProfiler.stopSampling");
writeFileSync(join(out, `check-${name}.heapprofile`), JSON.stringify(heap));
const heapNodes = [];
let nextId = 1;
const flatten = (node) => {
  const id = nextId++;
  const entry = { id, callFrame: node.callFrame, selfSize: node.selfSize, children: [] };
  heapNodes.push(entry);
  for (const child of node.children ?? []) entry.children.push(flatten(child));
  return id;
};
flatten(heap.head);
const totalBytes = heapNodes.reduce((sum, n) => sum + n.selfSize, 0);
console.log(`\nallocation profile bench/out/check-${name}.heapprofile: one check, ${(totalBytes / 2 ** 20).toFixed(0)} MiB allocated (sampled, collected objects included)`);
summarise(heapNodes, (n) => n.selfSize, (b) => `${(b / 2 ** 20).toFixed(1)} MiB`, totalBytes);
