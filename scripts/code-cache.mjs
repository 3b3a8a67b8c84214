// The CLI's launcher and V8's code cache for its bundle (run by scripts/bundle-cli.mjs after it writes
// dist/cli/sriovc.cjs). Node 20 keeps no compiled code between runs of an ES module, so every `sriovc`
// start compiled the bundle again: the pre-parse of the whole file, then the bytecode of each function the
// run reached (the front end's hundreds). A script (`vm.Script`) can take V8's code cache: the launcher,
// dist/cli/bin.js, runs the bundle from the cache written here by a training run, the bytecode of every
// function that run compiled, so a fresh process deserialises it instead (docs/PERFORMANCE.md, "The cold
// front end (session 10)").
// - The cache holds bytecode only (no optimised code, no feedback): what the program does is the same.
// - V8 rejects a cache made by another V8 version, with other V8 flags, or for a source of another length;
//   the launcher then compiles the bundle as any script (slower, same result). It never writes the cache.
// - The bundle is a script, not a module: `import()` in it could not load anything, so the launcher hands
//   it one (`__sriovcImport`), which the bundle's on-demand imports of the formatter use.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const LAUNCHER = `#!/usr/bin/env node
// Runs the bundled CLI (./sriovc.cjs) from V8's code cache (./sriovc.cache) when V8 accepts it: the
// bytecode of what a run compiles, saved at build time (scripts/code-cache.mjs).
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const file = fileURLToPath(new URL("./sriovc.cjs", import.meta.url));
const cacheFile = fileURLToPath(new URL("./sriovc.cache", import.meta.url));
const training = process.env.SRIOVC_TRAIN_CODE_CACHE === "1";
let cachedData;
if (!training) {
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
}
const script = new Script("(function (exports, require, module, __filename, __dirname, __sriovcImport) {" + readFileSync(file, "utf8") + "\\n})", { filename: file, cachedData });
if (training) process.on("exit", () => (writeFileSync(\`\${cacheFile}.\${process.pid}.tmp\`, script.createCachedData()), renameSync(\`\${cacheFile}.\${process.pid}.tmp\`, cacheFile)));
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, fileURLToPath(new URL(".", import.meta.url)), (specifier) => import(specifier));
`;

/** Writes dist/cli/bin.js (the launcher) and dist/cli/sriovc.cache, from a run of the bundle on `trainingFile`. */
export function writeLauncherAndCache(outdir, trainingFile) {
  const launcher = join(outdir, "bin.js");
  const temporary = `${launcher}.${process.pid}.tmp`;
  writeFileSync(temporary, LAUNCHER);
  chmodSync(temporary, 0o755);
  renameSync(temporary, launcher);
  const cache = join(outdir, "sriovc.cache");
  rmSync(cache, { force: true });
  if (!existsSync(trainingFile)) throw new Error(`code cache: no training input ${trainingFile}`);
  // `simulate` runs the front end (check, lowering), the hand-over to a worker, the simulator and the report.
  const run = spawnSync(process.execPath, [launcher, "simulate", trainingFile, "--jobs", "2", "--format", "json"], {
    env: { ...process.env, SRIOVC_TRAIN_CODE_CACHE: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0 || !existsSync(cache)) throw new Error(`code cache: the training run failed (exit ${run.status}): ${run.stderr}`);
}
