// Simple attributes, simple blocks, and plain block headers (`vm web {`), are read without chevrotain's rules
// (src/syntax/simple-attribute.ts, simple-reader.ts, parser.ts `parseTokens`, `simpleMembers` and `plainHeaderAhead`). Reading them so must give the same tree, spans, diagnostics and recovery as the
// rules: random bodies, mostly well formed with the mistakes a user makes mixed in, are parsed both ways.
import { describe, expect, it } from "vitest";
import { rng } from "../../bench/fuzz-inputs.mjs";
import { lex } from "../../src/syntax/lexer.js";
import { parseSource } from "../../src/syntax/parse.js";
import { parsing } from "../../src/syntax/parser.js";
import { simpleAttributeAhead, simpleBlockAhead } from "../../src/syntax/simple-attribute.js";
import { LineIndex } from "../../src/syntax/span.js";

const NAMES = ["a", "vcpus", "vm", "pf", "host", "simulation", "cost", "import", "template", "x_1"];
const LITERALS = ["1", "42", "2.5", "10Gbps", "50us", "3%", '"s"', '"a\\qb"', '"\\u{zz}"', "52:54:00:00:00:01", "0000:3b:00.0", "true", "false", "auto"];
const HEADERS = ["vm ", "pf ", "iface ", "host ", "nic ", "traffic ", "vswitch ", "container "];
const PATTERNS = ["", "", "", "[1..3]", " : t", "[0..1] : t"];
const JUNK = ["=", ".", "..", ",", "(", ")", "[", "]", ";", ":", "{", "}", "1..", '"open', "'q'", "52-54-00-00-00-01", "2-5", "#c", "// c\n", "/* c */"];

function value(r: ReturnType<typeof rng>, depth: number): string {
  switch (r.int(depth > 2 ? 3 : 7)) {
    case 0:
    case 1:
      return r.pick(LITERALS);
    case 2:
      return Array.from({ length: 1 + r.int(3) }, () => r.pick(NAMES)).join(".");
    case 3:
      return `${r.int(9)}..${r.int(9)}`;
    case 4:
      return `${r.pick(NAMES)}(${Array.from({ length: r.int(4) }, () => value(r, depth + 1)).join(", ")})`;
    case 5:
      return `[${Array.from({ length: r.int(4) }, () => value(r, depth + 1)).join(", ")}${r.int(3) === 0 ? "," : ""}]`;
    default:
      return r.pick(LITERALS);
  }
}

function member(r: ReturnType<typeof rng>, depth: number): string {
  const roll = r.int(10);
  if ((roll === 0 || roll === 9) && depth < 3) return `${r.pick(HEADERS)}${r.pick(NAMES)}${r.pick(PATTERNS)} {\n${body(r, depth + 1)}\n}`;
  if (roll === 8 && depth < 3) return `${r.pick(["simulation", "cost"])} {\n${body(r, depth + 1)}\n}`;
  if (roll === 1) return `${r.pick(NAMES)} = ${value(r, 0)};`;
  return `${r.pick(NAMES)} = ${value(r, 0)}`;
}

function body(r: ReturnType<typeof rng>, depth: number): string {
  return Array.from({ length: r.int(6) }, () => member(r, depth)).join("\n");
}

/** A file of blocks with random members; some of its tokens then dropped, doubled or replaced by others. */
function randomFile(seed: number): string {
  const r = rng(seed);
  // A template (read by the rules) after the blocks, before them, or none: whole files read without the
  // rules, and files the rules take over from the first item that is not a simple block.
  const host = `host h {\n${body(r, 0)}\n}`;
  const template = `template vm t {\n${body(r, 1)}\n}`;
  const order = r.int(3);
  const file = order === 0 ? `${host}\n${template}` : order === 1 ? `${template}\n${host}\nsimulation {\n${body(r, 1)}\n}` : `${host}\ntraffic x {\n${body(r, 1)}\n}`;
  const pieces = file.split(/(?<=\s)|(?=\s)/);
  for (let n = r.int(4); n > 0; n--) {
    const at = r.int(pieces.length);
    const what = r.int(3);
    if (what === 0) pieces.splice(at, 1);
    else if (what === 1) pieces.splice(at, 0, pieces[at] ?? "");
    else pieces.splice(at, 0, ` ${r.pick([...JUNK, ...NAMES, ...LITERALS])} `);
  }
  return pieces.join("");
}

