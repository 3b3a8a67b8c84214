/**
 * Completion of an `import` path: inside `import "…`, the `.sriov` files and the folders in the folder the
 * path has reached so far, relative to the importing file (or absolute, as the path is written). Folders
 * end in `/` and ask the editor to complete again; what a directory search for `.sriov` files passes over
 * (dot files and folders, node_modules) is not offered, nor the importing file itself.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { Command, CompletionItemKind, type CompletionItem, type Position } from "vscode-languageserver/node";
import { skippedInSearch } from "../cli/inputs.js";

/** At most this many entries of one folder are offered (a folder of thousands is no list to pick from). */
export const MAX_IMPORT_PATH_ITEMS = 500;

const IMPORT_STRING = /^\s*import\s+"([^"\\]*)$/;

/**
 * The items for the cursor at `position`, where `before` is its line up to the cursor and `after` the line
 * after it; undefined when the cursor is not in an import's path.
 */
export function importPathCompletions(importer: string, before: string, after: string, position: Position): CompletionItem[] | undefined {
  const written = IMPORT_STRING.exec(before)?.[1];
  if (written === undefined) return undefined;
  const slash = written.lastIndexOf("/");
  const folderWritten = written.slice(0, slash + 1);
  const segment = written.slice(slash + 1);
  // The item replaces the path's segment at the cursor, up to the next `/` or the closing quote.
  const rest = /^[^"/\\]*/.exec(after)![0];
  const range = { start: { line: position.line, character: position.character - segment.length }, end: { line: position.line, character: position.character + rest.length } };
  const folder = path.resolve(path.dirname(importer), folderWritten === "" ? "." : folderWritten);
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return []; // a folder that is not there (yet) or cannot be read: nothing to offer
  }
  const items: CompletionItem[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (items.length >= MAX_IMPORT_PATH_ITEMS) break;
    if (skippedInSearch(entry.name) || /["\\\u0000-\u001f\u007f]/.test(entry.name)) continue;
    if (entry.isDirectory()) {
      items.push({
        label: `${entry.name}/`,
        kind: CompletionItemKind.Folder,
        sortText: `0${entry.name}`,
        textEdit: { range, newText: `${entry.name}/` },
        command: Command.create("", "editor.action.triggerSuggest"),
      });
    } else if (entry.isFile() && entry.name.endsWith(".sriov") && path.join(folder, entry.name) !== importer) {
      items.push({ label: entry.name, kind: CompletionItemKind.File, sortText: `1${entry.name}`, textEdit: { range, newText: entry.name } });
    }
  }
  return items;
}
