import { describe, expect, it } from "vitest";
import { lex } from "../../src/syntax/lexer.js";
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

  it("lexes every keyword", () => {
    const words = ["host", "nic", "pf", "vswitch", "vm", "iface", "traffic", "simulation", "cost", "template", "import", "true", "false", "auto"];
    expect(tokensOf(words.join(" ")).map((t) => t.split(":")[1])).toEqual(words);
    expect(tokensOf(words.join(" ")).some((t) => t.startsWith("Identifier"))).toBe(false);
  });

  it("lexes a quantity with every unit of LANGUAGE.md as one token", () => {
    const units = [
      ...["bps", "Kbps", "Mbps", "Gbps", "Tbps"],
      ...["pps", "Kpps", "Mpps"],
      ...["B", "KB", "MB", "GB", "KiB", "MiB", "GiB"],
      ...["Hz", "KHz", "MHz", "GHz"],
      ...["ns", "us", "ms", "s"],
      "%",
      ...["cyc", "Kcyc"],
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
