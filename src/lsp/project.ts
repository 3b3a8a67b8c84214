/**
 * The language server's view of the files, on the compiler driver: the editor's open buffers over the
 * disk (the driver's host), each file parsed once per text (an unchanged import is not parsed again), and
 * one compiled program per open file — the file as the root with its import closure, exactly what
 * `sriovc check FILE` checks (run from the workspace folder, with the same `sriovc.json`), so the
 * diagnostics are the same.
 */
import { pathToFileURL } from "node:url";
import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { createHost, type CompilerHost } from "../driver/host.js";
import { EstimateCache } from "../driver/estimate-parts.js";
import { ResolveCache } from "../semantics/resolve-cache.js";
import { CompiledProgram, type Settings } from "../driver/program.js";
import { capDiagnosticsPerFile, dedupe } from "../driver/entries.js";
import { displayPath, loadWorkspace, type LoadedFile, type Program } from "../semantics/loader.js";
import { readUntrustedFile } from "../semantics/untrusted-file.js";
import { MAX_FILE_BYTES } from "../syntax/limits.js";

/** A file with its import closure, loaded (read and parsed) but not checked. */
export interface LoadedProgram {
  /** Absolute path of the root (the open file this analysis is for). */
  readonly root: string;
  /** The program's files by display path. */
  readonly files: ReadonlyMap<string, LoadedFile>;
  /** The same files by absolute path. */
  readonly byAbsolutePath: ReadonlyMap<string, LoadedFile>;
  /** Texts it was computed from, by display path: a later analysis of the same texts is this one. */
  readonly inputs: ReadonlyMap<string, string>;
  /**
   * The absolute paths it asked the editor and the disk for and could not read (an import not written yet):
   * once one is opened in the editor, the analysis is out of date.
   */
  readonly missing: ReadonlySet<string>;
  /** Per-analysis memo for the features (symbol index, analytic estimate), filled on first use. */
  readonly memo: Map<string, unknown>;
}

export interface Analysis extends LoadedProgram {
  /** The program, its model, diagnostics and estimate computed on demand (undefined: the root did not load). */
  readonly program: CompiledProgram | undefined;
  /** As `sriovc check` lists them: deduplicated, sorted, at most so many per file. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface ProjectSettings {
  /**
   * The workspace folder a root file belongs to: its program's display paths are relative to it, as
   * `sriovc check` run there shows them; undefined for a file in no folder.
   */
  readonly folderOf: (absolutePath: string) => string | undefined;
  /** The settings (rules, cost profile) of the `sriovc.json` that applies to a root file. */
  readonly settingsFor: (absolutePath: string) => Settings;
}

export class Project {
  /** Editor buffers by absolute path (text as the editor holds it, byte-order mark included). */
  private readonly overlay = new Map<string, string>();
  /** The editors' uris of the open files, by absolute path. */
  private readonly uris = new Map<string, string>();
  private readonly analyses = new Map<string, Analysis>();
  /**
   * Files of the workspace that no editor has open, loaded for workspace symbols only: kept apart from the
   * analyses, which are the open files' programs (importers, references and rename search those).
   */
  private readonly loadedOnly = new Map<string, LoadedProgram>();
  /**
   * Imports read from disk, kept until the client reports a change on disk (`invalidate`): a keystroke in
   * a file then costs no read of its unchanged 10,000-line import. Only plain readable files within the
   * size limit are kept; anything else is left to the loader, which reports it.
   */
  private readonly disk = new Map<string, string>();
  private readonly host: CompilerHost;
  /** Estimates of the hosts (parts) of earlier analyses: an edit re-estimates only the hosts it changed. */
  private readonly estimates = new EstimateCache();
  /** Hosts resolved by earlier analyses: an edit resolves again only the hosts it changed (src/semantics/resolve-cache.ts). */
  private readonly resolutions = new ResolveCache();

  constructor(private readonly settings: ProjectSettings) {
    this.host = createHost();
  }

  /** Hosts taken from the resolve cache and hosts resolved, over the project's life. */
  get resolveStats(): { readonly reused: number; readonly resolved: number } {
    return { reused: this.resolutions.reusedHosts, resolved: this.resolutions.resolvedHosts };
  }

  /** Files parsed so far (a parse served from the cache is not counted). */
  get parseCount(): number {
    return this.host.parseCount;
  }

  /**
   * An open file's text, by its real path (`filePath`), and the uri the editor gave it: locations in the
   * file name it so, and the editor's own encoding of a uri is not pathToFileURL's (VS Code writes `(` as
   * %28) nor its path the real one (a link).
   */
  setOverlay(absolutePath: string, text: string, uri: string = pathToFileURL(absolutePath).href): void {
    this.overlay.set(absolutePath, text);
    this.uris.set(absolutePath, uri);
    this.host.setFile(absolutePath, text);
  }

  dropOverlay(absolutePath: string): void {
    this.overlay.delete(absolutePath);
    this.uris.delete(absolutePath);
    this.host.closeFile(absolutePath);
    this.disk.delete(absolutePath);
    // The analyses that read the editor's text of the file read the disk's now; the others stand. Forgetting
    // every analysis instead would lose the open importers that `rootsIncluding` and the references and
    // rename across files look for, until each is checked again.
    for (const [root, analysis] of this.analyses) if (root === absolutePath || analysis.byAbsolutePath.has(absolutePath)) this.analyses.delete(root);
    for (const [root, loaded] of this.loadedOnly) if (root === absolutePath || loaded.byAbsolutePath.has(absolutePath)) this.loadedOnly.delete(root);
  }

