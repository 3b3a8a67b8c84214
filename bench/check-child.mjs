#!/usr/bin/env node
// One `check` in a process of its own, for the bench (bench/run.mjs): a fresh process per measurement, so
// no figure is shaped by an earlier, bigger check in the same heap. Prints one JSON line (last line of
// standard output, after whatever `--trace-gc` printed):
//
//   node [--trace-gc] bench/check-child.mjs FILE
//     → {"ms": check wall time, "startMs"/"endMs": its window on performance.now(), "maxRss": bytes,
//        "lines"} — run under `--trace-gc`, the parent sums the GC pauses printed inside the window
//   node bench/check-child.mjs --alternate SMALL BIG ROUNDS
//     → {"small": [ms…], "big": [ms…]}: SMALL and BIG checked alternately in this one process, after one
//        warm-up check of each
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { checkEntries } = await import(join(root, "dist/driver/workspace.js"));

function check(path) {
  const result = checkEntries([path]);
  const error = result.diagnostics.find((d) => d.severity === "error");
  if (error) throw new Error(`bench topology has errors: ${error.rule}: ${error.message}`);
  return result;
}

const args = process.argv.slice(2);
if (args[0] === "--alternate") {
  const [, small, big, roundsText] = args;
  const rounds = Number(roundsText);
  check(small);
  check(big);
  const out = { small: [], big: [] };
  for (let i = 0; i < rounds; i++) {
    for (const [key, path] of [["small", small], ["big", big]]) {
      const start = performance.now();
      check(path);
      out[key].push(performance.now() - start);
    }
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
} else {
  const startMs = performance.now();
  check(args[0]);
  const endMs = performance.now();
  const lines = readFileSync(args[0], "utf8").split("\n").length - 1;
  process.stdout.write(`${JSON.stringify({ ms: endMs - startMs, startMs, endMs, maxRss: process.resourceUsage().maxRSS * 1024, lines })}\n`);
}
