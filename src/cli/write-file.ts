/**
 * Writing the one file a command names (`compile -o`, `simulate -o`, `fmt --write`) without losing data
 * (docs/SECURITY.md):
 *   - a symbolic link is written through: its final target is written, the link stays a link;
 *   - a special file (`/dev/null`, a FIFO, a terminal) is written directly, never replaced;
 *   - a regular file with other hard links is rewritten in place, so every name keeps seeing it
 *     (not atomic: a reader may see it half written; the links matter more);
 *   - any other regular file is replaced atomically: a temporary file with a random name, created with
 *     O_EXCL in the same directory, given the old file's mode and owner, then renamed over it;
 *   - a path ending in / (a directory's name) is refused, as the kernel would, and so is an empty path;
 *   - a read-only file or a read-only directory is refused with a clear error, and with `refuseInputs`
 *     so is a file this run read as input (`compile x.sriov -o x.sriov`).
 * Failures are WriteError, whose message names the file and the reason in words.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readlinkSync,
  renameSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import * as path from "node:path";
import { wasReadAsInput } from "../semantics/untrusted-file.js";

export class WriteError extends Error {
  override readonly name = "WriteError";
}

/** Symbolic links followed before giving up (as the kernel's ELOOP limit). */
const MAX_LINK_HOPS = 40;

/** The reason in words, with the system's code in parentheses: "permission denied (EACCES)". */
export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words = wordsFor(code);
  return code === undefined ? (words ?? (error instanceof Error ? error.message : String(error))) : words === undefined ? code : `${words} (${code})`;
}

/** A system error's code in words ("permission denied" for EACCES), or undefined for one without. */
export function wordsFor(code: string | undefined): string | undefined {
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on device";
    case "EDQUOT":
      return "disk quota exceeded";
    case "ENOENT":
      return "its directory does not exist";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "EISDIR":
      return "it is a directory";
    case "ENXIO":
      return "no process is reading the FIFO";
    case "ELOOP":
      return "too many levels of symbolic links";
    case "ENAMETOOLONG":
      return "the name is longer than the file system allows";
    default:
      return undefined;
  }
}

/** The file a path finally names: symbolic links followed (a dangling one names its missing target). */
function finalTarget(file: string): { target: string; stat: Stats | undefined } {
  let current = path.resolve(file);
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    let stat: Stats;
    try {
      stat = lstatSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { target: current, stat: undefined };
      throw new WriteError(reasonOf(error));
    }
    if (!stat.isSymbolicLink()) return { target: current, stat };
    current = path.resolve(path.dirname(current), readlinkSync(current));
  }
  throw new WriteError("too many levels of symbolic links");
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let at = 0;
  while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Writes to a FIFO, device or terminal as it is: opened for writing, no truncation of anything else. */
function writeSpecial(target: string, stat: Stats, bytes: Uint8Array): void {
  if (stat.isFIFO()) {
    // Opening a FIFO without a reader blocks forever; ask without blocking first (ENXIO: no reader).
    closeSync(openSync(target, constants.O_WRONLY | constants.O_NONBLOCK));
  } else if (stat.isSocket()) {
    throw new WriteError("it is a socket");
  }
  const fd = openSync(target, constants.O_WRONLY | (constants.O_NOCTTY ?? 0));
  try {
    writeAll(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

function writeInPlace(target: string, bytes: Uint8Array): void {
  const fd = openSync(target, constants.O_WRONLY | constants.O_TRUNC | constants.O_NOFOLLOW);
  try {
    writeAll(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeReplacing(target: string, stat: Stats | undefined, bytes: Uint8Array): void {
  const directory = path.dirname(target);
  const temporary = path.join(directory, `.${path.basename(target)}.${randomBytes(8).toString("hex")}.tmp`);
  const mode = stat === undefined ? 0o666 : stat.mode & 0o7777;
  let fd: number;
  try {
    fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, stat === undefined ? 0o666 : 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") throw new WriteError(`its directory ${directory} is not writable (${code})`);
    throw new WriteError(reasonOf(error));
  }
  try {
    try {
      writeAll(fd, bytes);
      if (stat !== undefined) {
        // The owner first: chown clears the set-id bits, chmod restores them.
        try {
          fchownSync(fd, stat.uid, stat.gid);
        } catch {
          // Only root may give a file away; a user replacing their own file keeps owning it anyway.
        }
        fchmodSync(fd, mode);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, target);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Already renamed or never written.
    }
    throw error instanceof WriteError ? error : new WriteError(reasonOf(error));
  }
}

/** Whether this process may write the file: its write bits, which root's access(2) would ignore. */
function isReadOnly(stat: Stats): boolean {
  const uid = process.getuid?.();
  if (uid === undefined) return (stat.mode & 0o222) === 0;
  if (uid === 0) return (stat.mode & 0o222) === 0;
  if (uid === stat.uid) return (stat.mode & 0o200) === 0;
  const groups = process.getgroups?.() ?? [];
  if (stat.gid === process.getgid?.() || groups.includes(stat.gid)) return (stat.mode & 0o020) === 0;
  return (stat.mode & 0o002) === 0;
}

/**
 * Writes `content` to `file` as described above. Throws WriteError with the reason in words; the caller
 * says which file.
 */
export function writeFileSafely(file: string, content: string | Uint8Array, options: { readonly refuseInputs?: boolean } = {}): void {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  // path.resolve("") is the working directory, which would be refused as "a directory".
  if (file === "") throw new WriteError("the path is empty");
  const { target, stat } = finalTarget(file);
  if (stat !== undefined && stat.isDirectory()) throw new WriteError("it is a directory");
  // path.resolve drops a trailing slash, so `-o report/` would write a file called `report` (or replace
  // an existing `report`); the kernel refuses such a path for a file (EISDIR, ENOTDIR), and so do we.
  if (file.endsWith("/") || file.endsWith(path.sep)) throw new WriteError("it ends in /, which names a directory, not a file");
  if (stat !== undefined && !stat.isFile()) {
    try {
      writeSpecial(target, stat, bytes);
    } catch (error) {
      throw error instanceof WriteError ? error : new WriteError(reasonOf(error));
    }
    return;
  }
  if (stat !== undefined) {
    if (options.refuseInputs === true && wasReadAsInput(target)) throw new WriteError("it is one of the input files; choose another output");
    if (isReadOnly(stat)) throw new WriteError("it is read-only");
  }
  try {
    if (stat !== undefined && stat.nlink > 1) writeInPlace(target, bytes);
    else writeReplacing(target, stat, bytes);
  } catch (error) {
    throw error instanceof WriteError ? error : new WriteError(reasonOf(error));
  }
}
