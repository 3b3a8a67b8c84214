/** `sriovc check [paths...]`: parse, resolve and run every rule; print diagnostics; exit 0/1. */
import { Option, type Command } from "commander";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { renderGithub } from "../../diagnostics/render/github.js";
import { renderJson } from "../../diagnostics/render/json.js";
import { renderPretty } from "../../diagnostics/render/pretty.js";
import { renderSarif } from "../../diagnostics/render/sarif.js";
import { terminalSafeJson, terminalSafeOutput } from "../../diagnostics/render/terminal-text.js";
import { sarifContext } from "../../rules/sarif-rules.js";
import { loadConfig } from "../config.js";
import { ExitCode, UsageError } from "../errors.js";
import { expandInputs } from "../inputs.js";
import { readStdinIfNeeded, useColor, type GlobalOptions } from "../io.js";
import { createHost } from "../../driver/host.js";
import { checkEntries } from "../../driver/workspace.js";
import { VERSION } from "../version.js";

export const CHECK_FORMATS = ["pretty", "json", "sarif", "github"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

interface CheckOptions extends GlobalOptions {
  format: CheckFormat;
  maxWarnings?: number;
  config?: string;
  quiet?: boolean;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings expects a whole number, got '${value}'`);
  return Number(value);
}

export function render(format: CheckFormat, diagnostics: readonly Diagnostic[], fileCount: number, sources: Map<string, string>, color: boolean): string {
  switch (format) {
    case "pretty":
      return terminalSafeOutput(renderPretty(diagnostics, fileCount, { color, sources }), color);
    case "json":
      return terminalSafeJson(renderJson(diagnostics));
    case "sarif":
      return terminalSafeJson(renderSarif(diagnostics, sarifContext(VERSION)));
    case "github":
      return terminalSafeOutput(renderGithub(diagnostics), false);
  }
}

export function register(program: Command): void {
  program
    .command("check")
    .description("parse, resolve and run every rule; print the diagnostics")
    .argument("[paths...]", ".sriov files or directories (searched recursively for .sriov); operator .yaml/.yml/.json and libvirt .xml files; - for standard input", ["."])
    .addOption(new Option("--format <format>", "output format").choices(CHECK_FORMATS).default("pretty"))
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", parseCount)
    .option("--config <path>", "configuration file (default: sriovc.json in the working directory or a parent)")
    .option("--quiet", "report errors only")
    .action(async (paths: string[], options: CheckOptions, command: Command) => {
      const globals = command.optsWithGlobals<CheckOptions>();
      // Read first: an invalid config is a usage error (exit 2) whatever the inputs hold.
      const config = loadConfig({ configPath: options.config });
      const entries = expandInputs(paths);
      const stdin = await readStdinIfNeeded(entries);
      // The cost profile matters to check too: the analysis-driven rules read the estimate `simulate` shows.
      const settings = { rules: config.rules, ...(config.profile === undefined ? {} : { profile: config.profile }) };
      const result = checkEntries(entries, { host: createHost(), settings, ...(stdin === undefined ? {} : { stdin }) });
      if (result.entryErrors.length > 0) throw new UsageError(`cannot read '${result.entryErrors[0]!.path}': ${result.entryErrors[0]!.reason}`);
      let diagnostics = result.diagnostics;
      if (options.quiet) diagnostics = diagnostics.filter((d) => d.severity === "error");
      process.stdout.write(render(options.format, diagnostics, result.fileCount, result.sources, useColor(globals)));
      const errors = diagnostics.filter((d) => d.severity === "error").length;
      const warnings = diagnostics.filter((d) => d.severity === "warning").length;
      if (errors > 0) throw new ExitCode(1);
      if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
        process.stderr.write(`sriovc: ${warnings} warnings exceed --max-warnings ${options.maxWarnings}\n`);
        throw new ExitCode(1);
      }
    });
}
