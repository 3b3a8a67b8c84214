/**
 * The topology a `compile` or `simulate` run works on: an IR JSON file (validated against the published
 * schema and its cross-references), or a `.sriov` file that is checked and lowered. Check errors are
 * printed as diagnostics and end the run with exit 1 (CLI.md); a missing file is a usage error (exit 2).
 */
import * as path from "node:path";
import type { Ir } from "../lower/ir.js";
import { validateIr } from "../lower/validate.js";
import { renderPretty } from "../diagnostics/render/pretty.js";
import { escapeControls } from "../diagnostics/render/terminal-text.js";
import { lowerModel } from "../lower/lower.js";
import { STDIN_PATH } from "../semantics/loader.js";
import { describeUnreadable, readUntrustedFile } from "../semantics/untrusted-file.js";
import { stripBom } from "../syntax/parse.js";
import { loadConfig } from "./config.js";
import { ExitCode, UsageError } from "./errors.js";
import { readStdinIfNeeded, useColor, type GlobalOptions } from "./io.js";
import { checkEntries } from "./pipeline.js";

/** Reads and validates an IR document; errors are printed as `file: /pointer: message` and exit 1. */
export function readIrFile(file: string): Ir {
  // Like a `.sriov` entry: regular files only, size-limited, UTF-8 with an optional byte-order mark.
  const read = readUntrustedFile(file);
  if (!read.ok) throw new UsageError(`cannot read '${file}': ${describeUnreadable(read.reason)}`);
  if (read.invalidUtf8 !== undefined) {
    process.stdout.write(`${escapeControls(file)}: not valid UTF-8 at byte ${read.invalidUtf8.byteOffset}\n`);
    throw new ExitCode(1);
  }
  const text = stripBom(read.text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    process.stdout.write(`${escapeControls(file)}: not valid JSON: ${escapeControls((error as Error).message).slice(0, 200)}\n`);
    throw new ExitCode(1);
  }
  const result = validateIr(json);
  if (!result.ok) {
    process.stdout.write(result.errors.map((e) => `${escapeControls(`${file}: ${e.pointer || "/"}: ${e.message}`)}\n`).join(""));
    process.stdout.write(`${escapeControls(file)}: not a valid sriovc IR (schema/ir.schema.json)\n`);
    throw new ExitCode(1);
  }
  return result.ir;
}

export function isIrPath(file: string): boolean {
  return file.toLowerCase().endsWith(".json");
}

/**
 * Checks and lowers a `.sriov` file (`-`: standard input) to IR with the configuration in effect
 * (sriovc.json: rule severities, default cost profile). Errors are printed as diagnostics and end the run
 * with exit 1; warnings do not stop a run (as `check` exits 0 with warnings): `sriovc check` shows them.
 */
export async function lowerSourceFile(file: string, options: GlobalOptions & { config?: string }): Promise<Ir> {
  const config = loadConfig({ configPath: options.config });
  const entries = file === "-" ? [STDIN_PATH] : [path.resolve(file)];
  const stdin = await readStdinIfNeeded(entries);
  const result = checkEntries(entries, stdin === undefined ? { rules: config.rules } : { stdin, rules: config.rules });
  if (result.entryErrors.length > 0) throw new UsageError(`cannot read '${file}': ${result.entryErrors[0]!.reason}`);
  const checked = result.programs[result.programs.length - 1];
  if (!checked) throw new UsageError(`'${file}': nothing to compile`);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || checked.model === undefined) {
    process.stdout.write(renderPretty(errors, result.fileCount, { color: useColor(options), sources: result.sources }));
    throw new ExitCode(1);
  }
  const lowered = lowerModel(checked.model, config.profile === undefined ? {} : { defaultProfile: config.profile });
  if (!lowered.ok) {
    process.stdout.write(lowered.errors.map((e) => `${escapeControls(e.span ? `${e.span.file}:${e.span.line}:${e.span.column}: error: ${e.message}` : `${file}: error: ${e.message}`)}\n`).join(""));
    throw new ExitCode(1);
  }
  // The IR must validate against the published schema; if lowering ever produced one that does not, that is a bug.
  const check = validateIr(JSON.parse(JSON.stringify(lowered.ir)));
  if (!check.ok) throw new Error(`lowering produced an invalid IR: ${check.errors.map((e) => `${e.pointer}: ${e.message}`).join("; ")}`);
  return lowered.ir;
}

export async function readTopology(file: string, options: GlobalOptions & { config?: string }): Promise<Ir> {
  return isIrPath(file) ? readIrFile(file) : lowerSourceFile(file, options);
}
