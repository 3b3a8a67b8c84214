/**
 * Suppression comments (docs/LANGUAGE.md "Suppressions"):
 *   `// sriovc-disable-next-line rule-id[, rule-id]` silences those rules on the next line;
 *   `// sriovc-disable rule-id[, rule-id]` before any import or declaration silences them in the whole file.
 * An optional ` -- reason` may follow the ids. A directive that silences nothing is reported as
 * `unused-suppression` (info) so stale ones get cleaned up; structure errors are never silenced.
 *
 * Pure: takes the diagnostics and the parsed files, returns what remains plus the unused-suppression
 * diagnostics. The rule catalogue comes in as a policy, so this module does not depend on the rules stage.
 */
import type { Comment, SourceFile } from "../syntax/ast.js";
import type { LineIndex, Span } from "../syntax/span.js";
import { diagnostic, type Diagnostic, type Fix, type Severity } from "./diagnostic.js";

export const UNUSED_SUPPRESSION = "unused-suppression";

export interface SuppressionPolicy {
  /** `structure` rules cannot be silenced; `undefined` means no rule has this id. */
  ruleKind(id: string): "structure" | "rule" | undefined;
  /** Closest existing ids for a misspelt one. */
  closestIds(id: string): readonly string[];
  /** False for rules the configuration turned off: a directive for them is not reported as unused. */
  isEnabled(id: string): boolean;
  /** Severity of `unused-suppression` itself (`off` reports none). */
  readonly unusedSeverity: Severity | "off";
}

type DirectiveKind = "disable-next-line" | "disable";

/**
 * What suppressions read of a parsed file: a `SourceFile`, or what a one-shot check keeps of one once its
 * program is resolved (src/semantics/loader.ts `commentedFile`): its path, its comments, and its first
 * declaration or import (a `sriovc-disable` must come before it), if it has one.
 */
export interface CommentedFile {
  readonly file: string;
  readonly comments: readonly Comment[];
  /** The file's top-level items; only the first one's span is read. */
  readonly items: readonly { readonly span: Span }[];
  /** The file's text and lines, when known: a stale directive then gets a fix that removes it. */
  readonly lines?: LineIndex;
}

interface NamedRule {
  readonly id: string;
  readonly span: Span;
  used: boolean;
}

export interface Directive {
  readonly kind: DirectiveKind;
  readonly comment: Comment;
  readonly rules: NamedRule[];
}

const DIRECTIVE = /^\/\/\s*sriovc-(disable-next-line|disable)(?=\s|$)/;
/** Anything that looks like a directive (`sriovc-` and a word), to report the ones that are not one. */
const DIRECTIVE_LIKE = /^(?:\/\/|\/\*)[ \t]*(sriovc-[A-Za-z-]*)/;
const KNOWN_DIRECTIVES = ["sriovc-disable-next-line", "sriovc-disable"];

/** What a directive-like word that is not one was probably meant to be, and the help to say so. */
function unknownDirectiveHelp(word: string): string {
  const lower = word.toLowerCase();
  if (lower === "sriovc-disable-line" || lower === "sriovc-disable-this-line" || lower === "sriovc-ignore-line") {
    return "there is no same-line form: put `// sriovc-disable-next-line RULE` on the line above the finding";
  }
  if (lower.startsWith("sriovc-enable")) return "there is no `sriovc-enable`: `// sriovc-disable RULE` at the top of a file silences RULE in the whole file";
  if (lower.includes("next")) return "write `// sriovc-disable-next-line RULE` on the line above the finding";
  return "the directives are `// sriovc-disable-next-line RULE` (above a line) and `// sriovc-disable RULE` (at the top of a file)";
}

/** A span inside a one-line comment, `from`..`to` being offsets into the comment's text. */
function innerSpan(comment: Comment, from: number, to: number): Span {
  const span = comment.span;
  return {
    file: span.file,
    start: span.start + from,
    end: span.start + to,
    line: span.line,
    column: span.column + from,
    endLine: span.line,
    endColumn: span.column + to,
  };
}

