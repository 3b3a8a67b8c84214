/**
 * The `.sriov` files below the workspace folders that workspace symbols read, kept between requests.
 * VS Code asks for workspace symbols at every key typed in its "Go to Symbol in Workspace" box, and a walk
 * of a large tree takes most of a second (a tree of /usr's size, with no `.sriov` file in it: 0.8 s on the
 * project's 2-core machine), so the list is walked once and kept while nothing says it changed.
 *
 * What says so: a `.sriov` file created or deleted (the watcher the server registers), a file or folder
 * created or renamed in the editor (its file operations), a workspace folder added or removed. A folder
 * deleted outside the editor comes as one event for the folder, which a `*.sriov` watcher does not pass on
 * (VS Code folds the deletions of its files into it: microsoft/vscode#109754), so the kept list is also
 * checked file by file at each use. Without a watcher (a client that does not let the server register one)
 * nothing would say so: every request walks.
 */
import { existsSync } from "node:fs";
import { sourcesOfFolders } from "./file-renames.js";

export class WorkspaceSourceList {
  private kept: { readonly key: string; files: string[] } | undefined;

  constructor(private readonly walk: (folders: readonly string[], limit: number) => string[] = sourcesOfFolders) {}

  /** The files below `folders`, at most `limit`; kept for the next call when `watched` (the client reports changes). */
  files(folders: readonly string[], limit: number, watched: boolean): string[] {
    const key = JSON.stringify([folders, limit]);
    if (!watched || this.kept?.key !== key) {
      const files = this.walk(folders, limit);
      this.kept = watched ? { key, files } : undefined;
      return files;
    }
    this.kept.files = this.kept.files.filter((file) => existsSync(file));
    return this.kept.files;
  }

  /** Walk again at the next call: files or folders were created, moved or deleted, or the folders changed. */
  invalidate(): void {
    this.kept = undefined;
  }
}
