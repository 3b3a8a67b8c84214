/**
 * Where a topology's imports may come from (docs/SECURITY.md): the project root of its entry file —
 * the directory of the nearest `sriovc.json` above the entry, else the nearest repository root (a
 * directory holding `.git`) above it, else the entry's own directory — plus the extra directories that
 * `sriovc.json` lists under `importRoots` (paths relative to it). Every path here is a real path.
 */
import { existsSync, lstatSync, realpathSync } from "node:fs";
import * as path from "node:path";
import { readUntrustedFile } from "./untrusted-file.js";

export const PROJECT_FILE = "sriovc.json";
export const IMPORT_ROOTS_KEY = "importRoots";
/** A `sriovc.json` larger than this is not read for its import roots (it is refused as config too). */
const MAX_PROJECT_FILE_BYTES = 1024 * 1024;

export interface ProjectRoots {
  /** The project root, then any extra roots, each once. */
  readonly roots: readonly string[];
  /** The `sriovc.json` that decided them, when one did. */
  readonly projectFile?: string;
}

function isRegularFile(file: string): boolean {
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}

function extraRoots(projectFile: string): string[] {
  const read = readUntrustedFile(projectFile, { maxBytes: MAX_PROJECT_FILE_BYTES });
  if (!read.ok || read.invalidUtf8) return [];
  let data: unknown;
  try {
    data = JSON.parse(read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text);
  } catch {
    // An invalid sriovc.json is reported when the configuration is loaded; here it adds no roots.
    return [];
  }
  const list = (data as Record<string, unknown> | null)?.[IMPORT_ROOTS_KEY];
  if (!Array.isArray(list)) return [];
  const base = path.dirname(projectFile);
  const out: string[] = [];
  for (const entry of list) {
    if (typeof entry !== "string" || entry === "") continue;
    const real = readRealDirectory(path.resolve(base, entry));
    if (real !== undefined) out.push(real);
  }
  return out;
}

function readRealDirectory(directory: string): string | undefined {
  try {
    const real = realpathSync.native(directory);
    return lstatSync(real).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** The roots for an entry in `directory` (a real path). Cached per directory for one run in `cache`. */
export function projectRootsOf(directory: string, cache: Map<string, ProjectRoots> = new Map()): ProjectRoots {
  const cached = cache.get(directory);
  if (cached !== undefined) return cached;
  let repository: string | undefined;
  let found: ProjectRoots | undefined;
  for (let at = directory; ; ) {
    const candidate = path.join(at, PROJECT_FILE);
    if (isRegularFile(candidate)) {
      found = { roots: [...new Set([at, ...extraRoots(candidate)])], projectFile: candidate };
      break;
    }
    if (repository === undefined && existsSync(path.join(at, ".git"))) repository = at;
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  const result = found ?? { roots: [repository ?? directory] };
  cache.set(directory, result);
  return result;
}
