/**
 * How a file is named to the user, in every message and span: the loader's entries and imports,
 * sriovc.json, operator and libvirt files. A module of its own so that what names files (the CLI's
 * configuration reader) need not load the loader for it.
 */
import * as path from "node:path";
import { isInside } from "../syntax/paths.js";

export const STDIN_PATH = "<stdin>";

/** Relative to `cwd` when the file is below it, else absolute; `/` as the separator on every platform. */
export function displayPath(absolutePath: string, cwd: string): string {
  if (absolutePath === STDIN_PATH) return STDIN_PATH;
  const relative = path.relative(cwd, absolutePath);
  // isInside, not a test for a leading `..`: `..lab.sriov` is a file below `cwd`.
  const shown = relative !== "" && isInside(absolutePath, cwd) ? relative : absolutePath;
  return shown.split(path.sep).join("/");
}
