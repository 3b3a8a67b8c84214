/**
 * The topology a `compile` or `simulate` run works on: an IR JSON file (validated against the published
 * schema and its cross-references), or a `.sriov` file compiled through the driver. Check errors are
 * printed as diagnostics and end the run with exit 1; check's warnings go to standard error (one line
 * per rule, or every diagnostic with `--verbose`), so a report never silently contradicts `check`; a
 * missing file is a usage error (exit 2).
 */
import * as path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { renderPretty } from "../diagnostics/render/pretty.js";
import { wrap } from "../diagnostics/render/wrap.js";
import { createHost } from "../driver/host.js";
import type { CompiledProgram, CompileOptions } from "../driver/program.js";
import { checkEntriesWith, noProgramMessage } from "../driver/entries.js";
import type { Ir } from "../lower/ir.js";
import { validateIr } from "../lower/validate.js";
import { escapeControls } from "../diagnostics/render/terminal-text.js";
import { parseWhatIfList, type WhatIf } from "../lower/what-if.js";
import { STDIN_PATH } from "../semantics/loader.js";
import { decodeUtf8, describeUnreadable, readUntrustedFile, type DecodedText } from "../semantics/untrusted-file.js";
import { loadConfig } from "./config.js";
import { interopCheckerFor } from "./interop-checker.js";
import { ExitCode, UsageError } from "./errors.js";
import { jsonPointerPlaces, parseJsonFile } from "./json-input.js";
import { readStdin, readStdinIfNeeded, terminalWidth, useColor, type GlobalOptions } from "./io.js";
import { plural } from "../domain/plural.js";

export interface TopologyOptions extends GlobalOptions {
  config?: string;
  verbose?: boolean;
}

/** Reads and validates an IR file; errors are printed as `file:line:column: /pointer: message` and exit 1. */
export function readIrFile(file: string): Ir {
  // Like a `.sriov` entry: regular files only, size-limited, UTF-8 with an optional byte-order mark.
  const read = readUntrustedFile(file);
  if (!read.ok) throw new UsageError(`cannot read '${file}': ${describeUnreadable(read.reason)}`);
  return validateIrText(read, file);
}

/**
 * An IR document already read (a file, standard input), validated; errors name it `shown`. `whyJson`, when
 * given, is said after a JSON syntax error: why the text was read as JSON at all (standard input has no name).
 */
function validateIrText(read: DecodedText, shown: string, whyJson?: string): Ir {
  const parsed = parseJsonFile(read, shown);
  if (!parsed.ok) {
    process.stdout.write(`${escapeControls(whyJson === undefined ? parsed.message : `${parsed.message}; ${whyJson}`)}\n`);
    throw new ExitCode(1);
  }
  const json = parsed.value;
  // A Kubernetes object or list (what `sriovc check` reads as operator JSON) is no IR with errors.
  if (typeof json === "object" && json !== null && !Array.isArray(json) && "apiVersion" in json && "kind" in json) throw new UsageError(noProgramMessage(shown));
  const result = validateIr(json);
  if (!result.ok) {
    const places = jsonPointerPlaces(read.text, shown, result.errors.map((e) => e.pointer));
    process.stdout.write(result.errors.map((e) => `${escapeControls(`${places.get(e.pointer) ?? shown}: ${e.pointer || "/"}: ${e.message}`)}\n`).join(""));
    process.stdout.write(`${escapeControls(shown)}: not a valid sriovc IR (schema/ir.schema.json)\n`);
    throw new ExitCode(1);
  }
  return result.ir;
}

export function isIrPath(file: string): boolean {
  return file.toLowerCase().endsWith(".json");
}

/**
 * Standard input has no name to go by: it is IR when it starts (past a byte-order mark and JSON's
 * whitespace) with `{`, as every IR document does. No `.sriov` program starts so: each top-level item
 * starts with a keyword, and a comment with `/` (grammar/sriov.ebnf).
 */
