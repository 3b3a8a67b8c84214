/** Command-line paths → entry files: `.sriov` files as given, directories searched recursively, `-` for stdin. */
import { readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { STDIN_PATH } from "../semantics/loader.js";
import { describeUnreadable, missingReason } from "../semantics/untrusted-file.js";
import { UsageError } from "./errors.js";

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);

/** Regular `.sriov` files below `directory`; symbolic links are not followed (a link may lead anywhere). */
function walk(directory: string, out: string[], cwd: string): void {
  let listed;
  try {
    listed = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const shown = path.relative(cwd, directory) || ".";
    throw new UsageError(`cannot read directory '${shown}': ${code === "EACCES" || code === "EPERM" ? "permission denied" : (code ?? "unreadable")}`);
  }
  const entries = listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith(".") || SKIPPED_DIRECTORIES.has(entry.name)) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) walk(full, out, cwd);
    else if (entry.isFile() && entry.name.endsWith(".sriov")) out.push(full);
  }
}

/** Absolute entry paths, in a stable order, each once. Throws UsageError for a path that does not exist. */
export function expandInputs(paths: readonly string[], cwd: string = process.cwd()): string[] {
  const out: string[] = [];
  for (const given of paths) {
    if (given === "-") {
      out.push(STDIN_PATH);
      continue;
    }
    const absolute = path.resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      // A path given may name a directory, so "no such file or directory"; a dangling link says where it points.
      const missing = missingReason(absolute);
      throw new UsageError(`cannot read '${given}': ${missing.kind === "dangling-link" ? describeUnreadable(missing) : "no such file or directory"}`);
    }
    if (isDirectory) {
      const before = out.length;
      walk(absolute, out, cwd);
      if (out.length === before) throw new UsageError(`no .sriov files in '${given}'`);
    } else {
      out.push(absolute);
    }
  }
  return [...new Set(out)];
}
