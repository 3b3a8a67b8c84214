/** The text scan behind completion: which blocks are open at the cursor, which attributes a block sets. */
import { describe, expect, it } from "vitest";
import { attributesSet, openBlocks } from "../../src/lsp/completion.js";
import { cursors } from "./harness.js";

function offsetOf(marked: string): { text: string; offset: number } {
  const { text, positions } = cursors(marked);
  const lines = text.split("\n");
  const { line, character } = positions[0]!;
  return { text, offset: lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character };
}

describe("openBlocks", () => {
  it("lists the blocks open at the cursor, outermost first, with kind and name", () => {
    const { text, offset } = offsetOf('host h1 {\n  nic n { model = "x" }\n  vm web[1..2] : small {\n    iface eth0 {\n      <|>\n');
    expect(openBlocks(text, offset).map((b) => [b.kind, b.name, b.template])).toEqual([
      ["host", "h1", false],
      ["vm", "web", false],
      ["iface", "eth0", false],
    ]);
  });

  it("skips braces in strings and comments, and knows template bodies", () => {
    const { text, offset } = offsetOf('template vm small {\n  description = "a { b" // }\n  /* } */\n  <|>\n}\n');
    expect(openBlocks(text, offset).map((b) => [b.kind, b.name, b.template])).toEqual([["vm", "small", true]]);
  });

  it("is empty at the top level", () => {
    const { text, offset } = offsetOf("host h1 {\n}\n<|>\n");
    expect(openBlocks(text, offset)).toEqual([]);
  });
});

describe("attributesSet", () => {
  it("lists the attributes set directly in a block, before and after the cursor, not in nested blocks", () => {
    const text = 'host h1 {\n  cores = 4\n  nic n {\n    numa = 1\n  }\n  description = "x { y"\n  freq = 2GHz\n}\nhost h2 {\n  iommu = false\n}\n';
    expect([...attributesSet(text, text.indexOf("{"))]).toEqual(["cores", "description", "freq"]);
  });
});
