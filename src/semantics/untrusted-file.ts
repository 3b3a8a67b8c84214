/**
 * Reading files that someone else wrote (docs/SECURITY.md). Every input sriovc reads from disk (a `.sriov`
 * entry or import, an IR JSON file, a `sriovc.json`) comes through `readUntrustedFile`:
 *   - the path is resolved with realpath first, so a symlink is judged by what it points at;
 *   - with `roots`, a real path outside every root is refused before anything is opened;
 *   - only regular files are opened (a FIFO would block, `/dev/zero` never ends), with O_NONBLOCK and
 *     O_NOFOLLOW, and checked again on the open descriptor (the path may change in between);
 *   - at most `maxBytes` are read, whatever the size the file claims (`/proc` files claim 0);
 *   - bytes are decoded as UTF-8, and the first invalid sequence is reported with its place.
 * Each file read is remembered (device and inode), so a write can refuse to replace an input.
 */
import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import * as path from "node:path";
import { MAX_FILE_BYTES } from "../syntax/limits.js";
import { isInside } from "../syntax/paths.js";

export type UnreadableReason =
  | { readonly kind: "not-found" }
  /** A symbolic link whose target does not exist: `ls` shows the file, so "no such file" would mislead. */
  | { readonly kind: "dangling-link"; readonly target: string }
  | { readonly kind: "permission" }
  | { readonly kind: "directory" }
  | { readonly kind: "symlink-loop" }
  /** No file can have it: Node refuses the path before asking the system (`ERR_INVALID_ARG_VALUE`). */
  | { readonly kind: "nul-in-name" }
  /** A path component over NAME_MAX (255 bytes on Linux) or a path over PATH_MAX: an import's text may be anything. */
  | { readonly kind: "name-too-long" }
  | { readonly kind: "not-regular"; readonly what: string }
  | { readonly kind: "outside-roots"; readonly realPath: string }
  | { readonly kind: "wrong-extension"; readonly realPath: string }
  | { readonly kind: "too-large"; readonly size: number; readonly maxBytes: number }
  | { readonly kind: "other"; readonly code: string };

export interface InvalidUtf8 {
  /** Offset in the decoded text (UTF-16 code units) where the first invalid sequence starts. */
  readonly offset: number;
  /** Its first byte. */
  readonly byte: number;
  /** Its offset in the file, in bytes. */
  readonly byteOffset: number;
}

export interface DecodedText {
  /** The text, with each invalid sequence replaced by U+FFFD (as the WHATWG decoder does). */
  readonly text: string;
  readonly invalidUtf8?: InvalidUtf8;
}

export type UntrustedRead =
  // Uint8Array, not Node's Buffer (which it is): the package's declarations reach this type through the
  // API's, and a consumer compiling without @types/node would not know Buffer.
  | ({ readonly ok: true; readonly realPath: string; readonly bytes: Uint8Array } & DecodedText)
  | { readonly ok: false; readonly reason: UnreadableReason };

export interface UntrustedReadOptions {
  /** Real paths (directories) the file must lie in; absent: anywhere (a path the user typed). */
  readonly roots?: readonly string[];
  /** Default MAX_FILE_BYTES. */
  readonly maxBytes?: number;
  /** The real path must end with this (e.g. `.sriov`); checked before the file is opened. */
  readonly requireExtension?: string;
}

function fileKind(stat: Stats): string {
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}

/** Why a file system call failed, from its error's code. */
export function errnoReason(error: unknown): UnreadableReason {
  const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
  if (code === "ENOENT" || code === "ENOTDIR") return { kind: "not-found" };
  if (code === "EACCES" || code === "EPERM") return { kind: "permission" };
  if (code === "EISDIR") return { kind: "directory" };
  if (code === "ELOOP") return { kind: "symlink-loop" };
  if (code === "ENAMETOOLONG") return { kind: "name-too-long" };
  if (code === "ENXIO" || code === "EAGAIN") return { kind: "not-regular", what: "not a regular file" };
  return { kind: "other", code };
}

/**
 * Why a path that could not be resolved is missing: a dangling symbolic link (the link itself exists,
 * its target does not) or nothing at all.
 */
export function missingReason(file: string): UnreadableReason {
  try {
    if (lstatSync(file).isSymbolicLink()) return { kind: "dangling-link", target: readlinkSync(file) };
  } catch {
    // Nothing there (or a directory on the way is missing or unreadable).
  }
  return { kind: "not-found" };
}

