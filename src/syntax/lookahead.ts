/**
 * How the parser chooses between the alternatives of an `OR` that needs two tokens to decide (a member:
 * `vm = 2` is an attribute, `vm web { … }` a block; a value: `2` or `2..5`, `br0` or `pf(br0)`): a table
 * indexed by the types of the next two tokens, filled when the parser is built from chevrotain's own
 * decision function. That function tries each alternative's token paths in turn, matching each token
 * against each path's types and categories, at every member and value of a file; the table gives the
 * same answer in two array reads.
 *
 * Exact by construction: chevrotain's function depends only on the types of the tokens it reads, so it
 * is asked once for every type at the first position (and, where it reads the second, for every pair).
 * An alternation that has predicates, or reads a third token for some pair, keeps chevrotain's function.
 *
 * The tables are filled on first need, once an alternation has been decided `TABULATE_AFTER` times (a
 * file of a few hundred lines): filling them costs a few milliseconds, which a command that parses
 * nothing, or a small file, would only lose.
 */
import { EOF, LLkLookaheadStrategy, type IOrAlt, type Rule, type TokenType } from "chevrotain";

/** A decision function as chevrotain calls it, with the parser as `this`. */
type Decide = (this: { LA_FAST(offset: number): { tokenTypeIdx: number } }, alternatives?: IOrAlt<unknown>[]) => number | undefined;

/** In the tables: no alternative fits. */
const NONE = -1;
/** In the first-token table: the second token decides. */
const SECOND = -2;

/** Asks `decide` about the token types `first`, `second` (by index into `types`); which positions it read. */
function probe(decide: Decide, types: readonly TokenType[], first: number, second: number): { choice: number; read: number } {
  let read = 0;
  const parser = {
    LA_FAST(offset: number): { tokenTypeIdx: number; tokenType: TokenType } {
      if (offset > read) read = offset;
      // Past the second position (only read by a decision that then keeps chevrotain's function): EOF.
      const type = offset === 1 ? types[first]! : offset === 2 ? types[second]! : EOF;
      return { tokenTypeIdx: type.tokenTypeIdx!, tokenType: type };
    },
  };
  const choice = decide.call(parser);
  return { choice: choice === undefined ? NONE : choice, read };
}

/** How many decisions of an alternation chevrotain's function makes before the table is filled. */
export const TABULATE_AFTER = 1000;

/** The table-driven equivalent of `decide` over the token types `types`, or undefined if it reads more than two tokens. */
export function tabulate(decide: Decide, types: readonly TokenType[]): Decide | undefined {
  const size = Math.max(...types.map((type) => type.tokenTypeIdx!)) + 1;
  const firstTable = new Int8Array(size).fill(NONE);
  let secondTable: Int8Array | undefined;
  for (let a = 0; a < types.length; a++) {
    const one = probe(decide, types, a, 0);
    if (one.read > 2) return undefined;
    if (one.read <= 1) {
      firstTable[types[a]!.tokenTypeIdx!] = one.choice;
      continue;
    }
    secondTable ??= new Int8Array(size * size).fill(NONE);
    firstTable[types[a]!.tokenTypeIdx!] = SECOND;
    for (let b = 0; b < types.length; b++) {
      const two = probe(decide, types, a, b);
      if (two.read > 2) return undefined;
      secondTable[types[a]!.tokenTypeIdx! * size + types[b]!.tokenTypeIdx!] = two.choice;
    }
  }
  // A decision that never reads a second token is already a single lookup in chevrotain.
  if (secondTable === undefined) return undefined;
  const second = secondTable;
  return function (this, alternatives) {
    const first = this.LA_FAST(1).tokenTypeIdx;
    // (A type the table was not built for, which the lexer never makes: chevrotain's function decides.)
    if (first >= size) return decide.call(this, alternatives);
    let choice = firstTable[first]!;
    if (choice === SECOND) {
      const next = this.LA_FAST(2).tokenTypeIdx;
      if (next >= size) return decide.call(this, alternatives);
      choice = second[first * size + next]!;
    }
    return choice === NONE ? undefined : choice;
  };
}

/** Chevrotain's LL(k) lookahead, with two-token alternations decided by table (see the top of this file). */
export class TabulatedLookahead extends LLkLookaheadStrategy {
  /** `tokenTypes`: every type a token given to the parser can have (EOF is added). */
  constructor(
    maxLookahead: number,
    private readonly tokenTypes: readonly TokenType[],
  ) {
    super({ maxLookahead });
  }

  override buildLookaheadForAlternation(options: {
    prodOccurrence: number;
    rule: Rule;
    maxLookahead: number;
    hasPredicates: boolean;
    dynamicTokensEnabled: boolean;
  }): (orAlts?: IOrAlt<unknown>[]) => number | undefined {
    const decide = super.buildLookaheadForAlternation(options) as Decide;
    if (options.hasPredicates || options.dynamicTokensEnabled) return decide;
    const types = [...this.tokenTypes, EOF];
    let calls = 0;
    /** Undefined until filled; null when the alternation cannot be tabulated (one token decides, or three). */
    let table: Decide | null | undefined;
    return function (this: ThisParameterType<Decide>, alternatives) {
      if (table) return table.call(this, alternatives);
      if (table === undefined && ++calls >= TABULATE_AFTER) table = tabulate(decide, types) ?? null;
      return decide.call(this, alternatives);
    };
  }
}
