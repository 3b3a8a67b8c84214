/**
 * The check pipeline shared by `check`, `compile` and `simulate`: load → (per program) resolve → rules.
 * Later stages only run on programs without syntax errors, whose AST is complete.
 */
import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { lintProgram } from "../rules/lint.js";
import type { RuleSettings } from "../rules/registry.js";
import { loadWorkspace, type LoadOptions, type Program, type Workspace } from "../semantics/loader.js";
import type { Topology } from "../semantics/model.js";
import { resolveProgram } from "../semantics/resolve.js";

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

/** Resolve, then the rules with the configured severities and the files' suppression comments. */
export function checkProgram(program: Program, rules: RuleSettings = {}): CheckedProgram {
  if (program.hasSyntaxErrors) return { program, model: undefined, diagnostics: [...program.diagnostics] };
  const resolved = resolveProgram(program);
  const earlier = [...program.diagnostics, ...resolved.diagnostics];
  return { program, model: resolved.model, diagnostics: lintProgram({ model: resolved.model, files: program.files, earlier }, rules) };
}

export function checkEntries(
  entries: readonly string[],
  options: LoadOptions & { readonly rules?: RuleSettings } = {},
): CheckResult & { entryErrors: { path: string; reason: string }[] } {
  const { workspace, entryErrors } = loadWorkspace(entries, options);
  const programs = workspace.programs.map((program) => checkProgram(program, options.rules));
  const diagnostics = sortDiagnostics(dedupe(programs.flatMap((p) => p.diagnostics)));
  const sources = new Map<string, string>();
  for (const file of workspace.files.values()) sources.set(file.path, file.text);
  return { workspace, programs, diagnostics, sources, fileCount: workspace.files.size, entryErrors };
}
