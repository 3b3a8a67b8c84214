import * as path from "node:path";
import type { Diagnostic, Fix } from "../../src/diagnostics/diagnostic.js";
import { applyEdits } from "../../src/diagnostics/fixes.js";
import { sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { checkProgram } from "../../src/driver/workspace.js";
import type { RuleSettings } from "../../src/rules/registry.js";
import { loadWorkspace } from "../../src/semantics/loader.js";
import { resolveProgram } from "../../src/semantics/resolve.js";
import { tempTree } from "./tmp.js";

/**
 * The whole check of one topology text, as `sriovc check` runs it: load (from a temporary `example.sriov`,
 * beside any extra `files`), resolve, rules, suppressions. Returns every diagnostic in the stable order.
 */
export function checkSource(text: string, options: { settings?: RuleSettings; files?: Record<string, string> } = {}): Diagnostic[] {
  const root = tempTree({ ...options.files, "example.sriov": text });
  const { workspace } = loadWorkspace([path.join(root, "example.sriov")], { cwd: root });
  return sortDiagnostics(workspace.programs.flatMap((program) => checkProgram(program, options.settings).diagnostics));
}

/** The resolved model of one topology text (for tests whose expectation depends on catalogue figures). */
export function modelOf(text: string) {
  const root = tempTree({ "example.sriov": text });
  const { workspace } = loadWorkspace([path.join(root, "example.sriov")], { cwd: root });
  return resolveProgram(workspace.programs[0]!).model;
}

/** What a rule test asserts about a finding: where (start line/column), what, and the fix. */
export interface Finding {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly help?: string;
}

export function finding(d: Diagnostic): Finding {
  const base = { line: d.span.line, column: d.span.column, message: d.message };
  return d.help === undefined ? base : { ...base, help: d.help };
}

/** The findings of one rule in a topology text. */
export function findingsOf(rule: string, text: string, options: { settings?: RuleSettings; files?: Record<string, string> } = {}): Finding[] {
  return checkSource(text, options)
    .filter((d) => d.rule === rule)
    .map(finding);
}

/** Every diagnostic as `line:col rule`, for asserting that a topology is otherwise clean. */
export function ruleLines(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}`);
}

/** Line and column (1-based) of the `occurrence`-th appearance of `needle` in `text`: where a finding is expected. */
export function at(text: string, needle: string, occurrence = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`'${needle}' (occurrence ${occurrence}) is not in the text`);
  }
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  return { line, column: index - before.lastIndexOf("\n") };
}

/** The text after applying one fix (its edits are in `example.sriov`, the file checkSource writes). */
export function withFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

/** Every fix the diagnostics of `rule` offer for a topology text. */
export function fixesOf(rule: string, text: string): Fix[] {
  return checkSource(text)
    .filter((d) => d.rule === rule)
    .flatMap((d) => d.fixes ?? []);
}
