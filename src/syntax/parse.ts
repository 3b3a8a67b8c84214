/** Text → AST for one file: lexing, a nesting guard, token repair, parsing (with recovery) straight to the AST. */
import type { IRecognitionException, IToken } from "chevrotain";
import { diagnostic, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Comment, SourceFile } from "./ast.js";
import { lex } from "./lexer.js";
import { MAX_NESTING, MAX_PARSE_ERRORS_BEFORE_STOPPING, MAX_SYNTAX_ERRORS_PER_FILE } from "./limits.js";
import { repairTokens } from "./mistakes.js";
import { parseTokens } from "./parser.js";
import { explainParseError } from "./syntax-help.js";
import { LineIndex, type Span } from "./span.js";
import { LBracket, LCurly, LParen, RBracket, RCurly, RParen } from "./tokens.js";

export interface ParseResult {
  readonly ast: SourceFile;
  readonly diagnostics: Diagnostic[];
  readonly lines: LineIndex;
}

/** Editors write a byte-order mark at the start of some UTF-8 files; it is not part of the program. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function nestingError(tokens: IToken[], lines: LineIndex): Diagnostic | undefined {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const type = token.tokenType;
    if (type === LCurly || type === LBracket || type === LParen) {
      depth++;
      if (depth > MAX_NESTING) {
        return diagnostic(
          "syntax",
          "error",
          lines.span(token.startOffset, token.startOffset + 1),
          `blocks and lists are nested more than ${MAX_NESTING} levels deep`,
          { help: "a topology nests a few levels (host › nic › pf); check for unclosed '{', '[' or '('" },
        );
      }
    } else if (type === RCurly || type === RBracket || type === RParen) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

function errorSpan(error: IRecognitionException, lines: LineIndex): Span {
  const { token } = error;
  if (Number.isFinite(token.startOffset) && !token.isInsertedInRecovery) {
    return lines.span(token.startOffset, token.startOffset + Math.max(1, token.image.length));
  }
  // At the end of the file (or an inserted token): point just after the last real token.
  const previous = (error as { previousToken?: IToken }).previousToken;
  if (previous && Number.isFinite(previous.startOffset)) {
    const end = previous.startOffset + previous.image.length;
    return lines.span(end, end);
  }
  return lines.span(lines.text.length, lines.text.length);
}

/** Keeps the first errors and sums up the rest; `stopped` means parsing ended early, so the count is a floor. */
function capSyntaxErrors(list: Diagnostic[], stopped = false): Diagnostic[] {
  const sorted = sortDiagnostics(list);
  if (sorted.length <= MAX_SYNTAX_ERRORS_PER_FILE) return sorted;
  const kept = sorted.slice(0, MAX_SYNTAX_ERRORS_PER_FILE);
  const rest = sorted.length - MAX_SYNTAX_ERRORS_PER_FILE;
  const message = stopped
    ? `…and at least ${rest} more syntax errors in this file (parsing stopped after ${MAX_PARSE_ERRORS_BEFORE_STOPPING})`
    : `…and ${rest} more syntax error${rest === 1 ? "" : "s"} in this file`;
  kept.push(
    diagnostic("syntax", "error", sorted[MAX_SYNTAX_ERRORS_PER_FILE]!.span, message, {
      help: "fix the first errors; later ones are often caused by them",
    }),
  );
  return kept;
}

function commentNodes(comments: IToken[], lines: LineIndex): Comment[] {
  return comments.map(
    (token): Comment => ({
      kind: "Comment",
      style: token.image.startsWith("//") ? "line" : "block",
      text: token.image,
      span: lines.span(token.startOffset, token.startOffset + token.image.length),
    }),
  );
}

/** Parses one file's text (without a byte-order mark). Never throws for any input. */
export function parseSource(text: string, file: string): ParseResult {
  const lines = new LineIndex(file, text);
  const lexed = lex(text, lines);
  const emptyFile: SourceFile = { kind: "File", file, items: [], comments: [], span: lines.span(0, text.length) };
  const tooDeep = nestingError(lexed.tokens, lines);
  if (tooDeep) return { ast: emptyFile, diagnostics: capSyntaxErrors([...lexed.diagnostics, tooDeep]), lines };

  const repaired = repairTokens(lexed.tokens, lines, MAX_PARSE_ERRORS_BEFORE_STOPPING);
  if (repaired.stop) return { ast: emptyFile, diagnostics: capSyntaxErrors([...lexed.diagnostics, ...repaired.diagnostics], repaired.truncated === true), lines };
  const tokens = repaired.tokens;
  const outcome = parseTokens(tokens, lines, MAX_PARSE_ERRORS_BEFORE_STOPPING);
  const { errors } = outcome;
  // Recovery can report one mistake twice at the same token (the enclosing rule's mismatch, then the
  // inner rule's "no viable alternative"); the latter names what was expected more precisely.
  const byOffset = new Map<number, { diagnostic: Diagnostic; precise: boolean }>();
  const explained = (error: IRecognitionException, span: Span): Diagnostic => {
    const explanation = explainParseError(error, span, tokens, lines);
    return diagnostic("syntax", "error", explanation.span ?? span, explanation.message, { help: explanation.help, related: explanation.related });
  };
  for (const error of errors) {
    const span = errorSpan(error, lines);
    const precise = error.name !== "MismatchedTokenException";
    const existing = byOffset.get(span.start);
    if (existing && (existing.precise || !precise)) continue;
    // (Repaired mistakes already have their error there; the parser's would repeat it.)
    byOffset.set(span.start, { diagnostic: explained(error, span), precise });
  }
  const repairedAt = new Set(repaired.diagnostics.map((d) => d.span.start));
  const diagnostics = [
    ...lexed.diagnostics,
    ...repaired.diagnostics,
    ...[...byOffset.values()].map((entry) => entry.diagnostic).filter((d) => !repairedAt.has(d.span.start)),
  ];
  if (outcome.items === undefined) return { ast: emptyFile, diagnostics: capSyntaxErrors(diagnostics, true), lines };
  const ast: SourceFile = { kind: "File", file, items: outcome.items, comments: commentNodes(lexed.comments, lines), span: lines.span(0, text.length) };
  // A loop, not push(...list): a list of millions would overflow the call stack as arguments.
  for (const d of outcome.diagnostics) diagnostics.push(d);
  return { ast, diagnostics: capSyntaxErrors(diagnostics), lines };
}