export function isIrText(text: string): boolean {
  return /^\uFEFF?[ \t\r\n]*\{/.test(text);
}

/** Said after a JSON syntax error on standard input: a broken `.sriov` program that starts with `{` is one. */
const STDIN_READ_AS_IR = "standard input is read as IR JSON when it starts with '{' (no .sriov program does): give a .sriov program as a file, by its name";

/** `--what-if` values → what-ifs; a malformed one is a usage error. */
export function parseWhatIfs(texts: readonly string[]): WhatIf[] {
  const parsed = parseWhatIfList(texts);
  if (typeof parsed === "string") throw new UsageError(`--what-if ${parsed}`);
  return parsed;
}

/**
 * Check's warnings for standard error: one line per rule (its first finding, in the shape of the first line
 * of check's own, and how many more), or with `verbose` every warning and info in the pretty format.
 */
export function renderWarnings(diagnostics: readonly Diagnostic[], verbose: boolean, sources: Map<string, string>, color: boolean): string {
  const width = terminalWidth(process.stderr);
  if (verbose) {
    const all = diagnostics.filter((d) => d.severity !== "error");
    return all.length === 0 ? "" : renderPretty(all, new Set(all.map((d) => d.span.file)).size, { color, sources, width: terminalWidth(process.stderr) });
  }
  // Warnings only: infos (hygiene such as an unused template) do not bear on the report.
  const shown = diagnostics.filter((d) => d.severity === "warning");
  if (shown.length === 0) return "";
  const byRule = new Map<string, Diagnostic[]>();
  for (const d of shown) byRule.set(d.rule, [...(byRule.get(d.rule) ?? []), d]);
  const lines = [...byRule].map(([rule, list]) => {
    const first = list[0]!;
    const more = list.length > 1 ? ` (and ${list.length - 1} more)` : "";
    // The first line of check's own format (FILE:LINE:COL: warning[RULE]: …), which editors' and CI's
    // problem matchers read.
    const line = `${escapeControls(`${first.span.file}:${first.span.line}:${first.span.column}: ${first.severity}[${rule}]: ${first.message}`)}${more}`;
    return `${wrap(line, width, 0, "    ")}\n`;
  });
  return `${lines.join("")}${wrap(`sriovc: ${plural(shown.length, "warning")} from 'sriovc check' (--verbose lists every warning and info in full)`, width, 0, "    ")}\n`;
}

/**
 * Compiles a `.sriov` file (`-`: standard input) through the driver with the configuration in effect
 * (sriovc.json: rule severities, cost profile) and the run's what-ifs. Errors end the run (exit 1);
 * warnings go to standard error and the run goes on (as `check` exits 0 with warnings).
 */
export async function compileSourceFile(
  file: string,
  options: TopologyOptions,
  whatIfs: readonly WhatIf[] = [],
  compileOptions: CompileOptions = {},
  beforeRules?: (program: CompiledProgram) => void,
  stdinRead?: Buffer,
): Promise<CompiledProgram> {
  const config = loadConfig({ configPath: options.config, ...(file === "-" ? {} : { near: path.dirname(path.resolve(file)) }) });
  const entries = file === "-" ? [STDIN_PATH] : [path.resolve(file)];
  const stdin = stdinRead ?? (await readStdinIfNeeded(entries));
  const settings = { rules: config.rules, ...(config.profile === undefined ? {} : { profile: config.profile }), whatIfs };
  const result = checkEntriesWith(await interopCheckerFor(entries), entries, {
    host: createHost(),
    settings,
    oneShot: true,
    ...(stdin === undefined ? {} : { stdin }),
    ...(beforeRules === undefined
      ? {}
      : {
          beforeRules: (programs: readonly CompiledProgram[]) => {
            // The program compiled below: the last one.
            const last = programs[programs.length - 1];
            if (last !== undefined) beforeRules(last);
          },
        }),
  });
  if (result.entryErrors.length > 0) throw new UsageError(`cannot read '${file}': ${result.entryErrors[0]!.reason}`);
  const program = result.programs[result.programs.length - 1];
  if (!program) throw new UsageError(noProgramMessage(file));
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    process.stdout.write(renderPretty(errors, result.fileCount, { color: useColor(options), sources: result.sources, width: terminalWidth() }));
    throw new ExitCode(1);
  }
  const compiled = program.compile(compileOptions);
  if (!compiled.ok) {
    if (compiled.message !== undefined) throw new UsageError(`--what-if: ${compiled.message}`);
    process.stdout.write(renderPretty(compiled.errors, result.fileCount, { color: useColor(options), sources: result.sources, width: terminalWidth() }));
    throw new ExitCode(1);
  }
  process.stderr.write(renderWarnings(result.diagnostics, options.verbose === true, result.sources, useColor(options, process.stderr)));
  for (const o of compiled.omitted) process.stderr.write(`note: ${escapeControls(`${o.span.file}:${o.span.line}:${o.span.column}: ${o.message}`)}; left out of the IR with its traffic ('${o.rule}' is off)\n`);
  return program;
}

/**
 * The IR of an IR file, or of a `.sriov` file compiled through the driver (with its program). An IR file is
 * always validated; a lowered IR unless `compileOptions.validate` is false (CompileOptions). `beforeRules`
 * gets the `.sriov` file's program once it is resolved, before the rules check it (`simulate`'s early start).
 */
export async function readTopology(
  file: string,
  options: TopologyOptions,
  whatIfs: readonly WhatIf[] = [],
  compileOptions: CompileOptions = {},
  beforeRules?: (program: CompiledProgram) => void,
): Promise<{ ir: Ir; program: CompiledProgram | undefined }> {
  const noWhatIfs = (): void => {
    if (whatIfs.length > 0) throw new UsageError("--what-if needs the .sriov source: the interface is re-attached there and lowered again");
  };
  if (isIrPath(file)) {
    noWhatIfs();
    return { ir: readIrFile(file), program: undefined };
  }
  // Standard input is read here once: its first characters say which of the two it is.
  const stdin = file === "-" ? await readStdin() : undefined;
  if (stdin !== undefined) {
    const decoded = decodeUtf8(stdin);
    if (isIrText(decoded.text)) {
      noWhatIfs();
      return { ir: validateIrText(decoded, STDIN_PATH, STDIN_READ_AS_IR), program: undefined };
    }
  }
  const program = await compileSourceFile(file, options, whatIfs, compileOptions, beforeRules, stdin);
  return { ir: program.ir!, program };
}
