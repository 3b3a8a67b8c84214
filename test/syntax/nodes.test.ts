// The parser makes every node of the tree with a constructor (src/syntax/nodes.ts), never with an object
// literal: a literal's allocation site can be switched by V8 to allocate in the old generation, where a
// large file's short-lived syntax then piled up (docs/PERFORMANCE.md "Which syntax objects V8 pretenures").
// The records must still look like the literals did: the own keys of each kind in the interface's order
// (what JSON, and so `check --format json`, shows).
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { fuzzInput } from "../../bench/fuzz-inputs.mjs";
import { generateTopology } from "../../bench/generate.mjs";
import { parseSource } from "../../src/syntax/parse.js";
import { REPO } from "../helpers/cli.js";

/** Each node kind's own keys, in order (`ast.ts`); a name pattern and a block have optional ones. */
const KEYS: Record<string, readonly (readonly string[])[]> = {
  Identifier: [["kind", "name", "span"]],
  Number: [["kind", "value", "raw", "span"]],
  Quantity: [["kind", "value", "unit", "raw", "span"]],
  String: [["kind", "value", "raw", "span"]],
  Mac: [["kind", "raw", "span"]],
  Pci: [["kind", "raw", "span"]],
  Boolean: [["kind", "value", "span"]],
  Auto: [["kind", "span"]],
  Range: [["kind", "from", "to", "span"]],
  List: [["kind", "items", "span"]],
  Call: [["kind", "callee", "args", "span"]],
  Ref: [["kind", "segments", "span"]],
  Attribute: [["kind", "name", "value", "span"]],
  NamePattern: [
    ["kind", "base", "span"],
    ["kind", "base", "range", "span"],
  ],
  Block: [
    ["kind", "blockKind", "keywordSpan", "members", "span"],
    ["kind", "blockKind", "keywordSpan", "name", "members", "span"],
    ["kind", "blockKind", "keywordSpan", "name", "members", "span", "template"],
  ],
  Template: [["kind", "blockKind", "keywordSpan", "name", "members", "span"]],
  Import: [["kind", "path", "span"]],
};

interface Seen {
  readonly kinds: Map<string, number>;
  readonly problems: string[];
}

/** Walks every node under `node` (spans and the file's own record aside). */
function visit(node: unknown, where: string, seen: Seen): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => visit(item, `${where}[${i}]`, seen));
    return;
  }
  if (node === null || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind === "string" && kind !== "File" && kind !== "Comment") {
    seen.kinds.set(kind, (seen.kinds.get(kind) ?? 0) + 1);
    if (Object.getPrototypeOf(node) === Object.prototype) seen.problems.push(`${where}: a ${kind} made by an object literal`);
    const keys = Object.keys(node);
    if (!(KEYS[kind] ?? []).some((expected) => expected.join() === keys.join())) seen.problems.push(`${where}: ${kind} with keys ${keys.join(",")}`);
  }
  if (kind === "NamePattern" && record.range !== undefined && Object.getPrototypeOf(record.range) === Object.prototype) {
    seen.problems.push(`${where}.range: made by an object literal`);
  }
  for (const [key, value] of Object.entries(record)) {
    if (key === "span" || key === "keywordSpan") continue;
    visit(value, `${where}.${key}`, seen);
  }
}

function walk(text: string, partChars?: number): Seen {
  const seen: Seen = { kinds: new Map(), problems: [] };
  const { ast } = parseSource(text, "t.sriov", partChars);
  visit(ast.items, "items", seen);
  return seen;
}

describe("the parser's nodes", () => {
  const samples = readdirSync(path.join(REPO, "samples"))
    .filter((f) => f.endsWith(".sriov"))
    .map((f) => readFileSync(path.join(REPO, "samples", f), "utf8"));

  it("are constructed, with each kind's keys in order, in every sample (whole and in parts) and a generated topology", () => {
    const kinds = new Set<string>();
    for (const text of [...samples, generateTopology({ lines: 3000 }).source]) {
      for (const partChars of [undefined, 512]) {
        const seen = walk(text, partChars);
        expect(seen.problems).toEqual([]);
        for (const kind of seen.kinds.keys()) kinds.add(kind);
      }
    }
    // The walk reached the kinds the samples write (a test that saw no node would pass vacuously).
    for (const kind of ["Identifier", "Number", "Quantity", "String", "Mac", "Pci", "Boolean", "Range", "List", "Call", "Ref", "Attribute", "NamePattern", "Block", "Template"]) {
      expect(kinds.has(kind), kind).toBe(true);
    }
  });

  it("are constructed in broken input too (the rules' recovery paths)", () => {
    const kinds = new Set<string>();
    for (let i = 0; i < 240; i++) {
      const seen = walk(fuzzInput(41, i, samples).text);
      expect(seen.problems).toEqual([]);
      for (const kind of seen.kinds.keys()) kinds.add(kind);
    }
    expect(kinds.size).toBeGreaterThan(10);
  });
});
