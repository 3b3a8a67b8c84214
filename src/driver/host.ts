/**
 * Where the driver reads files from: the disk, overlaid by texts held in memory (an editor's open
 * documents), with a cache of parsed files keyed by path and text, so that a program whose entry changed
 * re-parses only that file and not its unchanged imports. One host lives as long as an editor session (or
 * one CLI run); programs built on it share the cache.
 */
import * as path from "node:path";
import type { LoadOptions } from "../semantics/loader.js";
import { parseSource, type ParseResult } from "../syntax/parse.js";

export interface CompilerHost {
  /** Directory that display paths are relative to (and relative entries resolve against). */
  readonly cwd: string;
  /** Opens or updates a file's text in memory: it wins over the disk until `closeFile`. */
  setFile(file: string, text: string): void;
  /** Forgets a file's in-memory text; the disk's is read again. */
  closeFile(file: string): void;
  /**
   * The loader's options on this host (its overlay, its parse cache). With `cache: false` (a one-shot
   * run) the parses are neither looked up nor kept: the cache would hold the syntax trees the run lets go.
   */
  loadOptions(stdin?: string | Uint8Array, options?: { readonly cache?: boolean }): LoadOptions;
  /** Files parsed since the host was made (a parse served from the cache is not counted): for tests and tuning. */
  readonly parseCount: number;
}

export interface HostOptions {
  readonly cwd?: string;
}

export function createHost(options: HostOptions = {}): CompilerHost {
  const cwd = options.cwd ?? process.cwd();
  const open = new Map<string, string>();
  // One entry per display path: the last text parsed and its result. An edited file replaces its entry.
  const parsed = new Map<string, { readonly text: string; readonly result: ParseResult }>();
  let parseCount = 0;
  const parseOnce = (text: string, displayPath: string): ParseResult => {
    parseCount++;
    return parseSource(text, displayPath);
  };
  const parse = (text: string, displayPath: string): ParseResult => {
    const known = parsed.get(displayPath);
    if (known !== undefined && known.text === text) return known.result;
    const result = parseOnce(text, displayPath);
    parsed.set(displayPath, { text, result });
    return result;
  };
  const readOverride = (absolutePath: string): string | undefined => open.get(absolutePath);
  return {
    cwd,
    setFile(file, text) {
      open.set(path.resolve(cwd, file), text);
    },
    closeFile(file) {
      open.delete(path.resolve(cwd, file));
    },
    loadOptions(stdin, options) {
      return { cwd, readOverride, parse: options?.cache === false ? parseOnce : parse, ...(stdin === undefined ? {} : { stdin }) };
    },
    get parseCount() {
      return parseCount;
    },
  };
}

/**
 * `host` with `texts` (absolute path → text) read over its own open files, for one call: `host` is left as
 * it was, and keeps sharing its parse cache. The API's `sources` used `setFile`, so a text given for one
 * call won over the disk in every later call on the same host.
 */
export function withTexts(host: CompilerHost, texts: ReadonlyMap<string, string>): CompilerHost {
  if (texts.size === 0) return host;
  return {
    cwd: host.cwd,
    setFile: (file, text) => host.setFile(file, text),
    closeFile: (file) => host.closeFile(file),
    loadOptions(stdin, options) {
      const base = host.loadOptions(stdin, options);
      return { ...base, readOverride: (absolutePath) => texts.get(absolutePath) ?? base.readOverride?.(absolutePath) };
    },
    get parseCount() {
      return host.parseCount;
    },
  };
}
