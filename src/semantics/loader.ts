/**
 * Files → programs. Reads each file once, parses it, follows `import`s relative to the importing file,
 * and groups the files into programs: one per root (an input file that no other input imports), holding
 * the root's import closure in expansion order (an import's declarations come before the importer's,
 * depth first, in import order — the order VF allocation follows).
 */
import { readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Import, SourceFile } from "../syntax/ast.js";
import { MAX_FILE_BYTES } from "../syntax/limits.js";
import { parseSource, stripBom, type ParseResult } from "../syntax/parse.js";
import type { LineIndex } from "../syntax/span.js";
import { checkPlacement } from "./placement.js";

export interface LoadedFile {
  /** Display path: relative to the working directory, `/`-separated; `<stdin>` for standard input. */
  readonly path: string;
  readonly absolutePath: string;
  readonly text: string;
  readonly ast: SourceFile;
  readonly lines: LineIndex;
  /** Syntax, import and placement diagnostics of this file. */
  readonly diagnostics: Diagnostic[];
  /** The files this one imports, in source order (only those that loaded), with the import naming each. */
  readonly imports: { readonly item: Import; readonly target: string }[];
  readonly hasSyntaxErrors: boolean;
}

export interface Program {
  /** Display path of the root file. */
  readonly root: string;
  /** The root's import closure in expansion order; the root is last. */
  readonly files: SourceFile[];
  /** Texts by display path, for code frames. */
  readonly sources: Map<string, string>;
  /** Load-stage diagnostics (syntax, imports, placement) of the program's files. */
  readonly diagnostics: Diagnostic[];
  /** Later stages skip a program with syntax errors: its AST is partial and would only add noise. */
  readonly hasSyntaxErrors: boolean;
}

export interface Workspace {
  readonly programs: Program[];
  readonly files: Map<string, LoadedFile>;
}

export interface LoadOptions {
  readonly cwd?: string;
  /** Text for the entry `-` (standard input), shown as `<stdin>`. */
  readonly stdin?: string;
  /**
   * A file's text before the disk is asked (an editor's unsaved buffer), or undefined to read the disk.
   * The compiler driver's host (src/driver/host.ts) passes its open documents here.
   */
  readonly readOverride?: (absolutePath: string) => string | undefined;
  /** Parses one file's text; the driver's host passes a cache, so that an unchanged file is parsed once. */
  readonly parse?: (text: string, displayPath: string) => ParseResult;
}

export const STDIN_PATH = "<stdin>";

export function displayPath(absolutePath: string, cwd: string): string {
  if (absolutePath === STDIN_PATH) return STDIN_PATH;
  const relative = path.relative(cwd, absolutePath);
  const shown = relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? absolutePath : relative;
  return shown.split(path.sep).join("/");
}

type ReadResult = { ok: true; text: string } | { ok: false; reason: string; tooLarge?: number };

function readSource(absolutePath: string, options: LoadOptions): ReadResult {
  if (absolutePath === STDIN_PATH) return { ok: true, text: stripBom(options.stdin ?? "") };
  const open = options.readOverride?.(absolutePath);
  if (open !== undefined) return { ok: true, text: stripBom(open) };
  try {
    const stat = statSync(absolutePath);
    if (stat.isDirectory()) return { ok: false, reason: "it is a directory" };
    if (stat.size > MAX_FILE_BYTES) return { ok: false, reason: "too large", tooLarge: stat.size };
    return { ok: true, text: stripBom(readFileSync(absolutePath, "utf8")) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (code ?? "unreadable") };
  }
}

