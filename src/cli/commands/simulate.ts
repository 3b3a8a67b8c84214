/** `sriovc simulate FILE`: its options; the run itself is ./simulate-run.ts, imported when the command runs. */
import { Option, type Command } from "commander";
import { WHAT_IF_MODES } from "../../lower/what-if.js";
import { REPORT_FORMATS, type ReportFormat } from "../../report/formats.js";
import { parseSeed, readDuration, readEventBudget } from "../../sim/run-args.js";
import { UsageError } from "../errors.js";
import { repeatable } from "../repeated-options.js";
import type { Shard } from "../fleet-pool.js";
import { parseShard } from "../partial-report.js";
import type { TopologyOptions } from "../topology-input.js";

export interface SimulateOptions extends TopologyOptions {
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

export function register(program: Command): void {
  program
    .command("simulate")
    .description("check, lower and simulate a topology; print the report")
    .argument("<file>", "a .sriov file, or an IR file (.json) from 'sriovc compile'; - for standard input (IR when it starts with {)")
    .option("--seed <n>", "RNG seed (default: the topology's)", seedOption)
    .option("--duration <d>", "simulated time, e.g. 100ms (default: the topology's `simulation.duration`, 100ms if unset; the warm-up keeps its share)", durationOption)
    .addOption(new Option("--format <format>", "report format").choices(REPORT_FORMATS).default("table"))
    // Listed from the parser's own modes: the help once named only four of the eight.
    // (Its default, no re-attachment, is not shown: commander would print "(default: [])".)
    .addOption(repeatable(new Option("--what-if <iface=mode>", `re-attach an interface for this run (repeatable); mode: ${WHAT_IF_MODES.slice(0, -1).join(", ")} or ${WHAT_IF_MODES.at(-1)}`).argParser(collect).default([], "none")))
    .option("-o, --output <path>", "write the report here (atomically) instead of standard output (- is standard output)")
    .option("--wide", "table format: show every column, whatever the terminal width")
    .option("--compare", "also run every interface on each data path it could use, side by side")
    .option("--config <path>", "configuration file (default: sriovc.json in the file's directory or the nearest parent)")
    .option("--event-budget <n>", "stop after this many events (default: the topology's, 50,000,000)", budgetOption)
    .option("--verbose", "print every warning and info of 'sriovc check', not one line per rule")
    .option("--jobs <n>", "simulate groups of hosts on this many threads (default: the cores this process may use)", jobsOption)
    .option("--shard <i/n>", "simulate only shard i of n (by a stable hash of host names) and write a partial report for 'sriovc merge'", parseShard)
    .action(async (file: string, options: SimulateOptions, command: Command) => {
      // The simulator, the thread pool and the report renderers load only for this command.
      const { runSimulate } = await import("./simulate-run.js");
      await runSimulate(file, options, command);
    });
}
