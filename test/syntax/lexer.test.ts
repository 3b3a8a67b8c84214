import { Lexer } from "chevrotain";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fuzzInput, mutate, mutateBytes, rng, tokenSoup } from "../../bench/fuzz-inputs.mjs";
import { generateTopology } from "../../bench/generate.mjs";
import { lex } from "../../src/syntax/lexer.js";
import { EVERY_BRANCH, scan } from "../../src/syntax/scanner.js";
import { allTokens } from "../../src/syntax/tokens.js";
import { stripBom } from "../../src/syntax/parse.js";
import { LineIndex } from "../../src/syntax/span.js";

function tokensOf(text: string): string[] {
  const result = lex(text, new LineIndex("t.sriov", text));
  return result.tokens.map((token) => `${token.tokenType.name}:${token.image}`);
}

function lexed(text: string) {
  return lex(text, new LineIndex("t.sriov", text));
}

describe("lexer", () => {
  it("lexes identifiers with dashes and underscores, keywords only as whole words", () => {
    expect(tokensOf("host hostname _x a-b-c vm vm2 iface")).toEqual([
      "Host:host",
      "Identifier:hostname",
      "Identifier:_x",
      "Identifier:a-b-c",
      "Vm:vm",
      "Identifier:vm2",
      "Iface:iface",
    ]);
  });

  it("names a character that looks like a space or like nothing by its code point, with the fix to make it a space or remove it", () => {
    const text = "host h1 {\n  cores\u00a0= 4\n  vfs = 2\u200b\n}\n";
    expect(
      lexed(text).diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.message} | ${d.help} | ${d.fixes?.map((f) => `${f.description}${f.safe ? " (safe)" : ""}: ${JSON.stringify(f.edits[0]!.text)}`).join("; ")}`),
    ).toEqual([
      '2:8 unexpected space-like character U+00A0 (not a plain space) | replace it with a plain space (pasted text often carries such characters) | replace it with a space (safe): " "',
      '3:10 unexpected invisible character U+200B | remove it (pasted text often carries such characters) | remove it (safe): ""',
    ]);
  });

  it("lexes a MAC in Cisco's dotted form as one token, but not a reference of hex-letter names nor a number", () => {
    expect(tokensOf("5254.0000.0002 aabb.cc00.0102 face.bead.fade 5254.5")).toEqual([
      "DotMac:5254.0000.0002",
      "DotMac:aabb.cc00.0102",
      "Identifier:face",
      "Dot:.",
      "Identifier:bead",
      "Dot:.",
      "Identifier:fade",
      "Number:5254.5",
    ]);
  });

  it("lexes every keyword", () => {
    const words = ["host", "nic", "pf", "vswitch", "vm", "iface", "traffic", "simulation", "cost", "template", "import", "true", "false", "auto"];
    expect(tokensOf(words.join(" ")).map((t) => t.split(":")[1])).toEqual(words);
    expect(tokensOf(words.join(" ")).some((t) => t.startsWith("Identifier"))).toBe(false);
  });

  it("lexes a quantity with every unit of LANGUAGE.md as one token", () => {
    const units = [
      ...["bps", "kbps", "Kbps", "Mbps", "Gbps", "Tbps"],
      ...["pps", "kpps", "Kpps", "Mpps", "Gpps"],
      ...["B", "kB", "KB", "MB", "GB", "KiB", "MiB", "GiB"],
      ...["Hz", "kHz", "KHz", "MHz", "GHz"],
      ...["ns", "us", "\u00b5s", "\u03bcs", "ms", "s"],
      "%",
      ...["cyc", "kcyc", "Kcyc"],
    ];
    for (const unit of units) {
      expect(tokensOf(`1.5${unit}`), unit).toEqual([`Quantity:1.5${unit}`]);
      expect(tokensOf(`10${unit}`), unit).toEqual([`Quantity:10${unit}`]);
    }
  });

  it("keeps an unknown unit in the quantity so semantics can suggest the fix", () => {
    expect(tokensOf("10Gbit")).toEqual(["Quantity:10Gbit"]);
  });

  it("lexes integers, decimals and ranges without confusing `..` with a decimal point", () => {
    expect(tokensOf("42 2.5 0..1 4..7")).toEqual([
      "Number:42",
      "Number:2.5",
      "Number:0",
      "DotDot:..",
      "Number:1",
      "Number:4",
      "DotDot:..",
      "Number:7",
    ]);
  });

  it("lexes MAC and PCI literals as their own tokens, never as numbers or names", () => {
    expect(tokensOf("52:54:00:aa:00:01 aa:bb:cc:00:11:22 0000:3b:00.0 0000:AF:1f.7")).toEqual([
      "Mac:52:54:00:aa:00:01",
      "Mac:aa:bb:cc:00:11:22",
      "Pci:0000:3b:00.0",
      "Pci:0000:AF:1f.7",
    ]);
  });

  it("does not take a name followed by a colon for a MAC", () => {
    expect(tokensOf("web1 : small_vm")).toEqual(["Identifier:web1", "Colon::", "Identifier:small_vm"]);
  });

  it("lexes strings with escapes as one token", () => {
    expect(tokensOf(String.raw`"a \"b\" \\ \n \t \u{1F600}"`)).toEqual([String.raw`String:"a \"b\" \\ \n \t \u{1F600}"`]);
  });

  it("lexes punctuation", () => {
    expect(tokensOf("{ } [ ] ( ) = ; , : . ..").map((t) => t.split(":")[0])).toEqual([
      "LCurly",
      "RCurly",
      "LBracket",
      "RBracket",
      "LParen",
      "RParen",
      "Equals",
      "Semicolon",
      "Comma",
      "Colon",
      "Dot",
      "DotDot",
    ]);
  });

  it("keeps comments in a side channel, not in the token stream", () => {
    const result = lexed("a // one\n/* two\n three */ b");
    expect(result.tokens.map((t) => t.image)).toEqual(["a", "b"]);
    expect(result.comments.map((t) => t.image)).toEqual(["// one", "/* two\n three */"]);
    expect(result.diagnostics).toEqual([]);
  });

  it("accepts CRLF line endings and a UTF-8 byte-order mark", () => {
    const text = stripBom("\uFEFFhost h {\r\n  cores = 4\r\n}\r\n");
    const result = lexed(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.tokens.map((t) => t.image)).toEqual(["host", "h", "{", "cores", "=", "4", "}"]);
    const lines = new LineIndex("t.sriov", text);
    expect(lines.position(text.indexOf("cores"))).toEqual({ line: 2, column: 3 });
  });

  it("reports an unterminated string at the string, once", () => {
    const result = lexed('x = "abc\ny = 1');
    expect(result.diagnostics.map((d) => [d.rule, d.message, d.span.line, d.span.column, d.span.endColumn])).toEqual([
      ["syntax", "unterminated string", 1, 5, 9],
    ]);
  });

  it("reports an unterminated block comment where it starts", () => {
    const result = lexed("a /* never closed\nb");
    expect(result.diagnostics.map((d) => [d.message, d.span.line, d.span.column])).toEqual([["unterminated block comment", 1, 3]]);
  });

  it("reports a run of characters outside the language as one error", () => {
    const result = lexed("a $$$ b é");
    expect(result.diagnostics.map((d) => [d.message, d.span.column, d.span.endColumn])).toEqual([
      ["unexpected character '$'", 3, 6],
      ["unexpected character 'é'", 9, 10],
    ]);
  });
});

describe("scanner", () => {
  // The scanner is the patterns of tokens.ts written out by hand: chevrotain's lexer, built from those
  // patterns, is the reference it must agree with, token for token and error for error.
  const reference = new Lexer(allTokens, { positionTracking: "onlyOffset" });
  const tokensOf = (list: readonly { tokenType: { name: string }; image: string; startOffset: number }[]) => list.map((token) => `${token.tokenType.name}@${token.startOffset}:${token.image}`);
  const agree = (text: string) => {
    const expected = reference.tokenize(text);
    const actual = scan(text);
    expect(tokensOf(actual.tokens), text).toEqual(tokensOf(expected.tokens));
    expect(tokensOf(actual.comments), text).toEqual(tokensOf(expected.groups["comments"] ?? []));
    expect(actual.errors, text).toEqual(expected.errors.map((error) => ({ offset: error.offset, length: error.length })));
  };

  it("agrees with chevrotain's lexer on a generated topology and on every sample", () => {
    agree(generateTopology({ lines: 2000 }).source);
    for (const file of readdirSync("samples").filter((f) => f.endsWith(".sriov"))) agree(readFileSync(`samples/${file}`, "utf8"));
  });

  it("agrees with chevrotain's lexer on near misses of every token", () => {
    const pieces = ["52", ":", "-", "aa", "0000", "3b", "00", ".", "0", "1", "zz", "_", "x", "..", "%", "Gbps", "'", '"', "/", "*", "#", " ", "\n", "é", "\u00b5", "\u03bc", "s", "\u0001", "\\", "host", "hosts"];
    const r = rng(18);
    for (let i = 0; i < 2000; i++) agree(Array.from({ length: 1 + r.int(30) }, () => r.pick(pieces)).join(r.int(3) === 0 ? " " : ""));
  });

  it("agrees with chevrotain's lexer on mutated topologies, token soup and random bytes", () => {
    const seeds = readdirSync("samples").filter((f) => f.endsWith(".sriov")).map((f) => readFileSync(`samples/${f}`, "utf8"));
    const r = rng(1818);
    for (let i = 0; i < 400; i++) {
      agree(mutate(r, r.pick(seeds)));
      agree(mutateBytes(r, r.pick(seeds)).toString("utf8"));
      agree(tokenSoup(r, 1 + r.int(80)));
      agree(fuzzInput(18, i, seeds, 600).text);
    }
  });

  it("takes every branch on the text it scans at load (so none is first taken in optimised code)", () => {
    agree(EVERY_BRANCH);
    const scanned = scan(EVERY_BRANCH);
    const made = new Set([...scanned.tokens, ...scanned.comments].map((token) => token.tokenType));
    // WhiteSpace is skipped, and Name is a category that no token has as its own type.
    expect(allTokens.filter((type) => !made.has(type)).map((type) => type.name)).toEqual(["WhiteSpace", "Name"]);
    expect(scanned.errors.length).toBeGreaterThan(0);
    expect(scanned.strings.length).toBeGreaterThan(0);
  });
});