/** The reason in words, for messages: "no such file", "it is a FIFO", … */
export function describeUnreadable(reason: UnreadableReason): string {
  switch (reason.kind) {
    case "not-found":
      return "no such file";
    case "dangling-link":
      return `it is a symbolic link to '${reason.target}', which does not exist`;
    case "permission":
      return "permission denied";
    case "directory":
      return "it is a directory";
    case "symlink-loop":
      return "too many levels of symbolic links";
    case "nul-in-name":
      return "a file name cannot hold a NUL character (U+0000)";
    case "name-too-long":
      return "the name is longer than the file system allows";
    case "not-regular":
      return `it is ${reason.what}; only regular files are read`;
    case "outside-roots":
      return "it is outside the project (see `importRoots` in docs/SECURITY.md)";
    case "wrong-extension":
      return "it does not have the expected extension";
    case "too-large":
      return `it is over the ${reason.maxBytes.toLocaleString("en")}-byte limit`;
    case "other":
      return reason.code;
  }
}

const readIdentities = new Set<string>();

/** What tells one file from another (node:fs's Stats has it), named here so that the declarations need no Node types. */
export interface FileIdentity {
  readonly dev: number;
  readonly ino: number;
}

function identity(stat: FileIdentity): string {
  return `${stat.dev}:${stat.ino}`;
}

/** Whether this process has read the file at `file` (same device and inode: hard links count) as input. */
export function wasReadAsInput(file: string): boolean {
  try {
    return readIdentities.has(identity(statSync(file)));
  } catch {
    return false;
  }
}

/** Remembers a file read by other means (standard input is not a file and is never remembered). */
export function rememberInput(stat: FileIdentity): void {
  readIdentities.add(identity(stat));
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      // Overlong forms (E0 80..9F) and UTF-16 surrogates (ED A0..BF) are not UTF-8.
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f;
    } else {
      return i;
    }
    if (i + need >= n) return i;
    const second = bytes[i + 1]!;
    if (second < min || second > max) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** UTF-8 bytes → text; the first invalid sequence, if any, is located (the rest is decoded leniently). */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString("utf8");
  if (isUtf8(buffer)) return { text };
  const at = firstInvalidUtf8(buffer);
  if (at < 0) return { text };
  return { text, invalidUtf8: { offset: buffer.subarray(0, at).toString("utf8").length, byte: buffer[at]!, byteOffset: at } };
}

/** Reads at most `maxBytes + 1` bytes from an open descriptor: enough to know the file is too large. */
function readBounded(fd: number, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) break;
  }
  return Buffer.concat(chunks, total);
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0) | (constants.O_NOCTTY ?? 0);

/** Reads a file someone else may have written; never blocks, never reads past `maxBytes`. */
export function readUntrustedFile(file: string, options: UntrustedReadOptions = {}): UntrustedRead {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  if (file.includes("\0")) return { ok: false, reason: { kind: "nul-in-name" } };
  let realPath: string;
  try {
    realPath = realpathSync.native(file);
  } catch (error) {
    const reason = errnoReason(error);
    return { ok: false, reason: reason.kind === "not-found" ? missingReason(file) : reason };
  }
  if (options.roots !== undefined && !options.roots.some((root) => isInside(realPath, root))) {
    return { ok: false, reason: { kind: "outside-roots", realPath } };
  }
  let before: Stats;
  try {
    before = statSync(realPath);
  } catch (error) {
    return { ok: false, reason: errnoReason(error) };
  }
  if (before.isDirectory()) return { ok: false, reason: { kind: "directory" } };
  if (!before.isFile()) return { ok: false, reason: { kind: "not-regular", what: fileKind(before) } };
  if (options.requireExtension !== undefined && !realPath.endsWith(options.requireExtension)) {
    return { ok: false, reason: { kind: "wrong-extension", realPath } };
  }
  if (before.size > maxBytes) return { ok: false, reason: { kind: "too-large", size: before.size, maxBytes } };
  let fd: number;
  try {
    fd = openSync(realPath, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, reason: errnoReason(error) };
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile() || identity(opened) !== identity(before)) return { ok: false, reason: { kind: "not-regular", what: fileKind(opened) } };
    const bytes = readBounded(fd, maxBytes);
    if (bytes.length > maxBytes) return { ok: false, reason: { kind: "too-large", size: Math.max(bytes.length, opened.size), maxBytes } };
    rememberInput(opened);
    return { ok: true, realPath, bytes, ...decodeUtf8(bytes) };
  } catch (error) {
    return { ok: false, reason: errnoReason(error) };
  } finally {
    closeSync(fd);
  }
}
