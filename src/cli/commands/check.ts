/** `sriovc check [paths...]`: parse, resolve and run every rule; print diagnostics; exit 0/1. */
import * as path from "node:path";
import { Option, type Command } from "commander";
import { sortDiagnostics, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { renderGithub } from "../../diagnostics/render/github.js";
import { renderJson } from "../../diagnostics/render/json.js";
import { renderPretty } from "../../diagnostics/render/pretty.js";
import { renderSarif } from "../../diagnostics/render/sarif.js";
import { escapeControls, terminalSafeJson, terminalSafeOutput } from "../../diagnostics/render/terminal-text.js";
import { sarifContext } from "../../rules/sarif-rules.js";
import { configsForEntries, type SriovcConfig } from "../config.js";
import { ExitCode, UsageError } from "../errors.js";
import { expandInputs } from "../inputs.js";
import { readStdinIfNeeded, terminalWidth, useColor, writeFileOrFail, type GlobalOptions } from "../io.js";
import { fixInPasses } from "../../diagnostics/fixes.js";
import { createHost } from "../../driver/host.js";
import { capDiagnosticsPerFile, checkEntriesWith, type InteropChecker } from "../../driver/entries.js";
import { interopCheckerFor } from "../interop-checker.js";
import { STDIN_PATH } from "../../semantics/loader.js";
import { VERSION } from "../version.js";
import { plural } from "../../domain/plural.js";

export const CHECK_FORMATS = ["pretty", "json", "sarif", "github"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

interface CheckOptions extends GlobalOptions {
  format: CheckFormat;
  maxWarnings?: number;
  config?: string;
  quiet?: boolean;
  fix?: boolean;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings expects a whole number, got '${value}'`);
  return Number(value);
}

/** `hidden`: the findings `--quiet` leaves out, which the pretty summary counts and names. */
export function render(format: CheckFormat, diagnostics: readonly Diagnostic[], fileCount: number, sources: Map<string, string>, color: boolean, hidden: readonly Diagnostic[] = []): string {
  // GitHub reads the CI formats' paths from the repository's root.
  const paths = { cwd: process.cwd(), workspace: process.env.GITHUB_WORKSPACE };
  switch (format) {
    case "pretty":
      return terminalSafeOutput(renderPretty(diagnostics, fileCount, { color, sources, width: terminalWidth(), hidden }), color);
    case "json":
      return terminalSafeJson(renderJson(diagnostics));
    case "sarif":
      return terminalSafeJson(renderSarif(diagnostics, sarifContext(VERSION), paths));
    case "github":
      return terminalSafeOutput(renderGithub(diagnostics, paths), false);
  }
}

/**
 * Checks each group of entries with its own configuration's rule settings and merges the results: a
 * file imported by entries of two groups is reported once (the first group's way).
 */
function checkGroups(groups: readonly { config: SriovcConfig; entries: string[] }[], stdin: string | Uint8Array | undefined, interop: InteropChecker | undefined) {
  const all: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const withBom = new Set<string>();
  // One host for every group: a file imported by entries of two groups is read and parsed once.
  const host = createHost();
  for (const group of groups) {
    const { config } = group;
    // The cost profile matters to check too: the analysis-driven rules read the estimate `simulate` shows.
    const settings = { rules: config.rules, ...(config.profile === undefined ? {} : { profile: config.profile }) };
    // One group: nothing reuses the parses, so the syntax trees go once resolved (`oneShot`).
    const result = checkEntriesWith(interop, group.entries, { host, settings, oneShot: groups.length === 1, ...(stdin === undefined ? {} : { stdin }) });
    if (result.entryErrors.length > 0) throw new UsageError(`cannot read '${result.entryErrors[0]!.path}': ${result.entryErrors[0]!.reason}`);
    if (groups.length === 1) return { diagnostics: result.diagnostics, sources: result.sources, withBom: result.withBom, fileCount: result.fileCount };
    all.push(...result.diagnostics.filter((d) => !sources.has(d.span.file)));
    for (const [file, text] of result.sources) if (!sources.has(file)) sources.set(file, text);
    for (const file of result.withBom) withBom.add(file);
  }
  return { diagnostics: capDiagnosticsPerFile(sortDiagnostics(all)), sources, withBom, fileCount: sources.size };
}

const MAX_FIX_PASSES = 10;

export function register(program: Command): void {
  program
    .command("check")
    .description("parse, resolve and run every rule; print the diagnostics")
    .argument("[paths...]", ".sriov files or directories (searched recursively for .sriov); operator .yaml/.yml/.json and libvirt .xml files; - for standard input", ["."])
    .addOption(new Option("--format <format>", "output format").choices(CHECK_FORMATS).default("pretty"))
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", parseCount)
    .option("--config <path>", "configuration file (default: for each file, sriovc.json in its directory or the nearest parent)")
    .option("--quiet", "report errors only")
    .option("--fix", "apply the safe fixes to the files (each written atomically), then report what is left")
    .action(async (paths: string[], options: CheckOptions, command: Command) => {
      const globals = command.optsWithGlobals<CheckOptions>();
      // Read first: an invalid config is a usage error (exit 2) whatever the inputs hold.
      const entries = expandInputs(paths);
      const groups = configsForEntries(entries, { configPath: options.config, stdinPath: STDIN_PATH });
      const stdin = await readStdinIfNeeded(entries);
      const interop = await interopCheckerFor(entries);
      let result = checkGroups(groups, stdin, interop);
      if (options.fix) {
        // Passes until nothing safe is left (a fixed syntax error lets the rules run and offer theirs),
        // at most MAX_FIX_PASSES, as ESLint does.
        const { fixes, files, cycling, last } = fixInPasses(
          () => checkGroups(groups, stdin, interop),
          result,
          // The checked text leaves a byte-order mark out (docs/LANGUAGE.md); the file keeps it, as `fmt --write` does.
          (file, text, checked) => writeFileOrFail(path.resolve(file), checked.withBom.has(file) ? `\ufeff${text}` : text, { shown: file }),
          MAX_FIX_PASSES,
          STDIN_PATH,
        );
        result = last;
        if (fixes > 0) process.stderr.write(`sriovc: applied ${plural(fixes, "fix", "fixes")} in ${plural(files.size, "file")}\n`);
        for (const file of cycling) process.stderr.write(`sriovc: the fixes for ${escapeControls(file)} undo each other (they would bring back a text it had): they were not applied again\n`);
      }
      const shown = options.quiet ? result.diagnostics.filter((d) => d.severity === "error") : result.diagnostics;
      const hidden = options.quiet ? result.diagnostics.filter((d) => d.severity !== "error") : [];
      process.stdout.write(render(options.format, shown, result.fileCount, result.sources, useColor(globals), hidden));
      const errors = result.diagnostics.filter((d) => d.severity === "error").length;
      // --quiet hides warnings from the output, not from --max-warnings (as ESLint counts them): a CI step
      // `check --quiet --max-warnings 0` must still fail on a warning.
      const warnings = result.diagnostics.filter((d) => d.severity === "warning").length;
      if (errors > 0) throw new ExitCode(1);
      if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
        const hidden = options.quiet ? " (--quiet leaves them out of the output; run without it to see them)" : "";
        process.stderr.write(`sriovc: ${plural(warnings, "warning")} exceed${warnings === 1 ? "s" : ""} --max-warnings ${options.maxWarnings}${hidden}\n`);
        throw new ExitCode(1);
      }
    });
}
