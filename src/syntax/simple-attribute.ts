/**
 * Which members the parser may read without chevrotain's rules: an attribute whose tokens the grammar
 * accepts with no error, decided from the tokens ahead before any is consumed.
 *
 * An attribute goes through four rule invocations (member → attribute → expression → reference or
 * literal, more for a call or a list), each with chevrotain's per-rule work (its rule stacks, a
 * `try`/`finally`, the decisions between alternatives). When the tokens ahead are a name, `=` and a value
 * made only of literals, references, ranges, calls and lists, each complete and well formed, followed by
 * an optional `;`, those rules can only consume exactly these tokens, with no error and so no recovery:
 * the parser then builds the node from them itself (simple-reader.ts, from parser.ts `simpleMembers`), through the same
 * builder calls in the same order, so the tree, its spans and the builder's diagnostics are the same.
 * Anything else (a missing value, a `.` with no name after it, an unclosed call, a token the repair step
 * left, nesting deeper than `MAX_DEPTH`) is left to the rules, with their error recovery.
 *
 * The grammar facts used (parser.ts, grammar/sriov.ebnf): a member that starts with a name and `=` is an
 * attribute (a block needs a name or `{` second). A value starting with a number and `..` is a range (a
 * second number must follow), with a name and `(` a call (arguments separated by `,`, no trailing comma,
 * then `)`), with a name a reference (`.` name repeated), with `[` a list (items separated by `,`, one
 * trailing comma allowed, then `]`); a quantity, number, string, MAC, PCI address, `true`, `false` or
 * `auto` is a literal. test/syntax/simple-attribute.test.ts parses random bodies both ways and compares.
 *
 * A whole block is read the same way when every member in it, at every depth, is a simple attribute or a
 * simple block (`blockEnd`): a named block's header without mistakes (or `simulation`, `cost`), `{`, those members, `}`. Its members
 * then never go through `member`, `block` and `body` (two decisions between alternatives and a repetition
 * per block, and chevrotain's bookkeeping of each), which in a generated topology were most of the rule
 * invocations left. A block with anything else in it, at any depth, is left to the rules, which read its
 * simple members and simple nested blocks this way again.
 */
import type { IToken, TokenType } from "chevrotain";
import * as t from "./tokens.js";

/** What a token type is to the reader, by `tokenTypeIdx`. */
export const OTHER = 0;
export const NAME = 1;
export const NUMBER = 2;
export const LITERAL = 3;
export const EQUALS = 4;
export const SEMICOLON = 5;
export const COMMA = 6;
export const DOT = 7;
export const DOT_DOT = 8;
export const L_PAREN = 9;
export const R_PAREN = 10;
export const L_BRACKET = 11;
export const R_BRACKET = 12;
export const COLON = 13;
export const L_CURLY = 14;
export const R_CURLY = 15;

/** Deeper values (a call in a list in a call …) are left to the rules. */
const MAX_DEPTH = 8;

function classes(): Uint8Array {
  const all: TokenType[] = [...t.allTokens];
  const size = Math.max(...all.map((type) => type.tokenTypeIdx!)) + 1;
  const table = new Uint8Array(size);
  const set = (types: readonly TokenType[], cls: number): void => {
    for (const type of types) table[type.tokenTypeIdx!] = cls;
  };
  set([t.Identifier, ...t.KEYWORDS_AS_NAMES], NAME);
  set([t.NumberLiteral], NUMBER);
  // (An unterminated string is a literal too, but it is always reported: it stays with the rules.)
  set([t.Quantity, t.StringLiteral, t.Mac, t.Pci, t.True, t.False, t.Auto], LITERAL);
  set([t.Equals], EQUALS);
  set([t.Semicolon], SEMICOLON);
  set([t.Comma], COMMA);
  set([t.Dot], DOT);
  set([t.DotDot], DOT_DOT);
  set([t.LParen], L_PAREN);
  set([t.RParen], R_PAREN);
  set([t.LBracket], L_BRACKET);
  set([t.RBracket], R_BRACKET);
  set([t.Colon], COLON);
  set([t.LCurly], L_CURLY);
  set([t.RCurly], R_CURLY);
  return table;
}

const CLASSES = classes();

/** 1 at the `tokenTypeIdx` of each named block kind's keyword (`host`, `vm`, …; they are names too). */
const NAMED_BLOCK_KIND = (() => {
  const table = new Uint8Array(CLASSES.length);
  for (const type of t.NAMED_BLOCK_KEYWORDS) table[type.tokenTypeIdx!] = 1;
  return table;
})();

/** 1 at the `tokenTypeIdx` of `simulation` and `cost`, the unnamed blocks' keywords. */
const UNNAMED_BLOCK_KIND = (() => {
  const table = new Uint8Array(CLASSES.length);
  for (const type of [t.Simulation, t.Cost]) table[type.tokenTypeIdx!] = 1;
  return table;
})();

/** Blocks nested deeper than this inside a simple block leave the whole block to the rules. */
const MAX_BLOCK_DEPTH = 8;

