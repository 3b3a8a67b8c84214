/**
 * Files → programs. Reads each file once, parses it, follows `import`s relative to the importing file,
 * and groups the files into programs: one per root (an input file that no other input imports), holding
 * the root's import closure in expansion order (an import's declarations come before the importer's,
 * depth first, in import order — the order VF allocation follows).
 */
import { realpathSync } from "node:fs";
import * as path from "node:path";
import { displayPath, STDIN_PATH } from "./display-path.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Comment, Import, SourceFile, TopLevel } from "../syntax/ast.js";
import { MAX_FILE_BYTES, MAX_IMPORT_DEPTH, MAX_LOADED_FILES, MAX_QUOTED_CHARS } from "../syntax/limits.js";
import { forEachPart, PART_CHARS, parseSource, stripBom, type ParseResult } from "../syntax/parse.js";
import { LineIndex } from "../syntax/span.js";
import { commentedFile, type CommentedFile } from "../diagnostics/suppressions.js";
import type { Resolved } from "./model.js";
import { checkPlacement } from "./placement.js";
import { projectRootsOf, type ProjectRoots } from "./project-root.js";
import { StreamedResolution } from "./resolve.js";
import { resetSuggestionWork } from "./suggest.js";
import { isInside } from "../syntax/paths.js";
import { decodeUtf8, describeUnreadable, readUntrustedFile, type DecodedText, type UnreadableReason } from "./untrusted-file.js";

export interface LoadedFile {
  /** Display path: relative to the working directory, `/`-separated; `<stdin>` for standard input. */
  readonly path: string;
  readonly absolutePath: string;
  readonly text: string;
  /** The file started with a UTF-8 byte-order mark, which `text` leaves out: a file written back keeps it. */
  readonly bom: boolean;
  /** An empty file (no items, no comments) once `releaseSyntaxTrees` has let the tree go. */
  ast: SourceFile;
  readonly lines: LineIndex;
  /** Syntax, import and placement diagnostics of this file. */
  readonly diagnostics: Diagnostic[];
  /** The files this one imports, in source order (only those that loaded), with the import naming each. */
  readonly imports: { readonly item: Import; readonly target: string }[];
  readonly hasSyntaxErrors: boolean;
  /** The file resolved while it was parsed (`LoadOptions.resolveWhileParsing`); its `ast` is an empty file then. */
  readonly resolved?: Resolved;
}

export interface Program {
  /** Display path of the root file. */
  readonly root: string;
  /**
   * The root's import closure in expansion order; the root is last. Empty files (no items, no comments)
   * once `releaseSyntaxTrees` has let the trees go: resolve the program before.
   */
  readonly files: SourceFile[];
  /** The files' comments and where their first items start, for suppressions: kept when the trees go. */
  readonly commentedFiles: readonly CommentedFile[];
  /** Texts by display path, for code frames. */
  readonly sources: Map<string, string>;
  /** Load-stage diagnostics (syntax, imports, placement) of the program's files. */
  readonly diagnostics: Diagnostic[];
  /** Later stages skip a program with syntax errors: its AST is partial and would only add noise. */
  readonly hasSyntaxErrors: boolean;
  /** Its resolution, when its one file was resolved while it was parsed (`LoadOptions.resolveWhileParsing`): `files` hold no trees then. */
  readonly resolved?: Resolved;
}

export interface Workspace {
  readonly programs: Program[];
  readonly files: Map<string, LoadedFile>;
}

