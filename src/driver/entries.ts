/**
 * Entry files → a workspace of programs (one per entry that no other entry imports,
 * with its imports), each a `CompiledProgram` whose artifacts are computed on demand; and the workspace's
 * diagnostics, deduplicated (a file shared by two programs is reported once), sorted and capped per file.
 * `check`, `compile`, `simulate`, the public API and an editor all come through here.
 *
 * The checker of operator YAML/JSON and libvirt XML (src/interop/check) is passed in, not imported: it
 * brings the YAML and XML parsers, which a run on `.sriov` files alone should not load (the CLI imports it
 * only when an entry is such a file; ./workspace.ts binds it for the public API).
 */
import { diagnostic, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { checkInteropFiles, readInteropEntries } from "../interop/check/index.js";
import { isInteropPath, notCompiledMessage } from "../interop/formats.js";
import { loadWorkspace, releaseSyntaxTrees, type EntryError, type Workspace } from "../semantics/loader.js";
import { MAX_DIAGNOSTICS_PER_FILE } from "../syntax/limits.js";
import { createHost, type CompilerHost } from "./host.js";
import { ruleSettingsProblem, type RuleSettings } from "../rules/registry.js";
import { profileNames, unknownProfileMessage } from "../semantics/profile-names.js";
import type { Program } from "../semantics/loader.js";
import { CompiledProgram, type ProgramCaches, type Settings } from "./program.js";
import { plural } from "../domain/plural.js";

export interface CheckResult {
  readonly workspace: Workspace;
  readonly programs: CompiledProgram[];
  /** Every diagnostic, deduplicated (a file shared by two programs is reported once) and in stable order. */
  readonly diagnostics: Diagnostic[];
  /** Texts by display path, for code frames. */
  readonly sources: Map<string, string>;
  /** The display paths of the `.sriov` files that start with a byte-order mark (not in `sources`' texts). */
  readonly withBom: ReadonlySet<string>;
  readonly fileCount: number;
}

/** A diagnostic reached twice (a file shared by two programs, a replicated block) is listed once. */
export function dedupe(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of list) {
    const key = `${d.span.file}\u0000${d.span.start}\u0000${d.span.end}\u0000${d.rule}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/**
 * Keeps the first MAX_DIAGNOSTICS_PER_FILE diagnostics of each file (the list is sorted) and sums up the
 * rest in one, at the first dropped one's place, with the worst dropped severity so exit codes still hold.
 */
export function capDiagnosticsPerFile(sorted: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  let file: string | undefined;
  let count = 0;
  let dropped: Diagnostic[] = [];
  const flush = (): void => {
    const first = dropped[0];
    if (first === undefined) return;
    const severity = dropped.some((d) => d.severity === "error") ? "error" : dropped.some((d) => d.severity === "warning") ? "warning" : "info";
    const n = dropped.length;
    out.push(
      diagnostic(first.rule, severity, first.span, `…and ${plural(n, "more diagnostic")} in this file (at most ${MAX_DIAGNOSTICS_PER_FILE} are listed)`, {
        help: "fix the first ones; many of the rest are likely the same mistake repeated",
      }),
    );
    dropped = [];
  };
  for (const d of sorted) {
    if (d.span.file !== file) {
      flush();
      file = d.span.file;
      count = 0;
    }
    if (count < MAX_DIAGNOSTICS_PER_FILE) out.push(d);
    else dropped.push(d);
    count += 1;
  }
  flush();
  return out;
}

export interface OpenOptions {
  /** Files, parse cache and working directory; a fresh host on `cwd` when left out. */
  readonly host?: CompilerHost;
  /** The working directory of a fresh host (ignored with `host`); default: `process.cwd()`. */
  readonly cwd?: string;
  readonly settings?: Settings;
  /** What the programs may reuse from earlier ones (an editor session keeps one `EstimateCache`). */
  readonly caches?: ProgramCaches;
  /** Bytes (or text) for the entry `<stdin>`. */
  readonly stdin?: string | Uint8Array;
  /**
   * Nothing will read this run's syntax trees once it is checked (a `sriovc check`, `compile` or
   * `simulate`): the host does not keep its parses, and `checkEntriesWith` lets the trees go as soon as
   * every program is resolved (`releaseSyntaxTrees`), before the rules, lowering and the analysis run;
   * the result's workspace then holds empty files beside the texts. Default: true without `host` (a host
   * made for this call, whose parses no one else can reuse), false with one. Operator YAML/JSON and
   * libvirt XML entries keep the trees whatever this says (their check splices into them).
   */
  readonly oneShot?: boolean;
  /**
   * Called by `checkEntriesWith` once every program is resolved, before the rules run (`simulate` lowers
   * the topology here and hands it to its worker threads, which simulate while this thread checks; what
   * they did is dropped if the check then finds errors).
   */
  readonly beforeRules?: (programs: readonly CompiledProgram[]) => void;
}

/**
 * What is wrong with settings given in code (sriovc.json's are checked as the file is read, with these
 * words): a severity that is none (`"fatal"`), a rule that takes none, a cost profile that does not exist.
 * Checked wherever a workspace is opened, so the API's functions and a plain-JS caller of `openWorkspace`
 * alike get the error instead of diagnostics of severity "fatal".
 */
export function settingsProblem(settings: Settings | undefined): string | undefined {
  if (settings === undefined) return undefined;
  const profile = settings.profile;
  return ruleSettingsProblem(settings.rules ?? {}) ?? (profile === undefined || profileNames().includes(profile) ? undefined : unknownProfileMessage(profile));
}

/** Whether a run with these options may let its syntax trees go (see `OpenOptions.oneShot`). */
function isOneShot(options: OpenOptions): boolean {
  return options.oneShot ?? options.host === undefined;
}

/** Loads the entries (absolute paths or `<stdin>`) into programs; nothing past loading is computed yet. */
export function openWorkspace(entries: readonly string[], options: OpenOptions = {}): { workspace: Workspace; programs: CompiledProgram[]; entryErrors: EntryError[] } {
  return open(entries, options, false);
}

/**
 * `openWorkspace`; with `resolveWhileParsing`, a one-shot check of one entry resolves it while it is parsed
 * (`LoadOptions.resolveWhileParsing`: its trees never pile up), for a caller that reads no tree afterwards.
 */
function open(entries: readonly string[], options: OpenOptions, resolveWhileParsing: boolean): { workspace: Workspace; programs: CompiledProgram[]; entryErrors: EntryError[] } {
  const problem = settingsProblem(options.settings);
  if (problem !== undefined) throw new Error(problem);
  const host = options.host ?? createHost(options.cwd === undefined ? {} : { cwd: options.cwd });
  const loadOptions = host.loadOptions(options.stdin, { cache: !isOneShot(options) });
  const { workspace, entryErrors } = loadWorkspace(entries, resolveWhileParsing ? { ...loadOptions, resolveWhileParsing: {} } : loadOptions);
  return { workspace, programs: workspace.programs.map((program) => new CompiledProgram(program, options.settings, options.caches)), entryErrors };
}

/** What checking YAML/JSON/XML entries takes from src/interop/check. */
export interface InteropChecker {
  readonly checkInteropFiles: typeof checkInteropFiles;
  readonly readInteropEntries: typeof readInteropEntries;
}

/** Loads the entries and checks every program; `interop` is required when an entry is a YAML/JSON/XML file. */
export function checkEntriesWith(interopChecker: InteropChecker | undefined, entries: readonly string[], options: OpenOptions = {}): CheckResult & { entryErrors: EntryError[] } {
  // Operator YAML/JSON and libvirt XML are checked in place beside the .sriov programs (src/interop/check),
  // against their hardware; every diagnostic on them is located in the original file.
  const interopEntries = entries.filter(isInteropPath);
  // One `.sriov` entry of a one-shot run, and no cache of resolutions to fill: resolved while parsed.
  const streamed = isOneShot(options) && interopEntries.length === 0 && entries.length === 1 && options.caches?.resolutions === undefined;
  const { workspace, programs, entryErrors } = open(interopEntries.length === 0 ? entries : entries.filter((e) => !isInteropPath(e)), options, streamed);
  if (interopEntries.length > 0 && interopChecker === undefined) throw new Error(`checking ${interopEntries[0]} needs the interop checker (src/interop/check)`);
  const interop =
    interopChecker === undefined
      ? { files: [], entryErrors: [] }
      : interopChecker.readInteropEntries(interopEntries, options.host?.cwd ?? options.cwd ?? process.cwd(), options.host?.loadOptions().readOverride);
  const rules = options.settings?.rules;
  const interopDiagnostics =
    interopChecker === undefined || interop.files.length === 0
      ? []
      : interopChecker.checkInteropFiles({
          files: interop.files,
          models: programs.flatMap((p) => (p.model === undefined ? [] : [p.model])),
          programs: programs.flatMap((p) => (p.model === undefined ? [] : [{ program: p.program, model: p.model }])),
          checkProgram,
          ...(rules === undefined ? {} : { rules }),
        });
  if (isOneShot(options) && interopEntries.length === 0) {
    // Every program resolved first: a file imported by two programs is one tree.
    for (const program of programs) void program.model;
    releaseSyntaxTrees(workspace);
  }
  options.beforeRules?.(programs);
  const diagnostics = capDiagnosticsPerFile(sortDiagnostics(dedupe([...programs.flatMap((p) => p.diagnostics), ...interopDiagnostics])));
  const sources = new Map<string, string>();
  for (const file of workspace.files.values()) sources.set(file.path, file.text);
  for (const file of interop.files) sources.set(file.path, file.text);
  const withBom = new Set([...workspace.files.values()].filter((file) => file.bom).map((file) => file.path));
  return { workspace, programs, diagnostics, sources, withBom, fileCount: workspace.files.size + interop.files.length, entryErrors: [...entryErrors, ...interop.entryErrors] };
}

/** One loaded program, checked with these rule settings (its `model` and `diagnostics` are computed on demand). */
export function checkProgram(program: Program, rules: RuleSettings = {}): CompiledProgram {
  return new CompiledProgram(program, { rules });
}

/** Why an entry gave no program to compile: an operator or libvirt file (and the command that reads it), or nothing in it. */
export function noProgramMessage(file: string): string {
  return notCompiledMessage(file) ?? `'${file}': nothing to compile`;
}