  /** The files open in the editor, by absolute path. */
  openFiles(): Iterable<string> {
    return this.overlay.keys();
  }

  overlayText(absolutePath: string): string | undefined {
    return this.overlay.get(absolutePath);
  }

  /** The editor's uri of an open file. */
  openUri(absolutePath: string): string | undefined {
    return this.uris.get(absolutePath);
  }

  /** The uri to name a file by: the editor's, if it is open, else its path's. */
  uriOf(absolutePath: string): string {
    return this.uris.get(absolutePath) ?? pathToFileURL(absolutePath).href;
  }

  /** Forgets every analysis and every file read from disk (the configuration or files on disk changed). */
  invalidate(): void {
    this.analyses.clear();
    this.loadedOnly.clear();
    this.disk.clear();
  }

  private readDisk(absolutePath: string): string | undefined {
    const known = this.disk.get(absolutePath);
    if (known !== undefined) return known;
    // Regular files only, never blocking, at most MAX_FILE_BYTES (docs/SECURITY.md).
    const read = readUntrustedFile(absolutePath, { maxBytes: MAX_FILE_BYTES });
    if (!read.ok) return undefined;
    this.disk.set(absolutePath, read.text);
    return read.text;
  }

  /** The analysis of the program rooted at an open (or on-disk) file; reused while none of its texts changed. */
  analyze(absolutePath: string): Analysis {
    const previous = this.analyses.get(absolutePath);
    if (previous !== undefined && this.unchanged(previous)) return previous;
    const { loaded, files } = this.load(absolutePath);
    const program = loaded === undefined ? undefined : new CompiledProgram(loaded, this.settings.settingsFor(absolutePath), { estimates: this.estimates, resolutions: this.resolutions });
    const diagnostics = program === undefined ? [] : capDiagnosticsPerFile(sortDiagnostics(dedupe(program.diagnostics)));
    const analysis: Analysis = { ...files, program, diagnostics };
    this.analyses.set(absolutePath, analysis);
    return analysis;
  }

  /**
   * A file and its imports, read (the editor's text of an open one) and parsed but not checked: what
   * workspace symbols take from a file no editor has open, without the cost of checking it.
   */
  loadOnly(absolutePath: string): LoadedProgram {
    const previous = this.loadedOnly.get(absolutePath);
    if (previous !== undefined && this.unchanged(previous)) return previous;
    const { files } = this.load(absolutePath);
    this.loadedOnly.set(absolutePath, files);
    return files;
  }

  /** The root's program as the loader gives it (undefined: the root did not load), and its files. */
  private load(absolutePath: string): { loaded: Program | undefined; files: LoadedProgram } {
    const inputs = new Map<string, string>();
    const missing = new Set<string>();
    // The host's overlay and parse cache, with the root's folder for display paths (the cache is keyed by
    // display path: a file of two folders' programs is parsed once for each).
    const options = { ...this.host.loadOptions(), cwd: this.displayBase(absolutePath) };
    const parse = options.parse!;
    const { workspace } = loadWorkspace([absolutePath], {
      ...options,
      readOverride: (file) => {
        const text = this.overlay.get(file) ?? this.readDisk(file);
        if (text === undefined) missing.add(file);
        return text;
      },
      parse: (text, shown) => {
        inputs.set(shown, text);
        return parse(text, shown);
      },
    });
    const byAbsolutePath = new Map([...workspace.files.values()].map((file) => [file.absolutePath, file]));
    return { loaded: workspace.programs[0], files: { root: absolutePath, files: workspace.files, byAbsolutePath, inputs, missing, memo: new Map() } };
  }

  /** True when every open file the analysis read still has the text it had (the disk is watched by the client). */
  private unchanged(analysis: LoadedProgram): boolean {
    for (const file of analysis.missing) if (this.overlay.has(file)) return false;
    for (const [shown, text] of analysis.inputs) {
      const file = analysis.files.get(shown)?.absolutePath;
      const now = file === undefined ? undefined : this.overlay.get(file);
      // Files on disk are watched by the client (didChangeWatchedFiles → invalidate): between events they stand.
      if (now !== undefined && stripped(now) !== text) return false;
    }
    return true;
  }

  /** The open roots whose programs include a file, or looked for it (to refresh importers' diagnostics when it changes). */
  rootsIncluding(absolutePath: string): string[] {
    const out: string[] = [];
    for (const analysis of this.analyses.values()) if (analysis.byAbsolutePath.has(absolutePath) || analysis.missing.has(absolutePath)) out.push(analysis.root);
    return out;
  }

  cachedAnalyses(): Iterable<Analysis> {
    return this.analyses.values();
  }

  /** The display path a file has in its own program (relative to its workspace folder). */
  displayPath(absolutePath: string): string {
    return displayPath(absolutePath, this.displayBase(absolutePath));
  }

  /**
   * What a root file's program shows paths relative to: its workspace folder. A file in no folder is shown
   * relative to itself, which the loader's display rule shows whole, and so every file of its program:
   * relative to a folder it is not in, "lib.sriov" would name a file beside it that is not the one meant.
   */
  private displayBase(absolutePath: string): string {
    return this.settings.folderOf(absolutePath) ?? absolutePath;
  }
}

function stripped(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
