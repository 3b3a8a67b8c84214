/**
 * Paths as GitHub reads them: the runner (workflow commands, `--format github`) and code scanning (SARIF)
 * take a relative path from the repository's root, GITHUB_WORKSPACE, not from the directory the step ran
 * in. Diagnostics carry paths relative to the working directory; on a runner they are rebased, so a check
 * run in `infra/` points at `infra/net.sriov`.
 */
import * as path from "node:path";
import { isInside } from "../../syntax/paths.js";

export interface WorkspacePaths {
  /** The directory the diagnostics' paths are relative to (the working directory). */
  readonly cwd: string;
  /** The repository's checkout on the runner (GITHUB_WORKSPACE); unset, paths are left as they are. */
  readonly workspace?: string | undefined;
}

/** A diagnostic's path from the workspace's root when the file is inside it, else as it is. */
export function workspacePath(file: string, paths: WorkspacePaths | undefined): string {
  // `<stdin>` names no file.
  if (paths?.workspace === undefined || paths.workspace === "" || file.startsWith("<")) return file;
  const absolute = path.resolve(paths.cwd, file);
  const relative = path.relative(paths.workspace, absolute);
  if (relative === "" || !isInside(absolute, paths.workspace)) return file;
  return relative.split(path.sep).join("/");
}
