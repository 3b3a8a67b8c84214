/** Small I/O helpers shared by commands: standard input, colour, atomic writes. */
import { renameSync, unlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { STDIN_PATH } from "../semantics/loader.js";
import { UsageError } from "./errors.js";

export interface GlobalOptions {
  color?: boolean;
}

/** Colour when asked with --color, never with --no-color or NO_COLOR, else only on a terminal. */
export function useColor(options: GlobalOptions, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (options.color === true) return true;
  if (options.color === false || process.env["NO_COLOR"]) return false;
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

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function readStdinIfNeeded(entries: readonly string[]): Promise<string | undefined> {
  return entries.includes(STDIN_PATH) ? readStdin() : undefined;
}

/** Writes through a temporary file in the same directory and renames it, so readers never see half a file. */
export function writeFileAtomic(target: string, content: string | Uint8Array): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, target);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // The temporary file was never created.
    }
    throw error;
  }
}

/** A command's result to standard output, or atomically to `--output`; a failed write is a usage error naming the file. */
export function writeOutput(output: string | undefined, text: string): void {
  if (output === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileAtomic(output, text);
  } catch (error) {
    throw new UsageError(`cannot write '${output}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
