/** `sriovc simulate FILE|IR.json`: compile through the driver and run the simulation; print the report (docs/SIMULATION.md). */
import * as path from "node:path";
import { Option, type Command } from "commander";
import { REPORT_FORMATS, renderReport, type ReportFormat } from "../../report/render.js";
import { escapeControls } from "../../diagnostics/render/terminal-text.js";
import type { WhatIf } from "../../lower/what-if.js";
import { parseSeed, readDuration, readEventBudget } from "../../sim/run-args.js";
import { mergeParts } from "../../sim/fleet.js";
import { simulate, withSettings, type RunSettings, type SimOutcome } from "../../sim/simulate.js";
import { ExitCode, UsageError } from "../errors.js";
import { Fleet, budgetMessage, defaultJobs, groupsToRun, worthStartingEarly, type Shard } from "../fleet-pool.js";
import { terminalWidth, writeOutput } from "../io.js";
import { irDigest, parseShard, partialReport } from "../partial-report.js";
import { progressReporter } from "../progress.js";
import { parseWhatIfs, readTopology, type TopologyOptions } from "../topology-input.js";
import { VERSION } from "../version.js";

interface SimulateOptions extends TopologyOptions {
  seed?: number;
  duration?: number;
  format: ReportFormat;
  whatIf: string[];
  compare?: boolean;
  eventBudget?: number;
  output?: string;
  wide?: boolean;
  jobs?: number;
  shard?: Shard;
}

function seedOption(value: string): number {
  const seed = parseSeed(value);
  if (seed === undefined) throw new UsageError(`--seed expects a whole number below 2^32, got '${value}'`);
  return seed;
}

function durationOption(value: string): number {
  const read = readDuration(value);
  if (!read.ok) throw new UsageError(read.message);
  return read.ns;
}

function budgetOption(value: string): number {
  const read = readEventBudget(value);
  if (!read.ok) throw new UsageError(read.message);
  return read.events;
}

function jobsOption(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1024) throw new UsageError(`--jobs expects a whole number of threads from 1 to 1024, got '${value}'`);
  return Number(value);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The report's title: the input's file name. */
export function title(file: string): string {
  return file === "-" ? "standard input" : path.basename(file);
}

export function register(program: Command): void {
  program
    .command("simulate")
    .description("check, lower and simulate a topology; print the report")
    .argument("<file>", "a .sriov file (- for standard input), or an IR file (.json) from 'sriovc compile'")
    .option("--seed <n>", "RNG seed (default: the topology's)", seedOption)
    .option("--duration <d>", "simulated time, e.g. 100ms (the warm-up keeps its share)", durationOption)
    .addOption(new Option("--format <format>", "report format").choices(REPORT_FORMATS).default("table"))
    .option("--what-if <iface=mode>", "re-attach an interface for this run (repeatable): pf, vswitch, vmdq or vf", collect, [])
    .option("-o, --output <path>", "write the report here (atomically) instead of standard output")
    .option("--wide", "table format: show every column, whatever the terminal width")
    .option("--compare", "also run every interface on each data path it could use, side by side")
    .option("--config <path>", "configuration file (default: sriovc.json in the file's directory or the nearest parent)")
    .option("--event-budget <n>", "stop after this many events (default: the topology's, 50,000,000)", budgetOption)
    .option("--verbose", "print every warning of 'sriovc check', not one line per rule")
    .option("--jobs <n>", "simulate groups of hosts on this many threads (default: the number of cores)", jobsOption)
    .option("--shard <i/n>", "simulate only shard i of n (by a stable hash of host names) and write a partial report for 'sriovc merge'", parseShard)
    .action(async (file: string, options: SimulateOptions, command: Command) => {
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
      const fleet = Fleet.start(jobs, options.shard, !options.compare && file !== "-" && worthStartingEarly(file));
      try {
        await simulateTopology(file, options, globals, whatIfs, run, fleet);
      } finally {
        await fleet.close();
      }
    });
}

async function simulateTopology(file: string, options: SimulateOptions, globals: SimulateOptions, whatIfs: readonly WhatIf[], run: RunSettings, fleet: Fleet): Promise<void> {
  const { ir: base, program: compiled } = await readTopology(file, globals, whatIfs);
  if (options.compare && compiled === undefined) throw new UsageError("--compare needs the .sriov source: each data path is lowered again from it");
  const ir = withSettings(base, run);
  const progress = progressReporter();
  if (options.shard !== undefined) {
    const groups = groupsToRun(ir, options.shard);
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
        parts: simulated.results,
      }),
    );
    return;
  }
  // Groups of hosts that traffic couples run on `jobs` threads and merge into the report one run of
  // the whole would give (src/sim/fleet.ts); a topology that is one group runs as one.
  const groups = groupsToRun(ir);
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
