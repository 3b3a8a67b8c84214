#!/usr/bin/env node
// The front end stage by stage (lex, token repair, parse to AST, resolve) on a generated topology: CPU
// time and bytes allocated per stage, for before/after comparisons of changes to src/syntax and
// src/semantics (docs/PERFORMANCE.md).
//
//   node bench/front-end.mjs [--lines 100000] [--rounds 15] [--dist DIR[,DIR…]]
//
// With several builds (`--dist dist,/tmp/old/dist`: each DIR a built dist/ with the project's data/ and
// node_modules/ next to it), each round runs every stage once with each build in turn (interleaved,
// A B A B …), so the load of the moment falls on both. Per build and stage it prints the median and
// min–max of the CPU ms (process.cpuUsage, user + system: the collector's threads included) and the MiB
// allocated by one run (the inspector's sampling heap profiler, collected objects included, a sample
// every 32 KiB: an estimate within a few per cent); with two builds, the median and min–max of the
// per-round CPU ratio second/first.
import { Session } from "node:inspector/promises";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateTopology } from "./generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argValue = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const lines = Number(argValue("--lines", "100000"));
const rounds = Number(argValue("--rounds", "15"));
const dists = argValue("--dist", "dist").split(",").map((d) => resolve(root, d));

const file = "bench.sriov";
const source = generateTopology({ lines }).source;
const sources = new Map([[file, source]]);
const STAGES = ["lex", "repair", "parse", "resolve"];
const perStage = () => Object.fromEntries(STAGES.map((stage) => [stage, []]));

const builds = [];
for (const dist of dists) {
  const load = (path) => import(pathToFileURL(join(dist, path)).href);
  const { LineIndex } = await load("syntax/span.js");
  const { lex } = await load("syntax/lexer.js");
  const { repairTokens } = await load("syntax/mistakes.js");
  const { parseTokens } = await load("syntax/parser.js");
  const { parseSource } = await load("syntax/parse.js");
  const { resolveProgram } = await load("semantics/resolve.js");
  // What parseSource does, stage by stage (its nesting guard, error explanations and comment nodes, a
  // few ms, are left out). Each stage gets what the one before it returned; resolve gets an AST that
  // parseSource made before the stage began.
  const stages = {
    lex: () => {
      const lineIndex = new LineIndex(file, source);
      return { lineIndex, tokens: lex(source, lineIndex).tokens };
    },
    repair: ({ lineIndex, tokens }) => ({ lineIndex, tokens: repairTokens(tokens, lineIndex, 1000).tokens }),
    parse: ({ lineIndex, tokens }) => parseTokens(tokens, lineIndex, 1000),
    resolve: (ast) => resolveProgram({ files: [ast], sources }),
  };
  const inputOf = (stage, previous) => (stage === "resolve" ? parseSource(source, file).ast : previous);
  builds.push({ dist, stages, inputOf, cpu: perStage(), mib: perStage() });
}

/** Runs the stages in order; `measure(stage, work)` runs one stage's own work and returns its result. */
async function pipeline(build, measure) {
  let previous;
  for (const stage of STAGES) {
    const input = build.inputOf(stage, previous);
    previous = await measure(stage, () => build.stages[stage](input));
  }
}

const cpuOf = async (build) =>
  pipeline(build, (stage, work) => {
    const start = process.cpuUsage();
    const result = work();
    const used = process.cpuUsage(start);
    build.cpu[stage].push((used.user + used.system) / 1000);
    return result;
  });

// Warm-up: two runs of each build, then the interleaved rounds.
for (const build of builds) for (let i = 0; i < 2; i++) await cpuOf(build);
for (const build of builds) build.cpu = perStage();
for (let r = 0; r < rounds; r++) for (const build of builds) await cpuOf(build);

const session = new Session();
session.connect();
await session.post("HeapProfiler.enable");
for (let i = 0; i < 2; i++) {
  for (const build of builds) {
    await pipeline(build, async (stage, work) => {
      await session.post("HeapProfiler.startSampling", { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      const result = work();
      const { profile } = await session.post("HeapProfiler.stopSampling");
      let bytes = 0;
      const walk = (node) => {
        bytes += node.selfSize;
        for (const child of node.children ?? []) walk(child);
      };
      walk(profile.head);
      build.mib[stage].push(bytes / 2 ** 20);
      return result;
    });
  }
}

const sorted = (list) => [...list].sort((a, b) => a - b);
const median = (list) => sorted(list)[Math.floor(list.length / 2)];
const spread = (list, digits = 0) => `${median(list).toFixed(digits)} (${Math.min(...list).toFixed(digits)}–${Math.max(...list).toFixed(digits)})`;
console.log(`front end of ${lines} lines (${(source.length / 2 ** 20).toFixed(2)} MiB), ${rounds} interleaved rounds, load ${loadavg()[0].toFixed(1)}`);
for (const build of builds) {
  console.log(build.dist);
  for (const stage of STAGES) console.log(`  ${stage.padEnd(8)} CPU ${spread(build.cpu[stage])} ms, allocated ${median(build.mib[stage]).toFixed(1)} MiB`);
}
if (builds.length === 2) {
  const [first, second] = builds;
  for (const stage of STAGES) {
    const ratios = first.cpu[stage].map((a, i) => second.cpu[stage][i] / a);
    console.log(`  ${stage.padEnd(8)} CPU ratio second/first per round: ${spread(ratios, 2)}`);
  }
}
