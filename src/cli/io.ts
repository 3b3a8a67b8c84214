/** Small I/O helpers shared by commands: standard input, colour, safe writes. */
import { fstatSync } from "node:fs";
import { STDIN_PATH } from "../semantics/loader.js";
import { describeUnreadable } from "../semantics/untrusted-file.js";
import { MAX_STDIN_BYTES } from "../syntax/limits.js";
import { UsageError } from "./errors.js";
import { WriteError, writeFileSafely } from "./write-file.js";

export interface GlobalOptions {
  color?: boolean;
}

/**
 * Colour when asked with --color, never with --no-color; else never with NO_COLOR (no-color.org), always
 * with FORCE_COLOR (force-color.org: set and not empty; `0` or `false` turn it off), so a CI log that
 * renders colour (GitHub Actions, GitLab) can ask for it; else only on a terminal. NO_COLOR wins over
 * FORCE_COLOR, as in picocolors, which prints the colours.
 */
export function useColor(options: GlobalOptions, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (options.color === true) return true;
  if (options.color === false || process.env["NO_COLOR"]) return false;
  const force = process.env["FORCE_COLOR"];
  if (force !== undefined && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  return stream.isTTY === true;
}

/**
 * Columns that output must fit in: `COLUMNS` when it is set to a positive whole number, else the
 * terminal's width, else 100 (piped output, a CI log).
 */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): number {
  const fromEnv = process.env["COLUMNS"];
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv.trim()) && Number(fromEnv) > 0) return Number(fromEnv);
  if (stream.isTTY === true && typeof stream.columns === "number" && stream.columns > 0) return stream.columns;
  return 100;
}

function standardInputIsDirectory(): boolean {
  try {
    return fstatSync(0).isDirectory();
  } catch {
    return false;
  }
}

/** Standard input, up to MAX_STDIN_BYTES; more is a usage error (it would not be read whole anyway). */
export async function readStdin(maxBytes: number = MAX_STDIN_BYTES): Promise<Buffer> {
  // Node reads a directory on standard input (`sriovc check - < dir`) as no bytes at all: an empty topology
  // that passes. Anything else (a file, a pipe, a terminal, /dev/null) is read as it comes.
  if (standardInputIsDirectory()) throw new UsageError(`cannot read standard input: ${describeUnreadable({ kind: "directory" })}`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      process.stdin.destroy();
      throw new UsageError(`standard input is over the ${(maxBytes / (1024 * 1024)).toFixed(1)} MiB limit; give a file instead`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}

export async function readStdinIfNeeded(entries: readonly string[]): Promise<Buffer | undefined> {
  return entries.includes(STDIN_PATH) ? readStdin() : undefined;
}

/** A file written safely (write-file.ts); a failure is a usage error naming the file. */
export function writeFileOrFail(file: string, content: string | Uint8Array, options: { readonly refuseInputs?: boolean; readonly shown?: string } = {}): void {
  try {
    writeFileSafely(file, content, options);
  } catch (error) {
    if (!(error instanceof WriteError) && !(error as NodeJS.ErrnoException).code) throw error;
    // `shown`: the file as the user named it (an input found by `sriovc fmt --write .`, by its display path).
    throw new UsageError(`cannot write '${options.shown ?? file}': ${error instanceof WriteError ? error.message : (error as NodeJS.ErrnoException).code}`);
  }
}

/** A command's result to standard output, or to `--output` (never over one of the run's inputs). */
export function writeOutput(output: string | undefined, text: string): void {
  if (output === undefined) {
    process.stdout.write(text);
    return;
  }
  writeFileOrFail(output, text, { refuseInputs: true });
}
