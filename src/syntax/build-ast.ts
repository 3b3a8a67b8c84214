/**
 * The AST's leaves, built from tokens as the parser (parser.ts, embedded actions) recognises them: spans,
 * identifiers, numbers, strings with their escapes, literals. No concrete syntax tree is built: the
 * parser calls these as it goes. So do the few composite nodes that both the rules and the reader of
 * simple members (simple-reader.ts) make: ranges, references, name patterns and blocks. Tokens that recovery inserted (NaN offsets) get a zero-width span at
 * the end of the last real token used so far (`cursor`); a node that is dropped after all (an item cut
 * short by an error) rolls the cursor and its diagnostics back (`mark`/`restore`), so the tree is the
 * one an AST built afterwards from the finished parse would be.
 */
import type { IToken } from "chevrotain";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type * as A from "./ast.js";
import {
  AutoNode,
  BooleanNode,
  IdentifierNode,
  NamedBlockNode,
  NameRangeNode,
  NumberNode,
  PlainNamePatternNode,
  QuantityNode,
  RangedNamePatternNode,
  RangeNode,
  RawNode,
  RefNode,
  StringNode,
  TemplatedBlockNode,
  UnnamedBlockNode,
} from "./nodes.js";
import { joinSpans, type LineIndex, type Span } from "./span.js";
import * as t from "./tokens.js";

const isDigitAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** Length of the number that starts a quantity token (`\d+(\.\d+)?`, as the lexer matched it). */
function numberPrefixLength(text: string): number {
  let i = 0;
  while (isDigitAt(text, i)) i++;
  if (text.charCodeAt(i) === 46 && isDigitAt(text, i + 1)) {
    i += 2;
    while (isDigitAt(text, i)) i++;
  }
  return i;
}

/**
 * A copy of a list built by `push`, with no spare room. The first push gives an array room for 17
 * elements, and most lists here hold one to three (a reference's segments, a call's arguments, a VM's
 * members): the spare room was an eighth of the AST's memory.
 */
export function exact<T>(list: T[]): T[] {
  return list.slice();
}

/** `{HEX}` after `\u`, matched in place (sticky) rather than on a copy of the rest of the string. */
const UNICODE_ESCAPE = /\{([0-9A-Fa-f]{1,6})\}/y;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", n: "\n", t: "\t" };

