#!/usr/bin/env node
// Wall time of `sriovc simulate` on a bundled sample, two builds side by side: runs alternate between
// them (A, B, A, B, …) so that a machine busy with other work slows both alike. Also times, in a fresh
// process per build, the first IR validation (`validateIr`), which is where a run compiled the IR JSON
// Schema with ajv before the build precompiled it.
//   node bench/simulate-start.mjs BEFORE_ROOT AFTER_ROOT [RUNS] [SAMPLE]
// Each ROOT is a built package (its dist/, data/, schema/ and node_modules).
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const [beforeRoot, afterRoot, runsText = "20", sample = "samples/four-data-paths.sriov"] = process.argv.slice(2);
if (!beforeRoot || !afterRoot) {
  console.error("usage: node bench/simulate-start.mjs BEFORE_ROOT AFTER_ROOT [RUNS] [SAMPLE]");
  process.exit(2);
}
const runs = Number(runsText);
const builds = [
  { name: "before", root: resolve(beforeRoot), times: [], validate: [] },
  { name: "after", root: resolve(afterRoot), times: [], validate: [] },
];

const firstValidation = (root) => `
  const t0 = performance.now();
  const { lowerModel } = await import(${JSON.stringify(`${root}/dist/lower/lower.js`)});
  const { validateIr } = await import(${JSON.stringify(`${root}/dist/lower/validate.js`)});
  const { checkEntries } = await import(${JSON.stringify(`${root}/dist/driver/workspace.js`)}).catch(() => import(${JSON.stringify(`${root}/dist/cli/pipeline.js`)}));
  const result = checkEntries([${JSON.stringify(resolve(sample))}]);
  const program = result.programs[0];
  const lowered = lowerModel(program.model);
  const ir = JSON.parse(JSON.stringify(lowered.ir));
  const t1 = performance.now();
  const ok = validateIr(ir).ok;
  const t2 = performance.now();
  if (!ok) throw new Error("invalid IR");
  console.log(t2 - t1);
`;

for (let i = 0; i < runs; i++) {
  for (const build of i % 2 === 0 ? builds : [...builds].reverse()) {
    const t0 = performance.now();
    const run = spawnSync(process.execPath, [`${build.root}/dist/cli/bin.js`, "simulate", sample], { encoding: "utf8" });
    build.times.push(performance.now() - t0);
    if (run.status !== 0) throw new Error(`${build.name}: exit ${run.status}: ${run.stderr}`);
    const probe = spawnSync(process.execPath, ["--input-type=module", "-e", firstValidation(build.root)], { encoding: "utf8" });
    if (probe.status !== 0) throw new Error(`${build.name}: ${probe.stderr}`);
    build.validate.push(Number(probe.stdout.trim()));
  }
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { median: Math.round(median), mean: Math.round(mean), min: Math.round(sorted[0]), max: Math.round(sorted[sorted.length - 1]) };
};
for (const build of builds) {
  console.log(`${build.name}: simulate wall ms ${JSON.stringify(stats(build.times))}; first validateIr ms ${JSON.stringify(stats(build.validate))} (${runs} runs)`);
}