export interface LoadOptions {
  readonly cwd?: string;
  /** Bytes (or text) for the entry `-` (standard input), shown as `<stdin>`. */
  readonly stdin?: string | Uint8Array;
  /**
   * A file's text before the disk is asked (an editor's unsaved buffer), or undefined to read the disk.
   * The compiler driver's host (src/driver/host.ts) passes its open documents here. An import is still
   * refused outside the project roots or without the `.sriov` extension.
   */
  readonly readOverride?: (absolutePath: string) => string | undefined;
  /** Parses one file's text; the driver's host passes a cache, so that an unchanged file is parsed once. */
  readonly parse?: (text: string, displayPath: string) => ParseResult;
  /**
   * A one-shot run of one entry, whose syntax trees nothing reads after resolution (src/driver/entries.ts):
   * the entry, when it is a large file (at least twice `partChars` characters, default twice `PART_CHARS`),
   * is resolved while it is parsed, in parts of `partChars` (default `RESOLVED_PART_CHARS`), and its trees
   * go as soon as they are resolved
   * (`StreamedResolution`); the file's `ast` is then an empty file but for its first item and its comments
   * (what suppressions read), and the program carries its resolution. A file that cannot be resolved so
   * (syntax errors, imports, templates after blocks: see `StreamedResolution`) is parsed and resolved the
   * usual way. `partChars` is for tests.
   */
  readonly resolveWhileParsing?: { readonly partChars?: number };
}

// How files are named is display-path.ts's; re-exported for the loader's callers.
export { displayPath, STDIN_PATH };

/**
 * The size of the parts of a file resolved while it is parsed: 16 Ki characters, ~1,100 lines of a
 * generated topology, about one host. A part's syntax is alive until the part is resolved, so a scavenge
 * that falls while one is in flight copies it (and most of it again when it is promoted); parts of 64 Ki
 * characters (`PART_CHARS`, still the size below which a file is not resolved so) had the scavenges of a
 * 1M-line check copy ~30 MB more (docs/PERFORMANCE.md "The declaration tree once a host is resolved,
 * and smaller parts (session 9)").
 */
export const RESOLVED_PART_CHARS = 1 << 14;

type ReadResult = { ok: true; realPath: string; decoded: DecodedText } | { ok: false; reason: UnreadableReason };

/** Imports name `.sriov` files only: a stray `import ".git/config"` is refused before it is opened. */
const SOURCE_EXTENSION = ".sriov";

