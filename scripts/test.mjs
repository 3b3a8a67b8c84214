#!/usr/bin/env node
// Runs the test suite with vitest and ends with the plain `N passed, N failed` line that CI reads
// (vitest's own summary is not recognised there). Extra arguments go to vitest (e.g. a test path).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

const report = "test-output/vitest.json";
mkdirSync("test-output", { recursive: true });
rmSync(report, { force: true });
const vitest = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: "inherit" },
);
let summary;
try {
  const results = JSON.parse(readFileSync(report, "utf8"));
  summary = { passed: results.numPassedTests, failed: results.numFailedTests, skipped: results.numPendingTests + results.numTodoTests };
} catch {
  console.log("0 passed, 1 failed");
  console.error("test: vitest wrote no report; see its output above");
  process.exit(vitest.status || 1);
}
const skipped = summary.skipped > 0 ? `, ${summary.skipped} skipped` : "";
console.log(`${summary.passed} passed, ${summary.failed} failed${skipped}`);
process.exit(vitest.status ?? 1);