function parseBothWays(text: string): [string, string] {
  try {
    parsing.simplePath = false;
    const byRules = JSON.stringify(parseSource(text, "t.sriov"));
    parsing.simplePath = true;
    return [JSON.stringify(parseSource(text, "t.sriov")), byRules];
  } finally {
    parsing.simplePath = true;
  }
}

describe("simple attributes read without the rules", () => {
  it("gives the same tree, spans and diagnostics as the rules on random bodies, broken or not", () => {
    let broken = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const text = randomFile(seed);
      const [simple, byRules] = parseBothWays(text);
      if (simple !== byRules) expect({ seed, text, simple }).toEqual({ seed, text, simple: byRules });
      if ((JSON.parse(byRules) as { diagnostics: unknown[] }).diagnostics.length > 0) broken++;
    }
    // Both kinds of input were met.
    expect(broken).toBeGreaterThan(500);
    expect(broken).toBeLessThan(2900);
  });

  it("gives the same on the samples' kind of input: a generated topology's host", () => {
    const text = `host h0 {
  cores = 80; freq = 2.5GHz
  hypervisor_cores = 0..1
  nic e810 { model = "intel-e810" pf pf0 { pci = 0000:3b:00.0 speed = 100Gbps } }
  vswitch br0 { uplinks = [e810.pf1] features = [security_groups, acl, mirroring,] }
  vm vf0 { iface eth0 { attach = vf(e810.pf0, 0) mac = 52:54:00:00:00:05 vlan = 100 } }
}`;
    const [simple, byRules] = parseBothWays(text);
    expect(JSON.parse(simple).diagnostics).toEqual([]);
    expect(simple).toBe(byRules);
  });

  const ahead = (text: string): boolean => {
    const tokens = lex(text, new LineIndex("t.sriov", text)).tokens;
    return simpleAttributeAhead(tokens, 0);
  };

  it.each([
    "a = 1",
    "a = 1;",
    "vm = 2 }",
    "a = 1..4",
    "a = e810.pf0 }",
    "a = vf(e810.pf0, 0)",
    "a = f()",
    "a = []",
    "a = [x, y,]",
    "a = [f(1), [2, 3]]",
    'a = "s" b = 2',
    // (The value is `x`; the `(` after it is the next member's mistake, for the rules to report.)
    "a = x.y (",
  ])("reads `%s` itself", (text) => {
    expect(ahead(text)).toBe(true);
  });

  const blockAhead = (text: string): boolean => {
    const tokens = lex(text, new LineIndex("t.sriov", text)).tokens;
    return simpleBlockAhead(tokens, 0);
  };

  it.each([
    "vm x { }",
    "vm x {}",
    "host h { cores = 8; nic e { pf p { vfs = 4 } } vm v { iface i { attach = vf(e.p, 0) } } }",
    "vm web[1..4] { vcpus = 2 }",
    "vm x : t { }",
    "vm web[0..1] : t { vm = 2 }",
    "traffic t { from = a.b to = c.d rate = 1Gbps }",
    "simulation { seed = 1 }",
    "host h { simulation { } cost { a = 1 } }",
  ])("reads the block `%s` itself", (text) => {
    expect(blockAhead(text)).toBe(true);
  });

  it.each([
    "vm x {",
    "vm x { a = }",
    "vm x { a = 1",
    "vm { }",
    "vm x y { }",
    "vm x[1..] { }",
    "vm x : { }",
    "foo x { }",
    "simulation x { }",
    "cost",
    "host h { vm v { iface i { attach = vf(e.p, } } }",
    "host h { a = 1;; }",
    "a = 1",
  ])("leaves the block `%s` to the rules", (text) => {
    expect(blockAhead(text)).toBe(false);
  });

  it("leaves blocks nested more than nine deep to the rules", () => {
    const nested = (depth: number): string => (depth === 0 ? "vm v { a = 1 }" : `vm v${depth} { ${nested(depth - 1)} }`);
    expect(blockAhead(nested(8))).toBe(true);
    expect(blockAhead(nested(9))).toBe(false);
  });

  it.each(["a =", "a = ;", "a = 1..", "a = 1..x", "a = e810.", "a = f(1,)", "a = f(1", "a = [1 2]", "a = [,]", "a = x(", '"a" = 1', "a : 1", 'a = "open', "a = 2-5", "vm x { }"])(
    "leaves `%s` to the rules",
    (text) => {
      expect(ahead(text)).toBe(false);
    },
  );
});