export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];
  /** End of the last real token used so far: where a recovery-inserted token is placed. */
  cursor = 0;
  /**
   * One string per distinct unit in the file. (Names, numbers and quantities need no such table: the
   * scanner already gives each distinct word one string.)
   */
  private readonly units = new Map<string, string>();

  constructor(readonly lines: LineIndex) {}

  /** The span of a token, and the token counts as used (see `cursor`). */
  tokenSpan(token: IToken): Span {
    const start = this.useToken(token);
    return this.lines.span(start, this.tokenEnd(token, start));
  }

  /** What `tokenSpan` does without making the span: the token counts as used; its start offset (the cursor for an inserted token). */
  useToken(token: IToken): number {
    if (!Number.isFinite(token.startOffset) || token.isInsertedInRecovery) return this.cursor;
    const end = token.startOffset + token.image.length;
    if (end > this.cursor) this.cursor = end;
    return token.startOffset;
  }

  /** The end offset of the span `tokenSpan` would give a token that `useToken` placed at `start`. */
  tokenEnd(token: IToken, start: number): number {
    return !Number.isFinite(token.startOffset) || token.isInsertedInRecovery ? start : start + token.image.length;
  }

  /** A zero-width span where the cursor is: for a missing `{`, `}`, `]` or `)`. */
  cursorSpan(): Span {
    return this.lines.span(this.cursor, this.cursor);
  }

  /** Where to roll back to if the node begun now is dropped: the cursor and the number of diagnostics. */
  markCursor(): number {
    return this.cursor;
  }

  markDiagnostics(): number {
    return this.diagnostics.length;
  }

  /** Forgets the tokens used and the diagnostics reported since the marks. */
  restore(cursor: number, diagnostics: number): void {
    this.cursor = cursor;
    this.diagnostics.length = diagnostics;
  }

  private unit(text: string): string {
    const known = this.units.get(text);
    if (known !== undefined) return known;
    this.units.set(text, text);
    return text;
  }

  identifier(token: IToken): A.Identifier {
    return new IdentifierNode(token.image, this.tokenSpan(token));
  }

  integer(token: IToken): A.NumberLiteral {
    const span = this.tokenSpan(token);
    if (token.isInsertedInRecovery) return new NumberNode(0, "0", span);
    if (!/^\d+$/.test(token.image)) {
      this.diagnostics.push(
        diagnostic("syntax", "error", span, `expected an integer but found '${token.image}'`, {
          help: "ranges and replicated names count in whole numbers, such as `web[1..4]` or `pin = 2..5`",
        }),
      );
    }
    return new NumberNode(Number(token.image), token.image, span);
  }

  string(token: IToken): A.StringLiteral {
    const span = this.tokenSpan(token);
    const raw = token.image;
    const closed = raw.length >= 2 && raw.endsWith('"') && token.tokenType === t.StringLiteral;
    const inner = raw.slice(1, closed ? -1 : undefined);
    return new StringNode(this.unescape(inner, token.startOffset + 1), raw, span);
  }

  /** The literal a value token stands for; none for a token that recovery inserted. */
  literal(token: IToken | undefined): A.Literal | undefined {
    if (token === undefined || token.isInsertedInRecovery) return undefined;
    const type = token.tokenType;
    const span = this.tokenSpan(token);
    switch (type) {
      case t.Quantity: {
        const raw = token.image;
        const digits = numberPrefixLength(raw);
        return new QuantityNode(Number(raw.slice(0, digits)), this.unit(raw.slice(digits)), raw, span);
      }
      case t.NumberLiteral:
        return new NumberNode(Number(token.image), token.image, span);
      case t.StringLiteral:
      case t.UnterminatedString:
        return this.string(token);
      case t.Mac:
        return new RawNode("Mac", token.image, span);
      case t.Pci:
        return new RawNode("Pci", token.image, span);
      case t.True:
        return new BooleanNode(true, span);
      case t.False:
        return new BooleanNode(false, span);
      case t.Auto:
        return new AutoNode(span);
      default:
        return undefined;
    }
  }

  over(first: Span, last: Span): Span {
    return joinSpans(first, last);
  }

  // The composite nodes below are made the same way by the rules (parser.ts, once a rule has read its
  // tokens) and by the reader of simple members (simple-reader.ts), which must build the same tree.

  /** `from..to`. */
  range(fromToken: IToken, toToken: IToken): A.RangeExpr {
    const from = this.integer(fromToken);
    const to = this.integer(toToken);
    return new RangeNode(from, to, this.over(from.span, to.span));
  }

  /** A reference of the first `count` name tokens of `tokens` (tokens recovery inserted left out); none if none is left. */
  reference(tokens: readonly IToken[], count: number): A.RefExpr | undefined {
    let segments: A.Identifier[];
    const first = tokens[0]!;
    if (count === 1 && !first.isInsertedInRecovery) {
      segments = Array.of(this.identifier(first));
    } else if (count === 2 && !first.isInsertedInRecovery && !tokens[1]!.isInsertedInRecovery) {
      // `e810.pf1`, most references with a dot: made at once, not a list grown by `push` and then copied
      // (`Array.of`, not a literal: nodes.ts).
      segments = Array.of(this.identifier(first), this.identifier(tokens[1]!));
    } else {
      const list: A.Identifier[] = [];
      for (let i = 0; i < count; i++) if (!tokens[i]!.isInsertedInRecovery) list.push(this.identifier(tokens[i]!));
      segments = exact(list);
    }
    const firstSegment = segments[0];
    const last = segments[segments.length - 1];
    if (!firstSegment || !last) return undefined;
    return new RefNode(segments, this.over(firstSegment.span, last.span));
  }

  /** `name`, or `name[from..to]` when all four tokens of the range are given. */
  namePattern(nameToken: IToken, open?: IToken, fromToken?: IToken, toToken?: IToken, close?: IToken): A.NamePattern {
    const base = this.identifier(nameToken);
    if (!open || !fromToken || !toToken || !close) return new PlainNamePatternNode(base, base.span);
    const from = this.integer(fromToken);
    const to = this.integer(toToken);
    const closeSpan = this.tokenSpan(close);
    const rangeSpan = this.over(this.tokenSpan(open), closeSpan);
    return new RangedNamePatternNode(base, new NameRangeNode(from, to, rangeSpan), this.over(base.span, closeSpan));
  }

  /** A block: unnamed (`simulation`, `cost`) without a name pattern, else named, with its template if any. */
  block(kind: IToken, kindSpan: Span, pattern: A.NamePattern | undefined, template: A.Identifier | undefined, members: readonly A.Member[], span: Span): A.Block {
    const blockKind = kind.image as A.BlockKind;
    if (pattern === undefined) return new UnnamedBlockNode(blockKind, kindSpan, members, span);
    if (template !== undefined) return new TemplatedBlockNode(blockKind, kindSpan, pattern, members, span, template);
    return new NamedBlockNode(blockKind, kindSpan, pattern, members, span);
  }

  /**
   * `over(first, span of [start, end))` without making that span unless it is the result: `joinSpans`
   * takes the start of the span that starts first and the end of the one that ends last, `first` on a tie,
   * and gives `first` itself when it covers both.
   */
  overRange(first: Span, start: number, end: number): Span {
    const fromFirst = first.start <= start;
    const toFirst = first.end >= end;
    if (fromFirst && toFirst) return first;
    return this.lines.span(fromFirst ? first.start : start, toFirst ? first.end : end);
  }

  /**
   * The value of a string's inside: escapes decoded into a buffer of UTF-16 code units, turned into a string
   * once. Adding one character at a time built a rope of millions of pieces for a 10 MB literal (hundreds
   * of MB); the decoded value is never longer than the text.
   */
  private unescape(inner: string, offset: number): string {
    if (inner.indexOf("\\") === -1) return inner;
    const out = new Uint16Array(inner.length);
    let n = 0;
    let i = 0;
    // One bad escape per string is reported: a 10 MB string of `\a` is one mistake, not five million.
    let reported = false;
    const report = (at: number, message: string, help: string): void => {
      if (reported) return;
      reported = true;
      this.diagnostics.push(diagnostic("syntax", "error", this.lines.span(at, at + 2), message, { help }));
    };
    while (i < inner.length) {
      const c = inner.charCodeAt(i);
      if (c !== 92 /* backslash */) {
        out[n++] = c;
        i += 1;
        continue;
      }
      const next = inner[i + 1];
      if (next === undefined) break;
      const simple = ESCAPES[next];
      if (simple !== undefined) {
        out[n++] = simple.charCodeAt(0);
        i += 2;
        continue;
      }
      const at = offset + i;
      if (next === "u") {
        UNICODE_ESCAPE.lastIndex = i + 2;
        const match = UNICODE_ESCAPE.exec(inner);
        const code = match ? parseInt(match[1]!, 16) : NaN;
        // A Unicode scalar value: a surrogate alone is no character, and UTF-8 and strict JSON refuse it.
        if (match && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) {
          if (code > 0xffff) {
            out[n++] = 0xd800 + ((code - 0x10000) >> 10);
            out[n++] = 0xdc00 + ((code - 0x10000) & 0x3ff);
          } else {
            out[n++] = code;
          }
          i += 2 + match[0].length;
          continue;
        }
        report(at, "invalid unicode escape", "write it as \\u{HEX} with 1 to 6 hex digits, at most 10FFFF and not a surrogate (D800 to DFFF)");
        i += 2;
        continue;
      }
      report(at, `unknown escape '\\${next}' in a string`, 'the escapes are \\", \\\\, \\n, \\t and \\u{HEX}');
      out[n++] = next.charCodeAt(0);
      i += 2;
    }
    const chunks: string[] = [];
    for (let at = 0; at < n; at += 8192) chunks.push(String.fromCharCode(...out.subarray(at, Math.min(n, at + 8192))));
    return chunks.join("");
  }
}