/** The class of a token (`OTHER` for EOF, a token recovery inserted, or a type the table does not know). */
export function classOf(token: IToken): number {
  if (token.isInsertedInRecovery) return OTHER;
  return CLASSES[token.tokenTypeIdx] ?? OTHER;
}

/** The class of the token at index `i` of `tokens` (`OTHER` past the end, where chevrotain reads EOF). */
export function classAt(tokens: readonly IToken[], i: number): number {
  return i < tokens.length ? classOf(tokens[i]!) : OTHER;
}

/**
 * The index just past a well-formed value that starts at index `k` of `tokens`, or 0 if there is none
 * there (or it is one the rules must read).
 */
export function valueEnd(tokens: readonly IToken[], k: number, depth: number): number {
  const cls = classAt(tokens, k);
  if (cls === LITERAL) return k + 1;
  if (cls === NUMBER) {
    if (classAt(tokens, k + 1) !== DOT_DOT) return k + 1;
    return classAt(tokens, k + 2) === NUMBER ? k + 3 : 0;
  }
  if (cls === NAME) {
    let next = classAt(tokens, k + 1);
    if (next === L_PAREN) {
      if (depth >= MAX_DEPTH) return 0;
      k += 2;
      if (classAt(tokens, k) === R_PAREN) return k + 1;
      for (;;) {
        k = valueEnd(tokens, k, depth + 1);
        if (k === 0) return 0;
        next = classAt(tokens, k);
        if (next === R_PAREN) return k + 1;
        if (next !== COMMA) return 0;
        k++;
      }
    }
    k++;
    while (next === DOT) {
      if (classAt(tokens, k + 1) !== NAME) return 0;
      k += 2;
      next = classAt(tokens, k);
    }
    return k;
  }
  if (cls === L_BRACKET) {
    if (depth >= MAX_DEPTH) return 0;
    k++;
    if (classAt(tokens, k) === R_BRACKET) return k + 1;
    for (;;) {
      k = valueEnd(tokens, k, depth + 1);
      if (k === 0) return 0;
      const next = classAt(tokens, k);
      if (next === R_BRACKET) return k + 1;
      if (next !== COMMA) return 0;
      k++;
      // One trailing comma.
      if (classAt(tokens, k) === R_BRACKET) return k + 1;
    }
  }
  return 0;
}

/** Whether the tokens from index `i` are a simple attribute (see the top of this file). */
export function simpleAttributeAhead(tokens: readonly IToken[], i: number): boolean {
  return classAt(tokens, i) === NAME && classAt(tokens, i + 1) === EQUALS && valueEnd(tokens, i + 2, 0) !== 0;
}

/**
 * The index just past a simple block that starts at index `k` of `tokens`, or 0 if there is none there:
 * a named block's kind keyword, a name, an optional `[number..number]`, an optional `: name`, or the
 * keyword `simulation` or `cost`; then `{`, simple attributes and simple blocks (at most
 * `MAX_BLOCK_DEPTH` deep), and `}`. The rules `block`, `namedBlockKind`, `namePattern`, `body` and
 * `member` can only consume exactly these tokens, with no error (a member that starts with a name and `=`
 * is an attribute, one that starts with a block kind and a name, or with `simulation` or `cost` and `{`, is
 * a block).
 */
export function blockEnd(tokens: readonly IToken[], k: number, depth: number): number {
  const first = k < tokens.length ? tokens[k]! : undefined;
  if (first === undefined || first.isInsertedInRecovery) return 0;
  let cls: number;
  if (UNNAMED_BLOCK_KIND[first.tokenTypeIdx] === 1) {
    k++;
    cls = classAt(tokens, k);
  } else {
    if (NAMED_BLOCK_KIND[first.tokenTypeIdx] !== 1 || classAt(tokens, k + 1) !== NAME) return 0;
    k += 2;
    cls = classAt(tokens, k);
    if (cls === L_BRACKET) {
      if (classAt(tokens, k + 1) !== NUMBER || classAt(tokens, k + 2) !== DOT_DOT || classAt(tokens, k + 3) !== NUMBER || classAt(tokens, k + 4) !== R_BRACKET) return 0;
      k += 5;
      cls = classAt(tokens, k);
    }
    if (cls === COLON) {
      if (classAt(tokens, k + 1) !== NAME) return 0;
      k += 2;
      cls = classAt(tokens, k);
    }
  }
  if (cls !== L_CURLY) return 0;
  k++;
  for (;;) {
    cls = classAt(tokens, k);
    if (cls === R_CURLY) return k + 1;
    if (cls === NAME && classAt(tokens, k + 1) === EQUALS) {
      k = valueEnd(tokens, k + 2, 0);
      if (k === 0) return 0;
      if (classAt(tokens, k) === SEMICOLON) k++;
    } else {
      if (depth >= MAX_BLOCK_DEPTH) return 0;
      k = blockEnd(tokens, k, depth + 1);
      if (k === 0) return 0;
    }
  }
}

/** Whether the tokens from index `i` are a simple block (see `blockEnd`). */
export function simpleBlockAhead(tokens: readonly IToken[], i: number): boolean {
  return blockEnd(tokens, i, 0) !== 0;
}
