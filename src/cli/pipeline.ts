/**
 * The check pipeline shared by `check`, `compile` and `simulate`: load → (per program) resolve → rules, with
 * the simulator's analytic model wired in for the analysis-driven rules.
 * Later stages only run on programs without syntax errors, whose AST is complete.
 */
import { diagnostic, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { checkInteropFiles, isInteropPath, readInteropEntries } from "../interop/check/index.js";
import { lintProgram } from "../rules/lint.js";
import type { RuleSettings } from "../rules/registry.js";
import { loadWorkspace, type LoadOptions, type Program, type Workspace } from "../semantics/loader.js";
import type { Topology } from "../semantics/model.js";
import { resolveProgram } from "../semantics/resolve.js";
import { analyzeModel } from "../sim/model-analysis.js";
import { MAX_DIAGNOSTICS_PER_FILE } from "../syntax/limits.js";

export interface CheckedProgram {
  readonly program: Program;
  /** The resolved model; undefined when the program has syntax errors. */
  readonly model: Topology | undefined;
  readonly diagnostics: Diagnostic[];
}

export interface CheckResult {
  readonly workspace: Workspace;
  readonly programs: CheckedProgram[];
  /** Every diagnostic, deduplicated (a file shared by two programs is reported once) and in stable order. */
  readonly diagnostics: Diagnostic[];
  /** Texts by display path, for code frames. */
  readonly sources: Map<string, string>;
  readonly fileCount: number;
}

function dedupe(list: readonly Diagnostic[]): Diagnostic[] {
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
      diagnostic(first.rule, severity, first.span, `…and ${n} more diagnostic${n === 1 ? "" : "s"} in this file (at most ${MAX_DIAGNOSTICS_PER_FILE} are listed)`, {
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

/** Resolve, then the rules with the configured severities and the files' suppression comments. */
export function checkProgram(program: Program, rules: RuleSettings = {}): CheckedProgram {
  if (program.hasSyntaxErrors) return { program, model: undefined, diagnostics: [...program.diagnostics] };
  const resolved = resolveProgram(program);
  const earlier = [...program.diagnostics, ...resolved.diagnostics];
  return { program, model: resolved.model, diagnostics: lintProgram({ model: resolved.model, files: program.files, earlier, analyze: analyzeModel }, rules) };
}

export function checkEntries(
  entries: readonly string[],
  options: LoadOptions & { readonly rules?: RuleSettings } = {},
): CheckResult & { entryErrors: { path: string; reason: string }[] } {
  // Operator YAML/JSON and libvirt XML are checked in place beside the .sriov programs (src/interop/check).
  const interopEntries = entries.filter(isInteropPath);
  const { workspace, entryErrors } = loadWorkspace(interopEntries.length === 0 ? entries : entries.filter((e) => !isInteropPath(e)), options);
  const programs = workspace.programs.map((program) => checkProgram(program, options.rules));
  const interop = readInteropEntries(interopEntries, options.cwd ?? process.cwd());
  const interopDiagnostics =
    interop.files.length === 0
      ? []
      : checkInteropFiles({ files: interop.files, models: programs.flatMap((p) => (p.model === undefined ? [] : [p.model])), checkProgram, ...(options.rules === undefined ? {} : { rules: options.rules }) });
  const diagnostics = capDiagnosticsPerFile(sortDiagnostics(dedupe([...programs.flatMap((p) => p.diagnostics), ...interopDiagnostics])));
  const sources = new Map<string, string>();
  for (const file of workspace.files.values()) sources.set(file.path, file.text);
  for (const file of interop.files) sources.set(file.path, file.text);
  return { workspace, programs, diagnostics, sources, fileCount: workspace.files.size + interop.files.length, entryErrors: [...entryErrors, ...interop.entryErrors] };
}
