/**
 * Which file an editor's `file:` uri names. The loader knows a file by its real path (symbolic links
 * resolved: one file reached by two paths is one file); an editor by the path it opened, often through a
 * link (macOS's /tmp is /private/tmp, home directories and checkouts are often links). The server looks
 * files up by the loader's path, and answers with the editor's uri (`Project.uriOf`).
 */
import { realpathSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** The real path of the file a uri names; for a file not on disk (renamed to, deleted), its real folder's. */
export function filePath(uri: string): string {
  const given = path.resolve(fileURLToPath(uri));
  try {
    return realpathSync.native(given);
  } catch {
    try {
      return path.join(realpathSync.native(path.dirname(given)), path.basename(given));
    } catch {
      return given;
    }
  }
}
