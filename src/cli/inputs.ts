/** Command-line paths → entry files: `.sriov` files as given, directories searched recursively, `-` for stdin. */
import { readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { STDIN_PATH } from "../semantics/loader.js";
import { describeUnreadable, errnoReason, missingReason } from "../semantics/untrusted-file.js";
import { UsageError } from "./errors.js";

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);

/** Whether a directory search for `.sriov` files passes over an entry: dot files and folders, node_modules. */
export function skippedInSearch(name: string): boolean {
  return name.startsWith(".") || SKIPPED_DIRECTORIES.has(name);
}

/**
 * Regular `.sriov` files below `directory`; symbolic links are not followed (a link may lead anywhere):
 * `links` gets those named `.sriov`, for the message when nothing else is found.
 */
function walk(directory: string, out: string[], cwd: string, links: string[]): void {
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
    if (skippedInSearch(entry.name)) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) walk(full, out, cwd, links);
    else if (entry.isFile() && entry.name.endsWith(".sriov")) out.push(full);
    else if (entry.isSymbolicLink() && entry.name.endsWith(".sriov")) links.push(full);
  }
}

/** Why a directory of links to `.sriov` files gave none: links are not followed, and how to check them anyway. */
function skippedLinks(links: readonly string[], cwd: string): string {
  const first = path.relative(cwd, links[0]!).split(path.sep).join("/");
  const count = links.length === 1 ? "1 symbolic link" : `${links.length} symbolic links`;
  return ` (${count} named .sriov, '${first}'${links.length > 1 ? " and others" : ""}, not followed: a link may lead out of the project; name ${links.length === 1 ? "it" : "them"} on the command line to check ${links.length === 1 ? "it" : "them"})`;
}

/** Absolute entry paths, in a stable order, each once. Throws UsageError for a path that does not exist. */
export function expandInputs(paths: readonly string[], cwd: string = process.cwd()): string[] {
  const out: string[] = [];
  for (const given of paths) {
    if (given === "-") {
      out.push(STDIN_PATH);
      continue;
    }
    // '' never gets here (main.ts refuses an empty path for every command): path.resolve would make it the
    // working directory, and `fmt --write` or `check --fix` would rewrite every .sriov file under it.
    const absolute = path.resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch (error) {
      // A path given may name a directory, so "no such file or directory"; a dangling link says where it
      // points; any other failure (a name too long, a folder on the way not readable) says what it was.
      const reason = errnoReason(error);
      const missing = reason.kind === "not-found" ? missingReason(absolute) : reason;
      throw new UsageError(`cannot read '${given}': ${missing.kind === "not-found" ? "no such file or directory" : describeUnreadable(missing)}`);
    }
    if (isDirectory) {
      const before = out.length;
      const links: string[] = [];
      walk(absolute, out, cwd, links);
      if (out.length === before) throw new UsageError(`no .sriov files in '${given}'${links.length === 0 ? "" : skippedLinks(links, cwd)}`);
    } else {
      out.push(absolute);
    }
  }
  return [...new Set(out)];
}