function mib(bytes: number): string {
  const text = `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  // Just over the limit rounds to the limit ("64.0 MiB, over the 64.0 MiB limit"): say the bytes then.
  return bytes > MAX_FILE_BYTES && bytes - MAX_FILE_BYTES < 0.05 * 1024 * 1024 ? `${bytes.toLocaleString("en")} bytes` : text;
}

/** `name` cut to MAX_QUOTED_CHARS: import paths come from the input and are quoted in messages. */
function quoted(name: string): string {
  return name.length > MAX_QUOTED_CHARS ? `${name.slice(0, MAX_QUOTED_CHARS)}…` : name;
}

/** The located `syntax` error for the first invalid UTF-8 sequence; the lexer's own report there is dropped. */
function withUtf8Error(parsed: ParseResult, decoded: DecodedText): ParseResult {
  const bad = decoded.invalidUtf8;
  if (bad === undefined) return parsed;
  const error = diagnostic(
    "syntax",
    "error",
    parsed.lines.span(bad.offset, bad.offset + 1),
    `invalid UTF-8: byte 0x${bad.byte.toString(16).toUpperCase().padStart(2, "0")} (byte offset ${bad.byteOffset}) does not start a valid UTF-8 sequence`,
    { help: "`.sriov` files are UTF-8 text; convert the file (for Latin-1: iconv -f latin1 -t utf-8)" },
  );
  return { ...parsed, diagnostics: [error, ...parsed.diagnostics.filter((d) => d.span.start !== bad.offset)] };
}

/** Source text without its byte-order mark, the first invalid UTF-8 sequence moved with it. */
function withoutBom(decoded: DecodedText): DecodedText {
  if (decoded.text.charCodeAt(0) !== 0xfeff) return decoded;
  const text = stripBom(decoded.text);
  return decoded.invalidUtf8 === undefined ? { text } : { text, invalidUtf8: { ...decoded.invalidUtf8, offset: decoded.invalidUtf8.offset - 1 } };
}

/** Parses `decoded` as `.sriov` text shown as `file`, with invalid UTF-8 as the first syntax error. */
export function parseDecoded(
  decoded: DecodedText,
  file: string,
  parse: (text: string, displayPath: string) => ParseResult = parseSource,
): ParseResult & { readonly text: string } {
  const source = withoutBom(decoded);
  return { ...withUtf8Error(parse(source.text, file), source), text: source.text };
}

/** The real path of a file that may not exist on disk (an unsaved editor buffer): itself then. */
function realPathOrSelf(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}

function readEntrySource(entry: string, options: LoadOptions): ReadResult {
  if (entry === STDIN_PATH) {
    const stdin = options.stdin ?? "";
    return { ok: true, realPath: STDIN_PATH, decoded: typeof stdin === "string" ? { text: stdin } : decodeUtf8(stdin) };
  }
  const open = options.readOverride?.(entry);
  if (open !== undefined) return { ok: true, realPath: realPathOrSelf(entry), decoded: { text: open } };
  const read = readUntrustedFile(entry);
  return read.ok ? { ok: true, realPath: read.realPath, decoded: read } : read;
}

interface Frame {
  readonly file: LoadedFile;
  readonly items: readonly Import[];
  readonly roots: ProjectRoots;
  readonly depth: number;
  next: number;
}

class Loader {
  /** By real path: a file reached under several names (symlinks, `l -> .`) is loaded once. */
  readonly files = new Map<string, LoadedFile>();
  private readonly cwd: string;
  private readonly rootsCache = new Map<string, ProjectRoots>();

  constructor(private readonly options: LoadOptions) {
    this.cwd = options.cwd ?? process.cwd();
  }

  /**
   * The entry resolved while it is parsed (`LoadOptions.resolveWhileParsing`), or undefined when it is not
   * one to resolve so (small, invalid UTF-8) or could not be (syntax errors, imports, …): the caller parses it
   * then, and the budget for suggestions starts afresh (resolution will spend it again in its own order).
   */
  private resolvedWhileParsed(realPath: string, shown: string, decoded: DecodedText): LoadedFile | undefined {
    const given = this.options.resolveWhileParsing?.partChars;
    const partChars = given ?? RESOLVED_PART_CHARS;
    const source = withoutBom(decoded);
    const text = source.text;
    if (source.invalidUtf8 !== undefined || text.length < 2 * (given ?? PART_CHARS)) return undefined;
    const lines = new LineIndex(shown, text);
    const empty: SourceFile = { kind: "File", file: shown, items: [], comments: [], span: lines.span(0, text.length) };
    const resolution = new StreamedResolution(empty, text);
    const diagnostics: Diagnostic[] = [];
    const comments: Comment[] = [];
    let first: TopLevel | undefined;
    const parsed = forEachPart(text, lines, partChars, (items, partComments) => {
      first ??= items[0];
      for (const comment of partComments) comments.push(comment);
      for (const d of checkPlacement({ ...empty, items })) diagnostics.push(d);
      return resolution.add(items);
    });
    const resolved = parsed ? resolution.finish() : undefined;
    if (resolved === undefined) {
      resetSuggestionWork();
      return undefined;
    }
    // The first item stays: suppressions read where it starts (`commentedFile`).
    const ast: SourceFile = { ...empty, items: first === undefined ? [] : [first], comments };
    const loaded: LoadedFile = { path: shown, absolutePath: realPath, text, bom: decoded.text.charCodeAt(0) === 0xfeff, ast, lines, diagnostics, imports: [], hasSyntaxErrors: false, resolved };
    this.files.set(realPath, loaded);
    return loaded;
  }

  private parse(realPath: string, shown: string, decoded: DecodedText, imported: boolean): LoadedFile {
    if (!imported && this.options.resolveWhileParsing !== undefined) {
      const streamed = this.resolvedWhileParsed(realPath, shown, decoded);
      if (streamed !== undefined) return streamed;
    }
    const parsed = parseDecoded(decoded, shown, this.options.parse);
    let diagnostics = [...parsed.diagnostics];
    let text = parsed.text;
    const hasSyntaxErrors = diagnostics.length > 0;
    if (hasSyntaxErrors && imported) {
      // An imported file that is not valid `.sriov` text may be anything (a key file, `.env`): quote it
      // only up to its first offending token, in the first error, and count the rest.
      // No fix either: `check --fix` would apply it to the cut text and write the file back shortened.
      const { fixes: _dropped, ...first } = diagnostics[0]!;
      text = text.slice(0, Math.min(first.span.end, first.span.start + MAX_QUOTED_CHARS));
      const rest = diagnostics.length - 1;
      diagnostics = [first];
      if (rest > 0) {
        diagnostics.push(
          diagnostic("syntax", "error", first.span, `…and more syntax errors in this imported file, not shown: an imported file with errors is quoted only up to its first one`, {
            help: `check ${shown} on its own to see them all`,
          }),
        );
      }
    }
    if (!hasSyntaxErrors) for (const d of checkPlacement(parsed.ast)) diagnostics.push(d);
    const loaded: LoadedFile = { path: shown, absolutePath: realPath, text, bom: decoded.text.charCodeAt(0) === 0xfeff, ast: parsed.ast, lines: parsed.lines, diagnostics, imports: [], hasSyntaxErrors };
    this.files.set(realPath, loaded);
    return loaded;
  }

  private rootsFor(realPath: string): ProjectRoots {
    let directory = path.dirname(realPath);
    if (realPath === STDIN_PATH) {
      try {
        directory = realpathSync.native(this.cwd);
      } catch {
        directory = path.resolve(this.cwd);
      }
    }
    return projectRootsOf(directory, this.rootsCache);
  }

  /**
   * Parses an entry whose text is read and loads what it imports, depth first in import order, with an
   * explicit stack (a chain of thousands of imports must not exhaust the call stack).
   */
  load(realPath: string, given: string, decoded: DecodedText): LoadedFile {
    const existing = this.files.get(realPath);
    if (existing) return existing;
    const entry = this.parse(realPath, displayPath(given, this.cwd), decoded, false);
    const stack: Frame[] = [{ file: entry, items: importsOf(entry), roots: this.rootsFor(realPath), depth: 0, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const item = frame.items[frame.next++];
      if (item === undefined) {
        stack.pop();
        continue;
      }
      const base = frame.file.absolutePath === STDIN_PATH ? this.cwd : path.dirname(frame.file.absolutePath);
      const logical = path.resolve(base, item.path.value);
      const known = this.knownFile(logical);
      if (known !== undefined) {
        frame.file.imports.push({ item, target: known.absolutePath });
        continue;
      }
      if (frame.depth + 1 > MAX_IMPORT_DEPTH) {
        frame.file.diagnostics.push(this.refused(item, `the import chain is more than ${MAX_IMPORT_DEPTH} files deep`, "import chains this deep are almost certainly generated by mistake; flatten them"));
        continue;
      }
      if (this.files.size >= MAX_LOADED_FILES) {
        frame.file.diagnostics.push(this.refused(item, `one run loads at most ${MAX_LOADED_FILES.toLocaleString("en")} files`, "check fewer files at once"));
        continue;
      }
      const read = this.readImport(logical, frame.roots);
      if (!read.ok) {
        frame.file.diagnostics.push(this.importNotFound(item, logical, read.reason, frame.roots));
        continue;
      }
      const again = this.files.get(read.realPath);
      if (again !== undefined) {
        frame.file.imports.push({ item, target: again.absolutePath });
        continue;
      }
      const loaded = this.parse(read.realPath, displayPath(logical, this.cwd), read, true);
      frame.file.imports.push({ item, target: loaded.absolutePath });
      stack.push({ file: loaded, items: importsOf(loaded), roots: frame.roots, depth: frame.depth + 1, next: 0 });
    }
    return entry;
  }

  /** An import's text: an editor's buffer if it has one (inside the roots, a `.sriov` file), else the disk. */
  private readImport(logical: string, roots: ProjectRoots): { ok: true; realPath: string; text: string; invalidUtf8?: DecodedText["invalidUtf8"] } | { ok: false; reason: UnreadableReason } {
    if (this.options.readOverride !== undefined) {
      // The roots are judged before the override is asked: it may read the disk itself.
      const realPath = realPathOrSelf(logical);
      if (!roots.roots.some((root) => isInside(realPath, root))) return { ok: false, reason: { kind: "outside-roots", realPath } };
      const open = this.options.readOverride(logical);
      if (open !== undefined) {
        if (!realPath.endsWith(SOURCE_EXTENSION)) return { ok: false, reason: { kind: "wrong-extension", realPath } };
        return { ok: true, realPath, text: open };
      }
    }
    return readUntrustedFile(logical, { roots: roots.roots, requireExtension: SOURCE_EXTENSION });
  }

  /** The loaded file a path names, by its real path; undefined when not loaded yet or unresolvable. */
  private knownFile(logical: string): LoadedFile | undefined {
    try {
      return this.files.get(realpathSync.native(logical));
    } catch {
      return undefined;
    }
  }

  private refused(item: Import, why: string, help: string): Diagnostic {
    return diagnostic("import-not-found", "error", item.path.span, `cannot import '${quoted(item.path.value)}': ${why}`, { help });
  }

  private importNotFound(item: Import, target: string, reason: UnreadableReason, roots: ProjectRoots): Diagnostic {
    // The resolved path comes from the import's text too: cut as the text is.
    const shown = quoted(displayPath(target, this.cwd));
    const name = quoted(item.path.value);
    switch (reason.kind) {
      case "too-large":
        return diagnostic("import-not-found", "error", item.path.span, `cannot import '${name}': ${shown} is ${mib(reason.size)}, over the ${mib(MAX_FILE_BYTES)} limit`, {
          help: "split the topology into smaller files that import each other",
        });
      case "outside-roots":
        return diagnostic(
          "import-not-found",
          "error",
          item.path.span,
          `cannot import '${name}': ${quoted(displayPath(reason.realPath, this.cwd))} is outside the project (${roots.roots.map((r) => displayPath(r, this.cwd)).join(", ")})`,
          {
            help: roots.projectFile
              ? `imports stay inside the project root; list other directories under \`importRoots\` in ${displayPath(roots.projectFile, this.cwd)}`
              : "imports stay inside the project root (the directory of sriovc.json, else of .git, else of the entry file); a sriovc.json may list more under `importRoots`",
          },
        );
      case "wrong-extension":
        return diagnostic("import-not-found", "error", item.path.span, `cannot import '${name}': only \`${SOURCE_EXTENSION}\` files can be imported (${shown})`, {
          help: "an import names another topology file; it is not read otherwise",
        });
      default:
        return diagnostic("import-not-found", "error", item.path.span, `cannot import '${name}': ${describeUnreadable(reason)} (${shown})`, {
          help:
            reason.kind === "directory"
              ? "import one `.sriov` file; a directory is not imported whole"
              : reason.kind === "nul-in-name"
                ? "remove the NUL character from the path"
                : "import paths are relative to the importing file",
        });
    }
  }
}

