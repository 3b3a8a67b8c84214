// The parser decides its two-token alternations by table (src/syntax/lookahead.ts). For every alternation
// of the real grammar, the tabulated decision must be chevrotain's own for every sequence of three token
// types (the parser looks at most three tokens ahead).
import { Alternation, EOF, LLkLookaheadStrategy, NonTerminal, Terminal, type IProduction, type Rule, type TokenType } from "chevrotain";
import { describe, expect, it } from "vitest";
import { TABULATE_AFTER, TabulatedLookahead, tabulate } from "../../src/syntax/lookahead.js";
import { parser } from "../../src/syntax/parser.js";
import { allTokens } from "../../src/syntax/tokens.js";

type Decide = (this: unknown) => number | undefined;

function alternationsOf(rule: Rule): Alternation[] {
  const found: Alternation[] = [];
  // (Not into a NonTerminal: its definition is the rule it names.)
  const walk = (node: IProduction): void => {
    if (node instanceof NonTerminal || node instanceof Terminal) return;
    if (node instanceof Alternation) found.push(node);
    for (const child of (node as unknown as { definition: IProduction[] }).definition) walk(child);
  };
  for (const production of rule.definition) walk(production);
  return found;
}

/** The decision for the token types `types` at positions 1, 2, 3 (EOF after). */
function decideOn(decide: Decide, types: readonly TokenType[]): number | undefined {
  const parser = {
    LA_FAST(offset: number) {
      const type = types[offset - 1] ?? EOF;
      return { tokenTypeIdx: type.tokenTypeIdx!, tokenType: type, image: "", startOffset: 0 };
    },
  };
  return decide.call(parser);
}

describe("two-token alternations decided by table", () => {
  const rules = Object.values(parser.getGAstProductions());
  const types = [...allTokens, EOF];
  const chevrotain = new LLkLookaheadStrategy({ maxLookahead: 3 });
  const tabulated = new TabulatedLookahead(3, allTokens);

  it("decide as chevrotain's LL(3) lookahead for every three token types, in every alternation of the grammar", () => {
    let alternations = 0;
    let tables = 0;
    for (const rule of rules) {
      for (const alternation of alternationsOf(rule)) {
        alternations++;
        const options = { prodOccurrence: alternation.idx, rule, maxLookahead: 3, hasPredicates: false, dynamicTokensEnabled: false };
        const expected = chevrotain.buildLookaheadForAlternation(options) as Decide;
        const table = tabulate(expected as never, types) as Decide | undefined;
        // As the parser has it: chevrotain's decisions, then (past TABULATE_AFTER) the table's.
        const actual = tabulated.buildLookaheadForAlternation(options) as Decide;
        if (table !== undefined) tables++;
        const differences: string[] = [];
        let decisions = 0;
        for (const a of types)
          for (const b of types)
            for (const c of [EOF, ...allTokens.slice(0, 12)]) {
              const want = decideOn(expected, [a, b, c]);
              const got = decideOn(actual, [a, b, c]);
              decisions++;
              if (want !== got) differences.push(`${rule.name} OR${alternation.idx}: ${a.name} ${b.name} ${c.name}: ${got} instead of ${want}`);
              if (table !== undefined && decideOn(table, [a, b, c]) !== want) differences.push(`${rule.name} OR${alternation.idx} table: ${a.name} ${b.name} ${c.name}`);
            }
        expect(decisions).toBeGreaterThan(2 * TABULATE_AFTER);
        expect(differences.slice(0, 5)).toEqual([]);
      }
    }
    // The grammar's alternations: file's items, block's two forms and its unnamed kinds, block kinds, a
    // member, an expression, a literal. Two of them need two tokens (member, expression).
    expect(alternations).toBeGreaterThanOrEqual(7);
    expect(tables).toBe(2);
  });
});