/** What suppressions need of a parsed file, without its declarations (they can then be let go). */
export function commentedFile(ast: SourceFile, lines?: LineIndex): CommentedFile {
  const first = ast.items[0];
  const items = first === undefined ? [] : [{ span: first.span }];
  return lines === undefined ? { file: ast.file, comments: ast.comments, items } : { file: ast.file, comments: ast.comments, items, lines };
}

/** The directives of one file, in source order. Block comments are not directives (the syntax is `//`). */
export function parseDirectives(file: Pick<CommentedFile, "comments">): Directive[] {
  const out: Directive[] = [];
  for (const comment of file.comments) {
    if (comment.style !== "line") continue;
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const kind = match[1] as DirectiveKind;
    const listStart = match[0].length;
    const reason = comment.text.indexOf(" --", listStart);
    const listEnd = reason === -1 ? comment.text.length : reason;
    const rules: NamedRule[] = [];
    let at = listStart;
    for (const part of comment.text.slice(listStart, listEnd).split(",")) {
      const lead = part.length - part.trimStart().length;
      const id = part.trim();
      if (id !== "") rules.push({ id, span: innerSpan(comment, at + lead, at + lead + id.length), used: false });
      at += part.length + 1;
    }
    out.push({ kind, comment, rules });
  }
  return out;
}

function directiveText(directive: Directive): string {
  return `sriovc-${directive.kind}`;
}

/** True when the comment stands before every declaration and import of the file. */
function atTopOfFile(comment: Comment, file: CommentedFile): boolean {
  const first = file.items[0];
  return first === undefined || comment.span.start < first.span.start;
}

/**
 * Drops the diagnostics that a directive silences and appends an `unused-suppression` diagnostic for
 * every named rule that silenced nothing, is unknown, cannot be silenced, or sits in a misplaced directive.
 * Linear: diagnostics are looked up by (file, line) and by file.
 */
