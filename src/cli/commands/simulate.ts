/** `sriovc simulate FILE|IR.json`: check, lower and run the simulation; print the report (SIMULATION.md). */
import * as path from "node:path";
import { Option, type Command } from "commander";
import type { Ir } from "../../lower/ir.js";
import { REPORT_FORMATS, renderReport, type ReportFormat } from "../../report/render.js";
import { parseSeed, readDuration, readEventBudget } from "../../sim/run-args.js";
import { compare, simulate, withSettings } from "../../sim/simulate.js";
import { parseWhatIf, reattach } from "../../sim/what-if.js";
import { escapeControls } from "../../diagnostics/render/terminal-text.js";
import { ExitCode, UsageError } from "../errors.js";
import { writeOutput, type GlobalOptions } from "../io.js";
import { progressReporter } from "../progress.js";
import { readTopology } from "../topology-input.js";
import { VERSION } from "../version.js";

interface SimulateOptions extends GlobalOptions {
  config?: string;
  seed?: number;
  duration?: number;
  format: ReportFormat;
  whatIf: string[];
  compare?: boolean;
  eventBudget?: number;
  output?: string;
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

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function applyWhatIfs(ir: Ir, whatIfs: readonly string[]): Ir {
  let current = ir;
  for (const text of whatIfs) {
    const parsed = parseWhatIf(text);
    if (!parsed) throw new UsageError(`--what-if expects IFACE=MODE (e.g. h1.db.eth0=vf), got '${text}'`);
    const changed = reattach(current, parsed.iface, parsed.path);
    if (!changed.ok) throw new UsageError(`--what-if ${text}: ${changed.message}`);
    current = changed.ir;
  }
  return current;
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
    .option("--compare", "also run every interface on each data path it could use, side by side")
    .option("--config <path>", "configuration file (default: sriovc.json in the working directory or a parent)")
    .option("--event-budget <n>", "stop after this many events (default: the topology's, 50,000,000)", budgetOption)
    .action(async (file: string, options: SimulateOptions, command: Command) => {
      const globals = command.optsWithGlobals<SimulateOptions>();
      const base = applyWhatIfs(await readTopology(file, globals), options.whatIf);
      const ir = withSettings(base, {
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...(options.duration === undefined ? {} : { durationNs: options.duration }),
        ...(options.eventBudget === undefined ? {} : { eventBudget: options.eventBudget }),
      });
      const progress = progressReporter();
      const outcome = simulate(ir, { onProgress: progress.onProgress });
      const comparison = options.compare ? compare(ir, { onProgress: progress.onProgress }) : undefined;
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
      const text = renderReport(options.format, report, { ir, title: file === "-" ? "standard input" : path.basename(file), version: VERSION });
      writeOutput(options.output, text);
    });
}
