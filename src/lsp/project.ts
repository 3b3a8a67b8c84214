/**
 * The language server's view of the files: the editor's open buffers over the disk, each file parsed once
 * per text (an unchanged import is not parsed again), and one checked program per open file — the file as
 * the root with its import closure, exactly what `sriovc check FILE` checks (run from the workspace folder,
 * with the same `sriovc.json`), so the diagnostics are the same.
 */
import * as path from "node:path";
import { capDiagnosticsPerFile, checkProgram, dedupe, type CheckedProgram } from "../cli/pipeline.js";
import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { RuleSettings } from "../rules/registry.js";
import { loadWorkspace, type LoadedFile } from "../semantics/loader.js";
import { parseSource, type ParseResult } from "../syntax/parse.js";

export interface Analysis {
  /** Absolute path of the root (the open file this analysis is for). */
  readonly root: string;
  /** The program's files by display path. */
  readonly files: ReadonlyMap<string, LoadedFile>;
  /** The same files by absolute path. */
  readonly byAbsolutePath: ReadonlyMap<string, LoadedFile>;
  readonly checked: CheckedProgram | undefined;
  /** As `sriovc check` lists them: deduplicated, sorted, at most so many per file. */
  readonly diagnostics: readonly Diagnostic[];
  /** Texts it was computed from, by absolute path: a later analysis of the same texts is this one. */
  readonly inputs: ReadonlyMap<string, string>;
  /** Per-analysis memo for the features (symbol index, analytic estimate), filled on first use. */
  readonly memo: Map<string, unknown>;
}

export interface ProjectSettings {
  /** Display paths are relative to this directory, as `sriovc check` run there shows them. */
  readonly cwd: string;
  /** The rule settings of the `sriovc.json` that applies to a root file. */
  readonly rulesFor: (absolutePath: string) => RuleSettings;
}

interface CachedParse {
  readonly text: string;
  readonly shown: string;
  readonly result: ParseResult;
}

export class Project {
  /** Editor buffers by absolute path (text as the editor holds it, byte-order mark included). */
  private readonly overlay = new Map<string, string>();
  private readonly parses = new Map<string, CachedParse>();
  private readonly analyses = new Map<string, Analysis>();
  /** How many files were parsed (not served from the cache): the bench and the tests watch it. */
  parseCount = 0;

  constructor(private settings: ProjectSettings) {}

  configure(settings: ProjectSettings): void {
    this.settings = settings;
    this.analyses.clear();
  }

  setOverlay(absolutePath: string, text: string): void {
    this.overlay.set(absolutePath, text);
  }

  dropOverlay(absolutePath: string): void {
    this.overlay.delete(absolutePath);
    this.analyses.delete(absolutePath);
  }

  overlayText(absolutePath: string): string | undefined {
    return this.overlay.get(absolutePath);
  }

  /** Forgets every analysis (the configuration changed, or files changed on disk). */
  invalidate(): void {
    this.analyses.clear();
  }

  private parse(text: string, shown: string, absolutePath: string): ParseResult {
    const cached = this.parses.get(absolutePath);
    if (cached !== undefined && cached.text === text && cached.shown === shown) return cached.result;
    this.parseCount += 1;
    const result = parseSource(text, shown);
    this.parses.set(absolutePath, { text, shown, result });
    return result;
  }

  /** The analysis of the program rooted at an open (or on-disk) file; reused while none of its texts changed. */
  analyze(absolutePath: string): Analysis {
    const previous = this.analyses.get(absolutePath);
    if (previous !== undefined && this.unchanged(previous)) return previous;
    const inputs = new Map<string, string>();
    const { workspace } = loadWorkspace([absolutePath], {
      cwd: this.settings.cwd,
      readOverlay: (file) => this.overlay.get(file),
      parse: (text, shown, file) => {
        inputs.set(file, text);
        return this.parse(text, shown, file);
      },
    });
    const program = workspace.programs[0];
    const checked = program === undefined ? undefined : checkProgram(program, this.settings.rulesFor(absolutePath));
    const diagnostics = checked === undefined ? [] : capDiagnosticsPerFile(sortDiagnostics(dedupe(checked.diagnostics)));
    const byAbsolutePath = new Map([...workspace.files.values()].map((file) => [file.absolutePath, file]));
    const analysis: Analysis = { root: absolutePath, files: workspace.files, byAbsolutePath, checked, diagnostics, inputs, memo: new Map() };
    this.analyses.set(absolutePath, analysis);
    // Parses of files no analysis holds any more are dropped, so closed files do not pile up.
    this.collect();
    return analysis;
  }

  /** True when every file the analysis read still has the text it had (imports read from disk are re-read). */
  isCurrent(analysis: Analysis): boolean {
    return this.unchanged(analysis);
  }

  private unchanged(analysis: Analysis): boolean {
    for (const [file, text] of analysis.inputs) {
      const now = this.overlay.get(file);
      // Files on disk are watched by the client (didChangeWatchedFiles → invalidate): between events they stand.
      if (now !== undefined && stripped(now) !== text) return false;
    }
    return true;
  }

  /** The open roots whose programs include a file (to refresh importers' diagnostics when it changes). */
  rootsIncluding(absolutePath: string): string[] {
    const out: string[] = [];
    for (const analysis of this.analyses.values()) if (analysis.byAbsolutePath.has(absolutePath)) out.push(analysis.root);
    return out;
  }

  cachedAnalyses(): Iterable<Analysis> {
    return this.analyses.values();
  }

  private collect(): void {
    const live = new Set<string>(this.overlay.keys());
    for (const analysis of this.analyses.values()) for (const file of analysis.inputs.keys()) live.add(file);
    for (const file of this.parses.keys()) if (!live.has(file)) this.parses.delete(file);
  }

  /** The display path a file has in analyses (relative to the workspace folder). */
  displayPath(absolutePath: string): string {
    const relative = path.relative(this.settings.cwd, absolutePath);
    const shown = relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? absolutePath : relative;
    return shown.split(path.sep).join("/");
  }
}

function stripped(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