export function applySuppressions(diagnostics: readonly Diagnostic[], files: readonly CommentedFile[], policy: SuppressionPolicy): Diagnostic[] {
  const nextLine = new Map<string, NamedRule[]>();
  const wholeFile = new Map<string, NamedRule[]>();
  const problems: Diagnostic[] = [];
  const report = (span: Span, message: string, help: string | undefined, fix?: Fix): void => {
    if (policy.unusedSeverity !== "off") problems.push(diagnostic(UNUSED_SUPPRESSION, policy.unusedSeverity, span, message, { help, fixes: fix === undefined ? undefined : [fix] }));
  };
  const all: { directive: Directive; rule: NamedRule; lines: LineIndex | undefined }[] = [];

  for (const file of files) {
    for (const comment of file.comments) {
      const like = DIRECTIVE_LIKE.exec(comment.text);
      if (like === null) continue;
      const word = like[1]!;
      const from = comment.text.indexOf(word);
      const wordSpan = innerSpan(comment, from, from + word.length);
      if (comment.style !== "line" && KNOWN_DIRECTIVES.includes(word)) {
        report(wordSpan, `\`${word}\` in a block comment is not a directive, so it silences nothing`, `write it as a line comment: \`// ${comment.text.slice(2, -2).trim()}\``);
      } else if (!KNOWN_DIRECTIVES.includes(word)) {
        report(wordSpan, `\`${word}\` is not a sriovc directive, so it silences nothing`, unknownDirectiveHelp(word));
      }
    }
    for (const directive of parseDirectives(file)) {
      const name = directiveText(directive);
      if (directive.rules.length === 0) {
        report(directive.comment.span, `\`${name}\` names no rule to silence`, `list the rule ids after it, e.g. \`// ${name} unused-vf\``);
        continue;
      }
      const misplaced = directive.kind === "disable" && !atTopOfFile(directive.comment, file);
      for (const rule of directive.rules) {
        const kind = policy.ruleKind(rule.id);
        if (kind === undefined) {
          const closest = policy.closestIds(rule.id);
          report(
            rule.span,
            `\`${rule.id}\` is not a rule id, so \`${name}\` silences nothing`,
            closest.length > 0 ? `did you mean ${closest.map((c) => `\`${c}\``).join(", ")}?` : "`sriovc explain RULE` documents each rule",
          );
        } else if (rule.id === UNUSED_SUPPRESSION) {
          report(
            rule.span,
            `\`${UNUSED_SUPPRESSION}\` cannot be silenced by a comment`,
            `remove the stale suppression, or set \`"${UNUSED_SUPPRESSION}": "off"\` in sriovc.json`,
          );
        } else if (kind === "structure") {
          report(rule.span, `\`${rule.id}\` errors cannot be silenced`, "structure errors are always reported: fix the error instead");
        } else if (misplaced) {
          report(
            rule.span,
            `\`${name} ${rule.id}\` has no effect here: it only works at the top of a file, before any import or declaration`,
            `move it to the top of the file, or use \`// sriovc-disable-next-line ${rule.id}\` above the line`,
          );
        } else {
          const key = directive.kind === "disable" ? file.file : `${file.file}\u0000${directive.comment.span.endLine + 1}`;
          const table = directive.kind === "disable" ? wholeFile : nextLine;
          const list = table.get(key);
          if (list === undefined) table.set(key, [rule]);
          else list.push(rule);
          all.push({ directive, rule, lines: file.lines });
        }
      }
    }
  }

  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (policy.ruleKind(d.rule) !== "rule") {
      kept.push(d);
      continue;
    }
    let silenced = false;
    for (const rule of nextLine.get(`${d.span.file}\u0000${d.span.line}`) ?? []) {
      if (rule.id === d.rule) rule.used = silenced = true;
    }
    for (const rule of wholeFile.get(d.span.file) ?? []) {
      if (rule.id === d.rule) rule.used = silenced = true;
    }
    if (!silenced) kept.push(d);
  }

  const stale = (rule: NamedRule): boolean => !rule.used && policy.isEnabled(rule.id);
  const counted = new Set(all.map(({ rule }) => rule));
  for (const { directive, rule, lines } of all) {
    if (!stale(rule)) continue;
    const where = directive.kind === "disable" ? "in this file" : `on line ${directive.comment.span.endLine + 1}`;
    // The whole comment goes when every rule it names is stale; else this rule's id leaves its list.
    const whole = directive.rules.every((other) => counted.has(other) && stale(other));
    report(
      rule.span,
      `\`${directiveText(directive)} ${rule.id}\` silences nothing: there is no ${rule.id} ${where}`,
      "remove it (or the rule id), so that it does not hide a future finding",
      lines === undefined ? undefined : staleRemoval(directive, rule, whole, lines),
    );
  }
  return [...kept, ...problems];
}

/**
 * The fix of a stale directive (safe: it silenced nothing, so no finding changes): the whole comment, with
 * its line when it stands alone on one, or the spaces before it when it follows code; or only the rule's
 * id and the comma beside it, when the directive names other rules too.
 */
function staleRemoval(directive: Directive, rule: NamedRule, whole: boolean, lines: LineIndex): Fix {
  const text = lines.text;
  const name = directiveText(directive);
  if (whole) {
    let { start, end } = directive.comment.span;
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    const before = text.slice(lineStart, start);
    if (before.trim() === "") {
      start = lineStart;
      end += text.startsWith("\r\n", end) ? 2 : text.startsWith("\n", end) ? 1 : 0;
    } else start = lineStart + before.trimEnd().length;
    return { description: `remove the stale \`${name}\` comment`, safe: true, edits: [{ range: lines.span(start, end), text: "" }] };
  }
  const at = directive.rules.indexOf(rule);
  const [start, end] = at > 0 ? [directive.rules[at - 1]!.span.end, rule.span.end] : [rule.span.start, directive.rules[1]!.span.start];
  return { description: `remove \`${rule.id}\` from the \`${name}\` comment`, safe: true, edits: [{ range: lines.span(start, end), text: "" }] };
}
