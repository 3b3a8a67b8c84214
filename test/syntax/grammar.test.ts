import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parser } from "../../src/syntax/parser.js";
import { parseSource } from "../../src/syntax/parse.js";

const ebnf = readFileSync(new URL("../../grammar/sriov.ebnf", import.meta.url), "utf8");

/** EBNF production → chevrotain rule. */
const RULE_OF: Record<string, string> = {
  File: "file",
  Import: "importDecl",
  Template: "templateDecl",
  Block: "block",
  Kind: "namedBlockKind",
  NamePattern: "namePattern",
  Body: "body",
  Member: "member",
  Attribute: "attribute",
  Expr: "expression",
  Range: "range",
  List: "list",
  Call: "call",
  Ref: "reference",
  Literal: "literal",
};

const productions = [...ebnf.matchAll(/^(\w+)\s*=/gm)].map((m) => m[1]!);
const examples = new Map([...ebnf.matchAll(/^(\w+)\s*=[\s\S]*?\(\* example: ([\s\S]*?) \*\)/gm)].map((m) => [m[1]!, m[2]!]));

describe("grammar/sriov.ebnf", () => {
  it("names exactly the parser's rules", () => {
    expect(productions.map((p) => RULE_OF[p] ?? `unmapped ${p}`).sort()).toEqual(Object.keys(parser.getGAstProductions()).sort());
  });

  it.each(productions)("%s: its example parses without errors", (production) => {
    const example = examples.get(production);
    expect(example, `${production} has no example`).toBeDefined();
    expect(parseSource(example!, `${production}.sriov`).diagnostics).toEqual([]);
  });

  it("agrees with the language spec's EBNF on every production name", () => {
    expect(productions).toEqual(["File", "Import", "Template", "Block", "Kind", "NamePattern", "Body", "Member", "Attribute", "Expr", "Range", "List", "Call", "Ref", "Literal"]);
  });
});
