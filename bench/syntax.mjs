#!/usr/bin/env node
// The front end alone (src/syntax: lex, repair, parse to AST) on a generated topology: CPU time, GC time
// and bytes allocated per parse, for before/after comparisons of front-end changes (docs/PERFORMANCE.md).
//
//   node bench/syntax.mjs [--lines 100000] [--rounds 7] [--dist DIR[,DIR…]]
//
// With several builds (`--dist dist,/tmp/old-dist`), each round parses once with each build in turn
// (interleaved, A B A B …), so the load of the moment falls on both. Per build it prints the median and
// min/max of: CPU ms per parse (process.cpuUsage, user + system), GC ms during the parse (the `gc`
// performance entries), and MiB allocated by one parse (the inspector's sampling heap profiler,
// collected objects included; a sample every 32 KiB, so an estimate within a few per cent).
import { writeFileSync, mkdirSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { dirname, join, resolve } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateTopology } from "./generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argValue = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const lines = Number(argValue("--lines", "100000"));
const rounds = Number(argValue("--rounds", "7"));
const dists = argValue("--dist", "dist").split(",").map((d) => resolve(root, d));

const source = generateTopology({ lines }).source;
const builds = [];
for (const dist of dists) {
  const { parseSource } = await import(pathToFileURL(join(dist, "syntax/parse.js")).href);
  builds.push({ dist, parseSource, cpu: [], gc: [], mib: [] });
}

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ["gc"] });

const parseOnce = (build) => {
  const result = build.parseSource(source, "bench.sriov");
  if (result.diagnostics.length > 0) throw new Error(`bench topology has syntax errors: ${result.diagnostics[0].message}`);
  return result;
};

// Warm-up: each build twice.
for (const build of builds) for (let i = 0; i < 2; i++) parseOnce(build);

for (let r = 0; r < rounds; r++) {
  for (const build of builds) {
    await new Promise((done) => setTimeout(done, 0)); // let pending gc entries arrive
    const gcBefore = gcMs;
    const start = process.cpuUsage();
    parseOnce(build);
    const used = process.cpuUsage(start);
    await new Promise((done) => setTimeout(done, 0));
    build.cpu.push((used.user + used.system) / 1000);
    build.gc.push(gcMs - gcBefore);
  }
}

const session = new Session();
session.connect();
await session.post("HeapProfiler.enable");
for (const build of builds) {
  for (let i = 0; i < 2; i++) {
    await session.post("HeapProfiler.startSampling", { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    parseOnce(build);
    const { profile } = await session.post("HeapProfiler.stopSampling");
    let bytes = 0;
    const walk = (node) => {
      bytes += node.selfSize;
      for (const child of node.children ?? []) walk(child);
    };
    walk(profile.head);
    build.mib.push(bytes / 2 ** 20);
    if (i === 0 && process.argv.includes("--save")) {
      mkdirSync(join(root, "bench/out"), { recursive: true });
      writeFileSync(join(root, `bench/out/syntax-${lines}-${builds.indexOf(build)}.heapprofile`), JSON.stringify(profile));
    }
  }
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
};
const show = (values, digits = 0) => {
  const s = stats(values);
  return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
};
const tokensApprox = source.length;
console.log(`parseSource of ${lines} lines (${(tokensApprox / 2 ** 20).toFixed(2)} MiB), ${rounds} interleaved rounds, load ${(await import("node:os")).loadavg()[0].toFixed(1)}`);
for (const build of builds) {
  console.log(`${build.dist}: CPU ${show(build.cpu)} ms, GC ${show(build.gc)} ms, allocated ${show(build.mib, 1)} MiB`);
}
if (builds.length === 2) {
  const ratios = builds[0].cpu.map((v, i) => builds[1].cpu[i] / v);
  console.log(`CPU ratio second/first per round: ${show(ratios, 2)}`);
}