function importsOf(file: LoadedFile): Import[] {
  return file.ast.items.filter((item): item is Import => item.kind === "Import");
}

/**
 * Orders a root's closure depth first (imports before importers) and reports each import cycle once.
 * Iterative, like loading: the stack of files being visited is explicit.
 */
function closure(root: LoadedFile, files: Map<string, LoadedFile>, cycles: Diagnostic[], reported: Set<string>): LoadedFile[] {
  const order: LoadedFile[] = [];
  const done = new Set<string>();
  const stack: { file: LoadedFile; next: number }[] = [];
  const onStack = new Set<string>();
  const enter = (file: LoadedFile): void => {
    stack.push({ file, next: 0 });
    onStack.add(file.absolutePath);
  };
  enter(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const { file } = frame;
    const edge = file.imports[frame.next++];
    if (edge === undefined) {
      stack.pop();
      onStack.delete(file.absolutePath);
      done.add(file.absolutePath);
      order.push(file);
      continue;
    }
    const { item, target } = edge;
    const next = files.get(target);
    if (!next || done.has(target)) continue;
    if (onStack.has(target)) {
      const key = `${file.absolutePath}@${item.span.start}`;
      if (!reported.has(key)) {
        reported.add(key);
        const from = stack.findIndex((f) => f.file.absolutePath === target);
        const cycle = [...stack.slice(from).map((f) => f.file.path), next.path].join(" → ");
        const self = next === file;
        cycles.push(
          diagnostic("import-cycle", "error", item.span, `import cycle: ${cycle}`, {
            help: self ? "a file cannot import itself: remove this import" : "move the shared declarations into a file that both import",
          }),
        );
      }
      continue;
    }
    enter(next);
  }
  return order;
}

