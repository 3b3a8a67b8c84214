/**
 * The topology a `compile` or `simulate` run works on: an IR JSON file (validated against the published
 * schema and its cross-references), or a `.sriov` file that is checked and lowered. Check errors are
 * printed as diagnostics and end the run with exit 1 (CLI.md); a missing file is a usage error (exit 2).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Ir } from "../lower/ir.js";
import { validateIr } from "../lower/validate.js";
import { sortDiagnostics } from "../diagnostics/diagnostic.js";
import { renderPretty } from "../diagnostics/render/pretty.js";
import { lowerModel } from "../lower/lower.js";
import { lintProgram } from "../rules/lint.js";
import type { Model } from "../semantics/model.js";
import { resolveProgram } from "../semantics/resolve.js";
import { ExitCode, UsageError } from "./errors.js";
import { useColor, type GlobalOptions } from "./io.js";
import { checkEntries } from "./pipeline.js";

/** Reads and validates an IR document; errors are printed as `file: /pointer: message` and exit 1. */
export function readIrFile(file: string): Ir {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read '${file}': ${code === "ENOENT" ? "no such file" : (code ?? "unreadable")}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    process.stdout.write(`${file}: not valid JSON: ${(error as Error).message}\n`);
    throw new ExitCode(1);
  }
  const result = validateIr(json);
  if (!result.ok) {
    process.stdout.write(result.errors.map((e) => `${file}: ${e.pointer || "/"}: ${e.message}\n`).join(""));
    process.stdout.write(`${file}: not a valid sriovc IR (schema/ir.schema.json)\n`);
    throw new ExitCode(1);
  }
  return result.ir;
}

export function isIrPath(file: string): boolean {
  return file.toLowerCase().endsWith(".json");
}

/**
 * Checks and lowers a `.sriov` file to IR; diagnostics with errors are printed and end the run with exit 1.
 * Warnings do not stop a run (as `check` exits 0 with warnings); they are for `sriovc check` to show.
 */
export function lowerSourceFile(file: string, options: GlobalOptions): Ir {
  const result = checkEntries([file === "-" ? file : path.resolve(file)]);
  if (result.entryErrors.length > 0) throw new UsageError(`cannot read '${file}': ${result.entryErrors[0]!.reason}`);
  const checked = result.programs[result.programs.length - 1];
  if (!checked) throw new UsageError(`'${file}': nothing to compile`);
  // The shared pipeline may already carry the resolved model; until it does, resolve and lint here.
  const carried = (checked as typeof checked & { model?: Model }).model;
  let model = carried;
  let diagnostics = result.diagnostics;
  if (model === undefined && !checked.program.hasSyntaxErrors) {
    const resolved = resolveProgram(checked.program);
    model = resolved.model;
    diagnostics = sortDiagnostics(lintProgram({ model, files: checked.program.files, earlier: [...checked.diagnostics, ...resolved.diagnostics] }));
  }
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || model === undefined) {
    process.stdout.write(renderPretty(errors, result.fileCount, { color: useColor(options), sources: result.sources }));
    throw new ExitCode(1);
  }
  const lowered = lowerModel(model);
  if (!lowered.ok) {
    process.stdout.write(lowered.errors.map((e) => (e.span ? `${e.span.file}:${e.span.line}:${e.span.column}: error: ${e.message}\n` : `${file}: error: ${e.message}\n`)).join(""));
    throw new ExitCode(1);
  }
  return lowered.ir;
}

export function readTopology(file: string, options: GlobalOptions): Ir {
  return isIrPath(file) ? readIrFile(file) : lowerSourceFile(file, options);
}
