/**
 * Whether a path lies inside a directory: the one test for it, wherever a path is shown relative to a
 * directory when inside it (display paths, a workspace folder's files) or refused outside one (the roots an
 * import may read, where `compile` may write).
 */
import * as path from "node:path";

/** `file` is `directory` or inside it (both absolute). */
export function isInside(file: string, directory: string): boolean {
  const relative = path.relative(directory, file);
  // Only a whole `..` step leaves the directory: `..x.sriov` is a file in it. On Windows a path on another
  // drive has no relative form (path.relative gives it absolute).
  return relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
