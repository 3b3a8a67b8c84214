/**
 * `sriovc merge PARTIAL...`: the partial reports of `sriovc simulate --shard I/N`, one per shard, merged
 * into the report of the whole topology — byte-identical to what `sriovc simulate` prints for it unsharded
 * (docs/SCALE.md). Given the topology again (`--topology`), merge checks the partials against it; the HTML page
 * shows it, so `--format html` needs it.
 */
import * as path from "node:path";
import { Option, type Command } from "commander";
import { REPORT_FORMATS, type ReportFormat } from "../../report/formats.js";
import { ExitCode, UsageError } from "../errors.js";
import { terminalWidth, writeOutput } from "../io.js";
import { completeSet, groupCountProblem, irDigest, readPartialReport, topologyProblem } from "../partial-report.js";
import { parseWhatIfs, readTopology, type TopologyOptions } from "../topology-input.js";
import { VERSION } from "../version.js";

interface MergeOptions extends TopologyOptions {
  format: ReportFormat;
  output?: string;
  topology?: string;
  wide?: boolean;
}

export function register(program: Command): void {
  program
    .command("merge")
    .description("merge the partial reports of 'sriovc simulate --shard I/N' into the report of the whole topology")
    .argument("<partials...>", "the partial report of every shard (JSON files written by simulate --shard)")
    .addOption(new Option("--format <format>", "report format").choices(REPORT_FORMATS).default("table"))
    .option("-o, --output <path>", "write the report here (atomically) instead of standard output (- is standard output)")
    .option("--wide", "table format: show every column, whatever the terminal width")
    .option("--topology <file>", "the topology the shards simulated (.sriov or IR .json): the partials are checked against it; needed by --format html, which shows it")
    .option("--config <path>", "configuration file for --topology (default: sriovc.json in its directory or the nearest parent)")
    .action(async (files: string[], options: MergeOptions, command: Command) => {
      // The simulator's merge, the thread pool's messages and the report renderers load only for this command.
      const [{ renderReport }, { hostGroups, mergeParts, shardOf }, { withSettings }, { budgetMessage }] = await Promise.all([
        import("../../report/render.js"),
        import("../../sim/fleet.js"),
        import("../../sim/simulate.js"),
        import("../fleet-pool.js"),
      ]);
      // A file named twice (by a glob and by its name, say) is read once, as `check` reads one; two files of
      // one shard are still refused.
      const seen = new Set<string>();
      const unique = files.filter((file) => {
        const key = path.resolve(file);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      const read = unique.map((file) => ({ file, partial: readPartialReport(file) }));
      const partials = completeSet(read, { shardOf });
      const first = partials[0]!;
      let ir;
      if (options.topology !== undefined) {
        const globals = command.optsWithGlobals<MergeOptions>();
        const { ir: base } = await readTopology(options.topology, globals, parseWhatIfs(first.whatIfs));
        ir = withSettings(base, { seed: first.simulation.seed, durationNs: first.simulation.durationNs, eventBudget: first.simulation.eventBudget });
        if (irDigest(ir) !== first.topology)
          throw new UsageError(`--topology ${options.topology}: not the topology the shards simulated (its IR differs; were the settings, what-ifs or configuration different?)`);
        const wrong = topologyProblem(read, ir, options.topology, hostGroups(ir).map((g) => g.key), { shardOf });
        if (wrong !== undefined) throw new UsageError(wrong);
      } else if (options.format === "html") throw new UsageError("--format html needs --topology FILE: the page shows the topology, which partial reports do not carry");
      const lost = groupCountProblem(read);
      if (lost !== undefined) throw new UsageError(lost);
      const report = mergeParts(
        partials.flatMap((p) => p.parts),
        first.simulation,
      );
      if (report === undefined) {
        process.stderr.write(`sriovc: ${budgetMessage(first.simulation.eventBudget)}\n`);
        throw new ExitCode(2);
      }
      writeOutput(options.output, renderReport(options.format, report, {
          ...(ir === undefined ? {} : { ir }),
          title: first.title,
          version: VERSION,
          // As simulate: tables fit the terminal; a file (-o) or --wide gets every column.
          ...(options.wide || options.output !== undefined ? {} : { width: terminalWidth() }),
        }));
    });
}
