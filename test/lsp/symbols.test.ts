/** The editor's index of declarations names replicated blocks as the checker declares them. */
import { describe, expect, it } from "vitest";
import { expandedNames } from "../../src/lsp/symbols.js";
import { parseSource } from "../../src/syntax/parse.js";
import type { Block } from "../../src/syntax/ast.js";

const firstBlock = (text: string): Block => {
  const host = parseSource(text, "t.sriov").ast.items[0] as Block;
  return host.members.find((m): m is Block => m.kind === "Block")!;
};

describe("expandedNames", () => {
  it("expands a range as the checker does, and declares nothing where the checker refuses the range", () => {
    expect(expandedNames(firstBlock("host h1 {\n  vm web[1..3] { }\n}\n"))).toEqual(["web1", "web2", "web3"]);
    // Past 2^53 - 1 a bound is not exact: the check refuses it, so no rounded name is offered.
    expect(expandedNames(firstBlock("host h1 {\n  vm web[9007199254740993..9007199254740993] { }\n}\n"))).toEqual([]);
    expect(expandedNames(firstBlock("host h1 {\n  vm web[3..1] { }\n}\n"))).toEqual([]);
    expect(expandedNames(firstBlock("host h1 {\n  vm web[1..4097] { }\n}\n"))).toEqual([]);
    expect(expandedNames(firstBlock("host h1 {\n  vm node[01..03] { }\n}\n"))).toEqual(["node01", "node02", "node03"]);
  });
});