export interface EntryError {
  readonly path: string;
  readonly reason: string;
}

/**
 * Loads entry files (absolute paths or `<stdin>`). An entry that cannot be read is a usage error,
 * returned separately so the CLI can exit 2; an import that cannot be read is a diagnostic.
 */
export function loadWorkspace(entries: readonly string[], options: LoadOptions = {}): { workspace: Workspace; entryErrors: EntryError[] } {
  resetSuggestionWork();
  const loader = new Loader(options);
  const entryErrors: EntryError[] = [];
  const loadedEntries: LoadedFile[] = [];
  for (const entry of entries) {
    const read = readEntrySource(entry, options);
    if (!read.ok) {
      const reason = read.reason.kind === "too-large" ? `file is ${mib(read.reason.size)}, over the ${mib(MAX_FILE_BYTES)} limit` : describeUnreadable(read.reason);
      entryErrors.push({ path: displayPath(entry, options.cwd ?? process.cwd()), reason });
      continue;
    }
    loadedEntries.push(loader.load(read.realPath, entry, read.decoded));
  }
  const importedByAnother = new Set<string>();
  for (const file of loader.files.values()) for (const { target } of file.imports) if (target !== file.absolutePath) importedByAnother.add(target);
  const roots = loadedEntries.filter((file, i) => !importedByAnother.has(file.absolutePath) && loadedEntries.indexOf(file) === i);
  // Files on a cycle that no outside file reaches would be left out: check them as roots of their own.
  for (const file of loadedEntries) {
    if (!roots.includes(file) && !roots.some((root) => reaches(root, file, loader.files))) roots.push(file);
  }
  const cycleDiagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const programs = roots.map((root): Program => {
    const files = closure(root, loader.files, cycleDiagnostics, reported);
    const paths = new Set(files.map((f) => f.path));
    return {
      root: root.path,
      files: files.map((f) => f.ast),
      commentedFiles: files.map((f) => commentedFile(f.ast, f.lines)),
      sources: new Map(files.map((f) => [f.path, f.text])),
      diagnostics: [...files.flatMap((f) => f.diagnostics), ...cycleDiagnostics.filter((d) => paths.has(d.span.file))],
      hasSyntaxErrors: files.some((f) => f.hasSyntaxErrors),
      ...(files.length === 1 && files[0]!.resolved !== undefined ? { resolved: files[0]!.resolved } : {}),
    };
  });
  const byPath = new Map([...loader.files.values()].map((f) => [f.path, f]));
  return { workspace: { programs, files: byPath }, entryErrors };
}

/**
 * Lets go of every syntax tree of the workspace (a one-shot check, once each program is resolved:
 * nothing after resolution reads the trees but suppressions, which read `Program.commentedFiles`). Each
 * file's `ast`, and each program's `files`, becomes an empty file of the same path and span; texts, line
 * indexes and diagnostics stay. For a 1M-line file the trees are ~230 bytes a line.
 */
export function releaseSyntaxTrees(workspace: Workspace): void {
  const released = new Map<SourceFile, SourceFile>();
  const empty = (ast: SourceFile): SourceFile => {
    let husk = released.get(ast);
    if (husk === undefined) {
      husk = { kind: "File", file: ast.file, items: [], comments: [], span: ast.span };
      released.set(ast, husk);
    }
    return husk;
  };
  for (const file of workspace.files.values()) file.ast = empty(file.ast);
  for (const program of workspace.programs) for (let i = 0; i < program.files.length; i++) program.files[i] = empty(program.files[i]!);
}

function reaches(from: LoadedFile, to: LoadedFile, files: Map<string, LoadedFile>): boolean {
  const seen = new Set<string>();
  const pending = [from.absolutePath];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next === to.absolutePath) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const { target } of files.get(next)?.imports ?? []) pending.push(target);
  }
  return false;
}
