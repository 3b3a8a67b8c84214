// The CLI's launcher and V8's code cache for its bundle (run by scripts/bundle-cli.mjs after it writes
// dist/cli/sriovc.cjs). Node 20 keeps no compiled code between runs of an ES module, so every `sriovc`
// start compiled the bundle again: the pre-parse of the whole file, then the bytecode of each function the
// run reached (the front end's hundreds). A script (`vm.Script`) can take V8's code cache: the launcher,
// dist/cli/bin.js, runs the bundle from the cache written here by a training run, the bytecode of every
// function that run compiled, so a fresh process deserialises it instead (docs/PERFORMANCE.md, "The cold
// front end (session 10)").
// - The cache holds bytecode only (no optimised code, no feedback): what the program does is the same.
// - V8 rejects a cache made by another V8 version, with other V8 flags, or for a source of another length;
//   the launcher then compiles the bundle as any script (slower, same result). It never writes the cache:
//   only a training launcher, written to a temporary directory by the build and never shipped, does.
// - The bundle is a script, not a module: `import()` in it could not load anything, so the launcher hands
//   it one (`__sriovcImport`), which the bundle's on-demand imports of the formatter use.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * A launcher's source. The shipped one (dist/cli/bin.js) finds the bundle and the cache beside itself and
 * only reads the cache; the training one (`train`, written to a temporary directory by the build, never
 * shipped) names both by absolute path, compiles without a cache and writes the cache at exit. So no
 * setting of an installed `sriovc` makes it write into its own directory.
 */
function launcher({ bundle, cache, train }) {
  return `#!/usr/bin/env node
// Runs the bundled CLI (sriovc.cjs) from V8's code cache (sriovc.cache) when V8 accepts it: the
// bytecode of what a run compiles, saved at build time (scripts/code-cache.mjs).
import { readFileSync${train ? ", renameSync, writeFileSync" : ""} } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const file = ${bundle};
const cacheFile = ${cache};
${
  train
    ? "const cachedData = undefined;"
    : `let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}`
}
const script = new Script("(function (exports, require, module, __filename, __dirname, __sriovcImport) {" + readFileSync(file, "utf8") + "\\n})", { filename: file, cachedData });
${train ? "process.on(\"exit\", () => (writeFileSync(`${cacheFile}.${process.pid}.tmp`, script.createCachedData()), renameSync(`${cacheFile}.${process.pid}.tmp`, cacheFile)));\n" : ""}const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file), (specifier) => import(specifier));
`;
}

/** The shipped launcher: the bundle and its cache beside it. */
export const LAUNCHER = launcher({
  bundle: 'fileURLToPath(new URL("./sriovc.cjs", import.meta.url))',
  cache: 'fileURLToPath(new URL("./sriovc.cache", import.meta.url))',
  train: false,
});

/**
 * Writes dist/cli/bin.js (the launcher) and dist/cli/sriovc.cache, from a run of the bundle on
 * `trainingFile` by a training launcher written to `workDirectory`.
 */
export function writeLauncherAndCache(outdir, trainingFile, workDirectory) {
  const shipped = join(outdir, "bin.js");
  const temporary = `${shipped}.${process.pid}.tmp`;
  writeFileSync(temporary, LAUNCHER);
  chmodSync(temporary, 0o755);
  renameSync(temporary, shipped);
  const cache = join(outdir, "sriovc.cache");
  rmSync(cache, { force: true });
  if (!existsSync(trainingFile)) throw new Error(`code cache: no training input ${trainingFile}`);
  const trainer = join(workDirectory, "train.mjs");
  writeFileSync(trainer, launcher({ bundle: JSON.stringify(join(outdir, "sriovc.cjs")), cache: JSON.stringify(cache), train: true }));
  // `simulate` runs the front end (check, lowering), the hand-over to a worker, the simulator and the report.
  const run = spawnSync(process.execPath, [trainer, "simulate", trainingFile, "--jobs", "2", "--format", "json"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0 || !existsSync(cache)) throw new Error(`code cache: the training run failed (exit ${run.status}): ${run.stderr}`);
}

// `node scripts/code-cache.mjs DIST_CLI_DIRECTORY TRAINING_FILE`: the launcher and the cache made again for a
// copy of dist/ whose bundle was changed (an instrumented copy, for measurements: V8 rejects a cache made
// for a source of another length).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [outdir, trainingFile] = process.argv.slice(2);
  if (outdir === undefined || trainingFile === undefined) {
    process.stderr.write("usage: node scripts/code-cache.mjs DIST_CLI_DIRECTORY TRAINING_FILE\n");
    process.exit(2);
  }
  const work = mkdtempSync(join(tmpdir(), "sriovc-code-cache-"));
  try {
    writeLauncherAndCache(resolve(outdir), resolve(trainingFile), work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
