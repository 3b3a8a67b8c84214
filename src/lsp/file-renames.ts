/**
 * Import paths that follow files and folders renamed in the editor (`workspace/willRenameFiles`): each
 * `.sriov` file of the workspace folder, and each open one, whose imports name a renamed file gets them
 * rewritten, and a moved file's own relative imports still reach what they reached. The editor applies
 * the edit to the texts before it renames, so the edit names the files by their old URIs.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { TextEdit, WorkspaceEdit } from "vscode-languageserver/node";
import { skippedInSearch } from "../cli/inputs.js";
import { readUntrustedFile } from "../semantics/untrusted-file.js";
import { parseSource } from "../syntax/parse.js";
import { spanRange } from "./positions.js";

/** At most this many files of the workspace folder are read for their imports (a rename must answer quickly). */
export const MAX_SCANNED_FILES = 5_000;

/**
 * And at most this many bytes of them in all: the count alone let a rename read 5,000 files of up to
 * MAX_FILE_BYTES each. 64 MiB is one file at the size limit, which `check` parses in seconds.
 */
export const MAX_SCANNED_BYTES = 64 * 1024 * 1024;

/** A file or folder renamed, by absolute paths. */
export interface Rename {
  readonly from: string;
  readonly to: string;
}

/** Where a file is after the renames: itself, or under the folder it was in renamed. */
export function renamedPath(file: string, renames: readonly Rename[]): string {
  for (const { from, to } of renames) {
    if (file === from) return to;
    if (file.startsWith(`${from}${path.sep}`)) return `${to}${file.slice(from.length)}`;
  }
  return file;
}

/**
 * The `.sriov` files below `directory`, passing over what `sriovc check DIR` passes over (dot folders,
 * node_modules, links), at most `limit`; an unreadable folder is passed over too.
 */
export function sourcesBelow(directory: string, limit: number = MAX_SCANNED_FILES): string[] {
  const out: string[] = [];
  const pending = [directory];
  while (pending.length > 0 && out.length < limit) {
    let entries;
    try {
      entries = readdirSync(pending.pop()!, { withFileTypes: true });
    } catch {
      continue; // unreadable: nothing in it can be rewritten either
    }
    for (const entry of entries) {
      if (skippedInSearch(entry.name)) continue;
      const full = path.join(entry.parentPath, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile() && entry.name.endsWith(".sriov") && out.length < limit) out.push(full);
    }
  }
  return out;
}

/** The `.sriov` files below each of `folders` (none inside another), at most `limit` for all of them together. */
export function sourcesOfFolders(folders: readonly string[], limit: number): string[] {
  const out: string[] = [];
  for (const folder of folders) out.push(...sourcesBelow(folder, limit - out.length));
  return out;
}

/**
 * The import path from `directory` to `target`, written as `written` was: `/` separators, a leading `./`
 * kept, an absolute path left absolute. Undefined when it cannot be written as a plain string (a quote or
 * a backslash in it): that import is left for the user.
 */
function importPath(directory: string, target: string, written: string): string | undefined {
  let out = path.isAbsolute(written) ? target : path.relative(directory, target).split(path.sep).join("/");
  if (written.startsWith("./") && !out.startsWith("../")) out = `./${out}`;
  return /["\\\u0000-\u001f\u007f]/.test(out) ? undefined : out;
}

/**
 * The edits to the import paths of `files` (absolute path and current text) that `renames` call for; null
 * when none. `uriOf` names a file as the editor does (an open one by the editor's uri).
 */
export function importEditsForRenames(
  renames: readonly Rename[],
  files: Iterable<{ readonly absolutePath: string; readonly text: string }>,
  uriOf: (absolutePath: string) => string = (absolutePath) => pathToFileURL(absolutePath).href,
): WorkspaceEdit | null {
  const changes: Record<string, TextEdit[]> = {};
  for (const { absolutePath, text } of files) {
    const movedTo = renamedPath(absolutePath, renames);
    const bom = text.charCodeAt(0) === 0xfeff;
    const edits: TextEdit[] = [];
    for (const item of parseSource(bom ? text.slice(1) : text, absolutePath).ast.items) {
      if (item.kind !== "Import") continue;
      const written = item.path.value;
      const target = path.resolve(path.dirname(absolutePath), written);
      const targetMovedTo = renamedPath(target, renames);
      if (targetMovedTo === target && movedTo === absolutePath) continue;
      const rewritten = importPath(path.dirname(movedTo), targetMovedTo, written);
      if (rewritten === undefined || rewritten === written) continue;
      edits.push({ range: spanRange(item.path.span, { bom }), newText: `"${rewritten}"` });
    }
    if (edits.length > 0) changes[uriOf(absolutePath)] = edits;
  }
  return Object.keys(changes).length === 0 ? null : { changes };
}

/**
 * The `.sriov` files below the workspace folders and the open ones, each with its text (the editor's, when
 * open). The limits hold for all the folders together: a rename must answer quickly however many are open.
 */
export function* workspaceSources(
  folders: readonly string[],
  open: ReadonlyMap<string, string>,
  limits: { readonly files: number; readonly bytes: number } = { files: MAX_SCANNED_FILES, bytes: MAX_SCANNED_BYTES },
): Generator<{ absolutePath: string; text: string }> {
  for (const [absolutePath, text] of open) if (absolutePath.endsWith(".sriov")) yield { absolutePath, text };
  let left = limits.bytes;
  for (const absolutePath of sourcesOfFolders(folders, limits.files)) {
    if (left <= 0) return;
    if (open.has(absolutePath)) continue;
    // A file larger than what is left is refused on its size before it is read; a smaller one after it still fits.
    const read = readUntrustedFile(absolutePath, { maxBytes: left });
    if (!read.ok) continue;
    left -= read.bytes.length;
    yield { absolutePath, text: read.text };
  }
}
