#!/usr/bin/env node
// The front end on a generated topology, stage by stage (lex, token repair, parse to AST, resolve) or as
// `parseSource` whole (bench/syntax.mjs): CPU time, GC time and bytes allocated per stage, for
// before/after comparisons of changes to src/syntax and src/semantics (docs/PERFORMANCE.md).
//
//   node bench/front-end.mjs [--lines 100000] [--rounds 15] [--dist DIR[,DIR…]] [--stages S[,S…]] [--save]
//
// --stages picks from lex, repair, parse, resolve (the default, all four) and parseSource. The four are
// what parseSource does, stage by stage (its nesting guard, error explanations and comment nodes, a few
// ms, are left out): each gets what the one before it returned; resolve gets an AST that parseSource
// made before the stage began. With several builds (`--dist dist,/tmp/old/dist`: each DIR a built dist/
// with the project's data/ and node_modules/ next to it), each round runs every stage once with each build
// in turn (interleaved, A B A B …), so the load of the moment falls on both. Per build and stage it prints
// the median and min–max of the CPU ms (process.cpuUsage, user + system: the collector's threads
// included), of the GC ms while it ran (the `gc` performance entries), and of the MiB allocated by one run
// (the inspector's sampling heap profiler, collected objects included, a sample every 32 KiB: an estimate
// within a few per cent); with two builds, the median and min–max of the per-round CPU ratio
// second/first. --save writes the first heap profile of each build and stage to bench/out/.
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateTopology } from "./generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PIPELINE = ["lex", "repair", "parse", "resolve"];

/**
 * Runs the bench with the command line's options; `defaults` gives the stages and rounds when it does not
 * name them, and `name` the heap profiles' file names (bench/out/NAME-LINES-BUILD.heapprofile).
 */
export async function frontEndBench(defaults = {}) {
  const argValue = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
  const lines = Number(argValue("--lines", "100000"));
  const rounds = Number(argValue("--rounds", String(defaults.rounds ?? 15)));
  const dists = argValue("--dist", "dist").split(",").map((d) => resolve(root, d));
  const stageNames = argValue("--stages", (defaults.stages ?? PIPELINE).join(",")).split(",");
  for (const stage of stageNames) if (![...PIPELINE, "parseSource"].includes(stage)) throw new Error(`unknown stage ${stage}: lex, repair, parse, resolve or parseSource`);

  const file = "bench.sriov";
  const source = generateTopology({ lines }).source;
  const sources = new Map([[file, source]]);
  const perStage = () => Object.fromEntries(stageNames.map((stage) => [stage, []]));

  const builds = [];
  for (const dist of dists) {
    const load = (path) => import(pathToFileURL(join(dist, path)).href);
    const { LineIndex } = await load("syntax/span.js");
    const { lex } = await load("syntax/lexer.js");
    const { repairTokens } = await load("syntax/mistakes.js");
    const { parseTokens } = await load("syntax/parser.js");
    const { parseSource } = await load("syntax/parse.js");
    const { resolveProgram } = await load("semantics/resolve.js");
    const stages = {
      lex: () => {
        const lineIndex = new LineIndex(file, source);
        return { lineIndex, tokens: lex(source, lineIndex).tokens };
      },
      repair: ({ lineIndex, tokens }) => ({ lineIndex, tokens: repairTokens(tokens, lineIndex, 1000).tokens }),
      parse: ({ lineIndex, tokens }) => parseTokens(tokens, lineIndex, 1000),
      resolve: (ast) => resolveProgram({ files: [ast], sources }),
      parseSource: () => {
        const result = parseSource(source, file);
        if (result.diagnostics.length > 0) throw new Error(`bench topology has syntax errors: ${result.diagnostics[0].message}`);
        return result;
      },
    };
    // Each stage's input: what the stage before it in the pipeline returned (lex before repair, …).
    const inputOf = (stage, previous) => {
      if (stage === "resolve") return parseSource(source, file).ast;
      const before = PIPELINE.indexOf(stage) - 1;
      if (before < 0 || stageNames[stageNames.indexOf(stage) - 1] === PIPELINE[before]) return previous;
      let input;
      for (let k = 0; k <= before; k++) input = stages[PIPELINE[k]](input);
      return input;
    };
    builds.push({ dist, stages, inputOf, cpu: perStage(), gc: perStage(), mib: perStage() });
  }

  /** Runs the stages in order; `measure(stage, work)` runs one stage's own work and returns its result. */
  async function pipeline(build, measure) {
    let previous;
    for (const stage of stageNames) {
      const input = build.inputOf(stage, previous);
      previous = await measure(stage, () => build.stages[stage](input));
    }
  }

  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  observer.observe({ entryTypes: ["gc"] });
  const settle = () => new Promise((done) => setTimeout(done, 0)); // lets pending gc entries arrive

  const timed = async (build) =>
    pipeline(build, async (stage, work) => {
      await settle();
      const gcBefore = gcMs;
      const start = process.cpuUsage();
      const result = work();
      const used = process.cpuUsage(start);
      await settle();
      build.cpu[stage].push((used.user + used.system) / 1000);
      build.gc[stage].push(gcMs - gcBefore);
      return result;
    });

  // Warm-up: two runs of each build, then the interleaved rounds.
  for (const build of builds) for (let i = 0; i < 2; i++) await timed(build);
  for (const build of builds) {
    build.cpu = perStage();
    build.gc = perStage();
  }
  for (let r = 0; r < rounds; r++) for (const build of builds) await timed(build);
  observer.disconnect();

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
        if (i === 0 && process.argv.includes("--save")) {
          mkdirSync(join(root, "bench/out"), { recursive: true });
          const name = defaults.name ?? `front-end-${stage}`;
          writeFileSync(join(root, `bench/out/${name}-${lines}-${builds.indexOf(build)}.heapprofile`), JSON.stringify(profile));
        }
        return result;
      });
    }
  }
  session.disconnect();

  const sorted = (list) => [...list].sort((a, b) => a - b);
  const median = (list) => sorted(list)[Math.floor(list.length / 2)];
  const spread = (list, digits = 0) => `${median(list).toFixed(digits)} (${Math.min(...list).toFixed(digits)}–${Math.max(...list).toFixed(digits)})`;
  console.log(`front end of ${lines} lines (${(source.length / 2 ** 20).toFixed(2)} MiB), ${rounds} interleaved rounds, load ${loadavg()[0].toFixed(1)}`);
  const width = Math.max(...stageNames.map((stage) => stage.length));
  for (const build of builds) {
    console.log(build.dist);
    for (const stage of stageNames) console.log(`  ${stage.padEnd(width)} CPU ${spread(build.cpu[stage])} ms, GC ${spread(build.gc[stage])} ms, allocated ${spread(build.mib[stage], 1)} MiB`);
  }
  if (builds.length === 2) {
    const [first, second] = builds;
    for (const stage of stageNames) {
      const ratios = first.cpu[stage].map((a, i) => second.cpu[stage][i] / a);
      console.log(`  ${stage.padEnd(width)} CPU ratio second/first per round: ${spread(ratios, 2)}`);
    }
  }
}

if (process.argv[1] !== undefined && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) await frontEndBench();