function mib(bytes: number): string {
  const text = `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  // Just over the limit rounds to the limit ("64.0 MiB, over the 64.0 MiB limit"): say the bytes then.
  return bytes > MAX_FILE_BYTES && bytes - MAX_FILE_BYTES < 0.05 * 1024 * 1024 ? `${bytes.toLocaleString("en")} bytes` : text;
}

class Loader {
  readonly files = new Map<string, LoadedFile>();
  private readonly cwd: string;

  constructor(private readonly options: LoadOptions) {
    this.cwd = options.cwd ?? process.cwd();
  }

  /** Parses a file whose text is read and, recursively, loads what it imports. */
  load(absolutePath: string, text: string): LoadedFile {
    const existing = this.files.get(absolutePath);
    if (existing) return existing;
    const shown = displayPath(absolutePath, this.cwd);
    const parsed = this.options.parse ? this.options.parse(text, shown) : parseSource(text, shown);
    const diagnostics = [...parsed.diagnostics];
    const hasSyntaxErrors = diagnostics.length > 0;
    if (!hasSyntaxErrors) diagnostics.push(...checkPlacement(parsed.ast));
    const loaded: LoadedFile = {
      path: shown,
      absolutePath,
      text,
      ast: parsed.ast,
      lines: parsed.lines,
      diagnostics,
      imports: [],
      hasSyntaxErrors,
    };
    this.files.set(absolutePath, loaded);
    const base = absolutePath === STDIN_PATH ? this.cwd : path.dirname(absolutePath);
    for (const item of parsed.ast.items) {
      if (item.kind !== "Import") continue;
      const target = path.resolve(base, item.path.value);
      if (this.files.has(target)) {
        loaded.imports.push({ item, target });
        continue;
      }
      const read = readSource(target, this.options);
      if (!read.ok) {
        diagnostics.push(this.importNotFound(item, target, read));
        continue;
      }
      loaded.imports.push({ item, target });
      this.load(target, read.text);
    }
    return loaded;
  }

  private importNotFound(item: Import, target: string, read: Extract<ReadResult, { ok: false }>): Diagnostic {
    const shown = displayPath(target, this.cwd);
    if (read.tooLarge !== undefined) {
      return diagnostic("import-not-found", "error", item.path.span, `cannot import '${item.path.value}': ${shown} is ${mib(read.tooLarge)}, over the ${mib(MAX_FILE_BYTES)} limit`, {
        help: "split the topology into smaller files that import each other",
      });
    }
    return diagnostic("import-not-found", "error", item.path.span, `cannot import '${item.path.value}': ${read.reason} (${shown})`, {
      help: read.reason === "it is a directory" ? "import one `.sriov` file; a directory is not imported whole" : "import paths are relative to the importing file",
    });
  }
}

/** Orders a root's closure depth first (imports before importers) and reports each import cycle once. */
function closure(root: LoadedFile, files: Map<string, LoadedFile>, cycles: Diagnostic[], reported: Set<string>): LoadedFile[] {
  const order: LoadedFile[] = [];
  const done = new Set<string>();
  const stack: LoadedFile[] = [];
  const onStack = new Set<string>();
  const visit = (file: LoadedFile): void => {
    if (done.has(file.absolutePath)) return;
    stack.push(file);
    onStack.add(file.absolutePath);
    for (const { item, target } of file.imports) {
      const next = files.get(target);
      if (!next) continue;
      if (onStack.has(target)) {
        const key = `${file.absolutePath}@${item.span.start}`;
        if (!reported.has(key)) {
          reported.add(key);
          const from = stack.findIndex((f) => f.absolutePath === target);
          const cycle = [...stack.slice(from).map((f) => f.path), next.path].join(" → ");
          const self = next === file;
          cycles.push(
            diagnostic("import-cycle", "error", item.span, `import cycle: ${cycle}`, {
              help: self ? "a file cannot import itself: remove this import" : "move the shared declarations into a file that both import",
            }),
          );
        }
        continue;
      }
      visit(next);
    }
    stack.pop();
    onStack.delete(file.absolutePath);
    done.add(file.absolutePath);
    order.push(file);
  };
  visit(root);
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
  const loader = new Loader(options);
  const entryErrors: EntryError[] = [];
  const loadedEntries: LoadedFile[] = [];
  for (const entry of entries) {
    const read = readSource(entry, options);
    if (!read.ok) {
      const reason = read.tooLarge !== undefined ? `file is ${mib(read.tooLarge)}, over the ${mib(MAX_FILE_BYTES)} limit` : read.reason;
      entryErrors.push({ path: displayPath(entry, options.cwd ?? process.cwd()), reason });
      continue;
    }
    loadedEntries.push(loader.load(entry, read.text));
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
      sources: new Map(files.map((f) => [f.path, f.text])),
      diagnostics: [...files.flatMap((f) => f.diagnostics), ...cycleDiagnostics.filter((d) => paths.has(d.span.file))],
      hasSyntaxErrors: files.some((f) => f.hasSyntaxErrors),
    };
  });
  const byPath = new Map([...loader.files.values()].map((f) => [f.path, f]));
  return { workspace: { programs, files: byPath }, entryErrors };
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
