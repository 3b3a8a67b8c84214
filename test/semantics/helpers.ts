/** Shared helpers for the semantics tests: resolve inline sources and print diagnostics briefly. */
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { loadWorkspace } from "../../src/semantics/loader.js";
import type { Resolved } from "../../src/semantics/model.js";
import { resolveProgram } from "../../src/semantics/resolve.js";
import { parseSource } from "../../src/syntax/parse.js";

/** Parses one source text (as `test.sriov`) and resolves it; fails the test on syntax errors. */
export function resolveText(text: string, file = "test.sriov"): Resolved {
  const parsed = parseSource(text, file);
  if (parsed.diagnostics.length > 0) throw new Error(`fixture does not parse: ${parsed.diagnostics.map((d) => d.message).join("; ")}`);
  return resolveProgram({ files: [parsed.ast], sources: new Map([[file, text]]) });
}

/** Loads a fixture under test/fixtures/semantics (with its imports) and resolves it. */
export function resolveFixture(name: string): Resolved & { loadDiagnostics: Diagnostic[] } {
  const root = fileURLToPath(new URL("../fixtures/semantics/", import.meta.url));
  const { workspace } = loadWorkspace([path.join(root, name)], { cwd: root });
  const program = workspace.programs[0]!;
  return { ...resolveProgram(program), loadDiagnostics: program.diagnostics };
}

/** `line:col rule: message` plus ` (help: …)`: exact, compact expectations. */
export function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}: ${d.message}${d.help === undefined ? "" : ` | help: ${d.help}`}`);
}
