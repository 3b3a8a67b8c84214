/** Text → AST for one file: lexing, a nesting guard, token repair, parsing (with recovery) straight to the AST. */
import type { IRecognitionException, IToken } from "chevrotain";
import { diagnostic, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Comment, SourceFile, TopLevel } from "./ast.js";
import { lex } from "./lexer.js";
import { MAX_NESTING, MAX_PARSE_ERRORS_BEFORE_STOPPING, MAX_SYNTAX_ERRORS_PER_FILE } from "./limits.js";
import { repairTokens } from "./mistakes.js";
import { parseTokens } from "./parser.js";
import { scanner } from "./scanner.js";
import { explainParseError } from "./syntax-help.js";
import { LineIndex, type Span } from "./span.js";
import { LBracket, LCurly, LParen, RBracket, RCurly, RParen } from "./tokens.js";
import { plural } from "../domain/plural.js";

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
    : `…and ${plural(rest, "more syntax error")} in this file`;
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

/**
 * A file of at least this many characters is parsed in parts of about this size (see `parseInParts`).
 * 64 Ki characters are ~4,500 lines of a generated topology: their tokens (~1 MB) die young.
 */
export const PART_CHARS = 1 << 16;

/**
 * Parses one file's text (without a byte-order mark). Never throws for any input. A file of at least
 * twice `partChars` characters is parsed in parts when it can be (`parseInParts`): the same result.
 */
export function parseSource(text: string, file: string, partChars: number = PART_CHARS): ParseResult {
  const lines = new LineIndex(file, text);
  return (text.length >= 2 * partChars ? parseInParts(text, file, lines, partChars) : undefined) ?? parseWhole(text, file, lines);
}

/**
 * A large file parsed part by part, so that its tokens are never all held at once (for a million lines,
 * ~200 bytes of tokens per line, which the garbage collector would copy and keep): the text is cut at
 * line starts where a top-level declaration seems to begin (the scanner stops there: src/syntax/scanner.ts
 * `scanner`), and each part is lexed, repaired and parsed alone, its tokens dropped before the next.
 * Only for a file without a single mistake: as soon as a part has a diagnostic, or repair changes a token,
 * undefined (the caller parses the whole file). Then the parts' tokens, one after another, are the whole
 * file's (each scan stops between two tokens, and the next goes on from there), and each part parsed to
 * complete declarations
 * without an error, so the whole file's parse reads the same declarations one after another: the same
 * AST, and no diagnostic (test/syntax/parse-parts.property.test.ts compares the two on random and
 * mutated inputs, mistakes at the cuts included).
 */
export function parseInParts(text: string, file: string, lines: LineIndex, partChars: number = PART_CHARS): ParseResult | undefined {
  const items: TopLevel[] = [];
  const comments: Comment[] = [];
  const parsed = forEachPart(text, lines, partChars, (partItems, partComments) => {
    // Loops, not push(...list): a list of thousands would be as many arguments.
    for (const item of partItems) items.push(item);
    for (const comment of partComments) comments.push(comment);
    return true;
  });
  return parsed ? { ast: { kind: "File", file, items, comments, span: lines.span(0, text.length) }, diagnostics: [], lines } : undefined;
}

/**
 * The parts of `parseInParts`, each handed to `take` as soon as it is parsed (a one-shot check resolves
 * them then, src/semantics/loader.ts): true when every part parsed without a mistake and `take` took each;
 * false as soon as one did not (what `take` was given then is not the file's whole parse: parse it again
 * with `parseSource`).
 */
export function forEachPart(text: string, lines: LineIndex, partChars: number, take: (items: readonly TopLevel[], comments: readonly Comment[]) => boolean): boolean {
  const scanPart = scanner(text);
  for (let from = 0; from < text.length; ) {
    const part = parsePart(text, lines, scanPart, from, partChars);
    if (part === undefined || !take(part.items, part.comments)) return false;
    from = part.end;
  }
  return true;
}

/**
 * The declarations and comments of the part from `from` (its scan stops at a top-level start past
 * `from + partChars`, or at the end of the text) and where it ends, or undefined at its first mistake. A
 * function of its own so that nothing holds the part's tokens once it returns (a local of the loop would,
 * while `take` resolves the part).
 */
function parsePart(text: string, lines: LineIndex, scanPart: ReturnType<typeof scanner>, from: number, partChars: number): { items: TopLevel[]; comments: Comment[]; end: number } | undefined {
  const scanned = scanPart(from, from + partChars);
  // (Nesting too deep: `nestingError`'s count, kept by the scanner.)
  if (scanned.deepest > MAX_NESTING) return undefined;
  const lexed = lex(text, lines, scanned);
  if (lexed.diagnostics.length > 0) return undefined;
  const repaired = repairTokens(lexed.tokens, lines, MAX_PARSE_ERRORS_BEFORE_STOPPING);
  if (repaired.stop || repaired.diagnostics.length > 0 || repaired.tokens !== lexed.tokens) return undefined;
  const outcome = parseTokens(lexed.tokens, lines, MAX_PARSE_ERRORS_BEFORE_STOPPING);
  if (outcome.items === undefined || outcome.errors.length > 0 || outcome.diagnostics.length > 0) return undefined;
  return { items: outcome.items, comments: commentNodes(lexed.comments, lines), end: scanned.end };
}

/** The whole file's tokens parsed at once, with error recovery: any input. */
function parseWhole(text: string, file: string, lines: LineIndex): ParseResult {
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
