/**
 * Quick fixes for the diagnostics in the request: the diagnostic's own fixes when it has some (as
 * `check --fix`, JSON and SARIF carry them); else the mechanical ones their help lines name (a
 * did-you-mean reference, attribute name, unit or rule id; a unit to add; `vfs` lowered to the PF's limit
 * or raised to what the interfaces ask), and "suppress this rule on this line" for every rule that
 * suppression comments may silence.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic, type TextEdit } from "vscode-languageserver/node";
import { chooseFixes } from "../diagnostics/fixes.js";
import { isStructureRule } from "../rules/registry.js";
import { UNUSED_SUPPRESSION } from "../diagnostics/suppressions.js";
import type { FileContext } from "./context.js";
import type { DiagnosticData } from "./diagnostics.js";

function fix(title: string, diagnostic: LspDiagnostic, uri: string, edits: TextEdit[], preferred = false): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [uri]: edits } } };
}

/** The names in "did you mean `a`, `b` or `c`?". */
export function suggestedNames(help: string): string[] {
  const match = /did you mean ((?:`[^`]+`(?:, | or )?)+)\?/.exec(help);
  return match === null ? [] : [...match[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

/** The kind of the "fix all" action (`editor.codeActionsOnSave: { "source.fixAll.sriov": "explicit" }` in VS Code). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.sriov`;

/** Whether the client asked for actions of `kind` (no `only`: the quick fixes of the light bulb, no source actions). */
function asked(params: CodeActionParams, kind: string): boolean {
  return (params.context.only ?? [CodeActionKind.QuickFix]).some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

export function codeActions(context: FileContext, params: CodeActionParams): CodeAction[] {
  const out: CodeAction[] = [];
  if (asked(params, FIX_ALL_KIND)) {
    const all = fixAll(context, params.textDocument.uri);
    if (all !== undefined) out.push(all);
  }
  return asked(params, CodeActionKind.QuickFix) ? [...out, ...quickFixes(context, params)] : out;
}

/**
 * Every safe fix of the file's findings at once, chosen as `sriovc check --fix` chooses them (the first safe
 * fix of each finding, none overlapping another), in one pass: a fix that a later pass of `--fix` would
 * find only once these are applied waits for the next save.
 */
function fixAll(context: FileContext, uri: string): CodeAction | undefined {
  const own = context.analysis.diagnostics.filter((d) => d.span.file === context.displayPath);
  const edits = chooseFixes(own)
    .filter((fix) => fix.edits.every((edit) => edit.range.file === context.displayPath))
    .flatMap((fix) => fix.edits.map((edit) => ({ range: context.range(edit.range), newText: edit.text })));
  if (edits.length === 0) return undefined;
  return { title: "Apply every safe fix (as sriovc check --fix)", kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } };
}

function quickFixes(context: FileContext, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const out: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== "sriovc") continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    const rule = data?.rule ?? String(diagnostic.code ?? "");
    const help = data?.help ?? "";
    const suppressible = rule !== "" && !isStructureRule(rule) && rule !== UNUSED_SUPPRESSION && data?.suppressible !== false;
    // The rule's own fixes first (the same ones `check --fix` and the JSON and SARIF output carry).
    for (const own of data?.fixes ?? []) out.push(fix(own.title, diagnostic, uri, [...own.edits], own.preferred));
    if ((data?.fixes ?? []).length > 0) {
      if (suppressible) out.push(suppress(context, diagnostic, rule, uri));
      continue;
    }
    const names = suggestedNames(help);
    names.forEach((name, i) => out.push(fix(`Change to \`${name}\``, diagnostic, uri, [{ range: diagnostic.range, newText: name }], i === 0 && names.length === 1)));
    const written = /^(?:add a unit|write it as a percentage): `([^`]+)`$/.exec(help);
    if (written !== null) out.push(fix(`Change to \`${written[1]}\``, diagnostic, uri, [{ range: diagnostic.range, newText: written[1]! }], true));
    const lower = /^lower `vfs` on .* to (\d+) or less$/.exec(help);
    if (lower !== null && rule === "vf-count-exceeds-max") out.push(fix(`Set \`vfs = ${lower[1]}\``, diagnostic, uri, [{ range: diagnostic.range, newText: lower[1]! }], true));
    const raise = /^raise `vfs` on .* to (\d+)$/.exec(help);
    const vfsAt = data?.relatedInFile.find((r) => /enables \d+ here$/.test(r.message));
    if (raise !== null && vfsAt !== undefined) out.push(fix(`Set \`vfs = ${raise[1]}\``, diagnostic, uri, [{ range: vfsAt.range, newText: raise[1]! }], true));
    if (suppressible) out.push(suppress(context, diagnostic, rule, uri));
  }
  return mergeSame(out);
}

/**
 * One action for equal ones (same title, same edits), listing every diagnostic it resolves: findings of one
 * rule on one line (the replicas of `web[1..3]` overlapping on their shared `pin`) would each offer the same
 * suppression, and the light bulb would list it once per finding.
 */
function mergeSame(actions: CodeAction[]): CodeAction[] {
  const byKey = new Map<string, CodeAction>();
  for (const action of actions) {
    const key = JSON.stringify([action.title, action.edit]);
    const seen = byKey.get(key);
    if (seen === undefined) byKey.set(key, action);
    else seen.diagnostics = [...(seen.diagnostics ?? []), ...(action.diagnostics ?? [])];
  }
  return [...byKey.values()];
}

const DIRECTIVE = /^(\s*)\/\/\s*sriovc-disable-next-line\s+(.*)$/;

/** `// sriovc-disable-next-line RULE` above the line (joined to a directive already there). */
function suppress(context: FileContext, diagnostic: LspDiagnostic, rule: string, uri: string): CodeAction {
  const line = diagnostic.range.start.line;
  // The parse's lines, as the editor counts them (a lone CR, classic Mac, breaks one too), of the text
  // without its byte-order mark: on the first line of a file with one, the editor's characters are one on.
  const index = context.lines;
  const lineText = (at: number): string | undefined => (at >= 0 && at < index.lineCount ? index.lineText(at + 1) : undefined);
  const shift = (at: number): number => (at === 0 && context.frame.bom ? 1 : 0);
  const current = lineText(line) ?? "";
  // Inserted after the mark, then: the file must still start with it (a mark anywhere else is a syntax error).
  const at = shift(line);
  const indent = /^[ \t]*/.exec(current)![0];
  const previous = line > 0 ? DIRECTIVE.exec(lineText(line - 1) ?? "") : null;
  const title = `Suppress \`${rule}\` on this line`;
  if (previous !== null) {
    const text = lineText(line - 1)!;
    const reason = text.indexOf(" --");
    const at = (reason === -1 ? text.length : reason) + shift(line - 1);
    return fix(title, diagnostic, uri, [{ range: { start: { line: line - 1, character: at }, end: { line: line - 1, character: at } }, newText: `, ${rule}` }]);
  }
  // The file's own line break: the one before this line, or after it on the first line ("\n" in a file of one line).
  const eol = index.lineBreak(line > 0 ? line : 1) || "\n";
  return fix(title, diagnostic, uri, [{ range: { start: { line, character: at }, end: { line, character: at } }, newText: `${indent}// sriovc-disable-next-line ${rule}${eol}` }]);
}
