#!/usr/bin/env node
// Where the CPU time of one edit goes, in process: the language server bench's pair (bench/lsp.mjs: a
// 10,000-line file importing a 10,000-line file), one `vcpus` value edited again and again, each edit
// checked through the same stages the server runs (src/lsp/project.ts → src/driver/program.ts), each
// stage timed with process.cpuUsage (main thread and the garbage collector's helpers). The figures in
// docs/PERFORMANCE.md, "Language server", come from here.
//
//   node bench/edit-phases.mjs [--edits N] [--lines N] [--whole] [--resolve-all]
//
// --whole: the analysis rules' estimate made as before parts existed (the whole plan, every host, every
// edit) instead of part by part with the parts of earlier edits kept (src/driver/estimate-parts.ts).
// --resolve-all: every host resolved on every edit, as before the resolve cache
// (src/semantics/resolve-cache.ts), instead of only the hosts the edit changed.
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateTopology } from "./generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const EDITS = argument("--edits", 40);
const LINES = argument("--lines", 10000);
const whole = process.argv.includes("--whole");
const resolveAll = process.argv.includes("--resolve-all");
const dist = (p) => import(join(root, "dist", p));
const { createHost } = await dist("driver/host.js");
const { loadWorkspace } = await dist("semantics/loader.js");
const { resolveProgram } = await dist("semantics/resolve.js");
const { lintProgram } = await dist("rules/lint.js");
const { lowerModel } = await dist("lower/lower.js");
const { buildPlan } = await dist("sim/plan.js");
const { estimate } = await dist("sim/analytic.js");
const { analysisOf } = await dist("driver/analysis.js");
const { EstimateCache } = await dist("driver/estimate-parts.js");
const { ResolveCache } = await dist("semantics/resolve-cache.js");

// The pair as bench/lsp.mjs writes it, held in memory (the host's overlay) rather than on disk.
const cwd = "/virtual/lsp-bench";
const { source } = generateTopology({ lines: LINES });
const lib = source.replace(/simulation \{[^}]*\}/, "").replace(/\bh(\d+)/g, "lib$1");
const lines = `import "lib0.sriov"\n${source}`.split("\n");
// As bench/lsp.mjs: one blank line dropped for the import.
const blank = lines.findIndex((line, i) => i > 0 && line === "");
if (blank !== -1) lines.splice(blank, 1);
const main = join(cwd, "main0.sriov");
const host = createHost({ cwd });
host.setFile(join(cwd, "lib0.sriov"), lib);
const editLine = lines.findIndex((line) => /^\s*vcpus = \d+$/.test(line));
const column = lines[editLine].indexOf("=") + 2;
const original = Number(lines[editLine].slice(column));

const cache = new EstimateCache();
const resolutions = new ResolveCache();
const phases = new Map();
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const timed = (name, run) => {
  const start = cpuMs();
  const result = run();
  phases.set(name, (phases.get(name) ?? 0) + cpuMs() - start);
  return result;
};
const WARM_UP = 3;
for (let i = -WARM_UP; i < EDITS; i++) {
  if (i === 0) phases.clear();
  lines[editLine] = lines[editLine].slice(0, column) + String(original + 1 + ((i + WARM_UP) % 2));
  host.setFile(main, lines.join("\n"));
  const { workspace } = timed("load (parse the changed file; the import from the cache)", () => loadWorkspace([main], host.loadOptions()));
  const program = workspace.programs[0];
  const resolved = timed(resolveAll ? "resolve (every host)" : "resolve (the hosts the edit changed; the rest from the cache)", () => resolveProgram(program, resolveAll ? {} : { cache: resolutions }));
  const model = resolved.model;
  const lowered = timed("lower (the whole model)", () => lowerModel(model));
  const figures = timed(whole ? "plan + estimate (the whole plan)" : "estimate in parts (split, key, plan + estimate the changed ones)", () => (whole ? estimate(buildPlan(lowered.ir)) : cache.estimate(lowered.ir)));
  const analysis = timed("analysis findings", () => analysisOf(model, figures));
  timed("rules and suppressions", () => lintProgram({ model, files: program.files, earlier: [...program.diagnostics, ...resolved.diagnostics], analyze: () => analysis }, {}));
}
let total = 0;
for (const ms of phases.values()) total += ms;
console.log(`\nCPU time per edit by stage (bench/edit-phases.mjs${whole ? " --whole" : ""}${resolveAll ? " --resolve-all" : ""}, ${EDITS} edits of a ${lines.length}-line file importing a ${LINES}-line one; load average ${loadavg()[0].toFixed(1)}):\n`);
console.log("| stage | CPU ms per edit | share |");
console.log("|---|---|---|");
for (const [name, ms] of phases) console.log(`| ${name} | ${(ms / EDITS).toFixed(1)} | ${((ms / total) * 100).toFixed(0)} % |`);
console.log(`| all | ${(total / EDITS).toFixed(1)} | |`);
