/**
 * `sriovc simulate FILE` once its options are read (./simulate.ts): compile through the driver, run the
 * simulation on the thread pool or here, print the report (docs/SIMULATION.md). Imported only by that
 * command: it brings the simulator, tinypool and the report renderers, which other commands do not load.
 */
import * as path from "node:path";
import type { Command } from "commander";
import { renderReport } from "../../report/render.js";
import { escapeControls } from "../../diagnostics/render/terminal-text.js";
import type { CompiledProgram, Lowering } from "../../driver/program.js";
import type { Ir } from "../../lower/ir.js";
import type { WhatIf } from "../../lower/what-if.js";
import { mergeParts } from "../../sim/fleet.js";
import { simulate, withSettings, type RunSettings, type SimOutcome } from "../../sim/simulate.js";
import { ExitCode, UsageError } from "../errors.js";
import { Fleet, budgetMessage, defaultJobs, groupsToRun, optimiseWithoutLoopPeeling, startsEarly, tierUpLater, type HostGroup } from "../fleet-pool.js";
import { terminalWidth, writeOutput } from "../io.js";
import { irDigest, partialReport } from "../partial-report.js";
import { progressReporter } from "../progress.js";
import { parseWhatIfs, readTopology } from "../topology-input.js";
import { VERSION } from "../version.js";
import type { SimulateOptions } from "./simulate.js";

/** The report's title: the input's file name. */
export function title(file: string): string {
  return file === "-" ? "standard input" : path.basename(file);
}

export async function runSimulate(file: string, options: SimulateOptions, command: Command): Promise<void> {
  const globals = command.optsWithGlobals<SimulateOptions>();
  if (options.shard !== undefined) {
    if (options.compare) throw new UsageError("--shard and --compare do not go together: --compare runs the whole topology once per data path");
    if (command.getOptionValueSource("format") === "cli") throw new UsageError("--shard writes a partial report (JSON) for 'sriovc merge', which prints the report in any --format");
  }
  const whatIfs = parseWhatIfs(options.whatIf);
  const run: RunSettings = {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.duration === undefined ? {} : { durationNs: options.duration }),
    ...(options.eventBudget === undefined ? {} : { eventBudget: options.eventBudget }),
  };
  const jobs = options.jobs ?? defaultJobs();
  // For a large file the workers start while this thread reads and checks it (src/cli/fleet-pool.ts).
  // The pool is closed whatever the outcome: its threads would keep the process alive.
  const early = startsEarly(file, jobs, options.compare === true);
  // Compile less on the threads that simulate: V8 optimises later (fleet-pool.ts THREADED_INTERRUPT_BUDGET).
  if (early) tierUpLater();
  const fleet = Fleet.start(jobs, options.shard, early);
  try {
    await simulateTopology(file, options, globals, whatIfs, run, fleet);
  } finally {
    await fleet.close();
  }
}

/** The topology lowered before the rules checked it, and its groups, already handed to the workers. */
interface Handed {
  readonly lowered: Ir;
  readonly ir: Ir;
  readonly groups: HostGroup[];
}

async function simulateTopology(file: string, options: SimulateOptions, globals: SimulateOptions, whatIfs: readonly WhatIf[], run: RunSettings, fleet: Fleet): Promise<void> {
  // On several threads the workers start simulating as soon as the topology is lowered, while this thread
  // runs the rules (docs/PERFORMANCE.md, "simulate --jobs 2"); if the check then finds errors, the run
  // stops with them below and what the workers did is dropped with the pool. The lowering is the one the
  // check and the compile below share: the same IR, lowered once.
  let handed: Handed | undefined;
  const beforeRules =
    options.compare || fleet.jobs < 2
      ? undefined
      : (program: CompiledProgram) => {
          let lowering: Lowering;
          try {
            lowering = program.lowering();
          } catch {
            // A model the check has not yet found errors in: the check below says what is wrong with it.
            return;
          }
          if (!lowering.ok) return;
          const ir = withSettings(lowering.ir, run);
          const groups = groupsToRun(ir, options.shard);
          handed = { lowered: lowering.ir, ir, groups };
          fleet.begin(ir, groups);
        };
  // The lowered IR is simulated, not published: not checked against its schema (CompileOptions).
  const { ir: base, program: compiled } = await readTopology(file, globals, whatIfs, { validate: false }, beforeRules);
  if (options.compare && compiled === undefined) throw new UsageError("--compare needs the .sriov source: each data path is lowered again from it");
  // The simulator compiles leaner from here (src/cli/fleet-pool.ts); on several threads it does from the hand-over.
  optimiseWithoutLoopPeeling();
  const early = handed?.lowered === base ? handed : undefined;
  const ir = early?.ir ?? withSettings(base, run);
  const progress = progressReporter();
  if (options.shard !== undefined) {
    const groups = early?.groups ?? groupsToRun(ir, options.shard);
    const simulated = await fleet.simulate(ir, groups, progress.onProgress);
    progress.done();
    const { seed, durationNs, warmupNs, eventBudget } = ir.simulation;
    writeOutput(
      options.output,
      partialReport({
        shard: { index: options.shard.index + 1, count: options.shard.count },
        title: title(file),
        topology: irDigest(ir),
        whatIfs: options.whatIf,
        simulation: { seed, durationNs, warmupNs, eventBudget },
        groups: groups.map((g) => g.key),
        // So that merge can tell a partial that lost a group, or a row placed past the last interface, without the topology.
        whole: { groups: groupsToRun(ir).length, interfaces: ir.ifaces.length },
        parts: [...simulated.results],
      }),
    );
    return;
  }
  // Groups of hosts that traffic couples run on `jobs` threads and merge into the report one run of
  // the whole would give (src/sim/fleet.ts); a topology that is one group runs as one.
  const groups = early?.groups ?? groupsToRun(ir);
  let outcome: SimOutcome;
  if (groups.length > 1) {
    const merged = mergeParts((await fleet.simulate(ir, groups, progress.onProgress)).results, ir.simulation);
    outcome = merged === undefined ? { ok: false, message: budgetMessage(ir.simulation.eventBudget) } : { ok: true, report: merged };
  } else outcome = compiled ? compiled.simulate(run, { onProgress: progress.onProgress }) : simulate(ir, { onProgress: progress.onProgress });
  const comparison = options.compare && compiled ? compiled.compare(run, { onProgress: progress.onProgress }) : undefined;
  progress.done();
  if (!outcome.ok) {
    process.stderr.write(`sriovc: ${escapeControls(outcome.message)}\n`);
    throw new ExitCode(2);
  }
  if (comparison && !comparison.ok) {
    process.stderr.write(`sriovc: --compare: ${escapeControls(comparison.message)}\n`);
    throw new ExitCode(2);
  }
  const report = comparison ? { ...outcome.report, comparison: comparison.rows } : outcome.report;
  const text = renderReport(options.format, report, {
    ir,
    title: title(file),
    version: VERSION,
    // Tables fit the terminal; a file (-o) or --wide gets every column.
    ...(options.wide || options.output !== undefined ? {} : { width: terminalWidth() }),
  });
  writeOutput(options.output, text);
}
