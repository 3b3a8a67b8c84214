/**
 * The topology a `compile` or `simulate` run works on: an IR JSON file (validated against the published
 * schema and its cross-references), or a `.sriov` file that is checked and lowered. Check errors are
 * printed as diagnostics and end the run with exit 1 (CLI.md); a missing file is a usage error (exit 2).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Ir } from "../lower/ir.js";
import { validateIr } from "../lower/validate.js";
import { renderPretty } from "../diagnostics/render/pretty.js";
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

/** Checks and lowers a `.sriov` file to IR; diagnostics with errors are printed and end the run with exit 1. */
export function lowerSourceFile(file: string, options: GlobalOptions): Ir {
  const absolute = path.resolve(file);
  const result = checkEntries([absolute]);
  if (result.entryErrors.length > 0) throw new UsageError(`cannot read '${file}': ${result.entryErrors[0]!.reason}`);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    process.stdout.write(renderPretty(result.diagnostics, result.fileCount, { color: useColor(options), sources: result.sources }));
    throw new ExitCode(1);
  }
  // Lowering a checked program needs the resolved model (src/semantics), which is not in this tree yet.
  throw new UsageError(`'${file}': lowering .sriov sources is not available in this build yet; pass an IR file (.json) instead`);
}

export function readTopology(file: string, options: GlobalOptions): Ir {
  return isIrPath(file) ? readIrFile(file) : lowerSourceFile(file, options);
}
