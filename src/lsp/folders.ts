/**
 * The editor's workspace folders, each a workspace of its own (as `sriovc check` run in it): a file belongs
 * to the deepest folder that holds it (a folder opened inside another is its own), and its program's
 * display paths, and a relative `configPath`, are relative to that folder. A file in none of them is shown
 * by its absolute path, and takes a relative `configPath` from the first folder.
 */
import { isInside } from "../syntax/paths.js";

export class WorkspaceFolders {
  /** Real paths (`filePath`), in the editor's order. */
  private folders: string[] = [];

  /** `fallback`: the folder of files when the editor names none (the directory the server runs in). */
  constructor(private readonly fallback: string) {}

  set(folders: readonly string[]): void {
    this.folders = [...new Set(folders)];
  }

  change(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed);
    this.set([...this.folders.filter((folder) => !gone.has(folder)), ...added]);
  }

  /** The folder a file belongs to: the deepest holding it; undefined when none does. */
  holderOf(absolutePath: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.all()) if (isInside(absolutePath, folder) && (best === undefined || folder.length > best.length)) best = folder;
    return best;
  }

  /** The folder a relative `configPath` is resolved in for a file: its own, else the first. */
  folderOf(absolutePath: string): string {
    return this.holderOf(absolutePath) ?? this.all()[0]!;
  }

  /**
   * The folders not inside another one: below them, each file of the workspace once. None when the editor
   * names no folder (a file opened on its own): the directory the server happens to run in (`/`, a home
   * directory) is no workspace to walk for symbols or imports.
   */
  outermost(): string[] {
    const all = this.folders;
    return all.filter((folder) => !all.some((other) => other !== folder && isInside(folder, other)));
  }

  private all(): readonly string[] {
    return this.folders.length === 0 ? [this.fallback] : this.folders;
  }
}
