import { describe, expect, it } from "vitest";
import { MAX_NESTING, MAX_SYNTAX_ERRORS_PER_FILE } from "../../src/syntax/limits.js";
import { checkSource } from "../helpers/check-source.js";
import { after, errorLines, reportsOf, spanOf } from "./spans.js";

const FILE = "example.sriov";

describe("syntax", () => {
  it("says what was expected and what was found", () => {
    const text = "host h1 {\n  cores = }\n";
    expect(reportsOf("syntax", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "}"),
        message: "expected a value but found '}'",
        help: "give `cores` a value: a number, a quantity such as `10Gbps`, a string, a name, a range `0..3` or a list `[…]`",
        related: [],
      },
    ]);
  });

  it("names a word that stands where an attribute or a block should", () => {
    const text = "host h1 {\n  freq 2GHz\n}\n";
    expect(reportsOf("syntax", text)).toEqual([{ file: FILE, ...spanOf(text, " 2GHz", 0, 1), message: "expected '=' between `freq` and its value", help: "write `freq = 2GHz`", related: [] }]);
    const stray = "host h1 {\n  42\n}\n";
    expect(reportsOf("syntax", stray)).toEqual([
      {
        file: FILE,
        ...spanOf(stray, "42"),
        message: "expected an attribute (`name = value`), a nested block or the `}` of `host h1` but found '42'",
        help: "an attribute is `name = value`; a nested block is `kind name { … }`",
        related: [{ file: FILE, ...spanOf(stray, "{"), message: "`host h1` opened here" }],
      },
    ]);
    const top = "cores = 4\nhost h1 { }\n";
    expect(reportsOf("syntax", top)).toEqual([
      {
        file: FILE,
        ...spanOf(top, "cores"),
        message: "expected an import, a template or a block but found 'cores'",
        help: "attributes belong inside a block, such as `host h1 { cores = … }`",
        related: [],
      },
    ]);
  });

  it("reports a missing closing token at the token found instead, or just after the last token at the end of the file", () => {
    const list = "host h1 {\n  vm v {\n    pin = [1, 2\n  }\n}\n";
    expect(reportsOf("syntax", list)).toEqual([
      {
        file: FILE,
        ...after(list, "2"),
        message: "expected ']' to close the list of `pin` but found '}'",
        help: "add `]` after the last item of the list of `pin`, and separate items with `,`",
        related: [{ file: FILE, ...spanOf(list, "["), message: "the list of `pin` opened here" }],
      },
    ]);
    const eof = "host h1 {\n  cores = 4\n";
    expect(reportsOf("syntax", eof)).toEqual([
      {
        file: FILE,
        ...after(eof, "4"),
        message: "expected '}' to close `host h1` but found the end of the file",
        help: "add `}` after the last member of `host h1`",
        related: [{ file: FILE, ...spanOf(eof, "{"), message: "`host h1` opened here" }],
      },
    ]);
  });

  it("reports every independent error of one run, in order", () => {
    const text = "host h1 {\n  vm v { vcpus = = 2 }\n}\ntraffic t { to = [a, }\nhost h2 { cores 4 }\n";
    expect(reportsOf("syntax", text).map((r) => [r.line, r.column, r.message])).toEqual([
      [2, 18, "expected a value but found '='"],
      [4, 22, "expected ']' to close the list of `to` but found '}'"],
      [5, 16, "expected '=' between `cores` and its value"],
    ]);
  });

  it("says that numbers cannot be negative (`vfs = -1`)", () => {
    const text = "host h1 {\n  nic n {\n    pf p { vfs = -1 }\n  }\n}\n";
    expect(reportsOf("syntax", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "-"),
        message: "unexpected character '-': numbers cannot be negative",
        help: "every count, size, rate and duration is 0 or more: remove the `-`",
        related: [],
      },
    ]);
  });

  it("explains characters, strings, escapes and comments the lexer cannot read", () => {
    const text = 'host h1 {\n  cores = 4 §\n  description = "a\\qb"\n}\n';
    expect(reportsOf("syntax", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "§"),
        message: "unexpected character '§'",
        help: "expected a name, a number, a quantity, a string, a MAC or PCI address, or punctuation",
        related: [],
      },
      { file: FILE, ...spanOf(text, "\\q"), message: "unknown escape '\\q' in a string", help: 'the escapes are \\", \\\\, \\n, \\t and \\u{HEX}', related: [] },
    ]);
    const unterminated = 'host h1 {\n  description = "open\n}\n';
    expect(reportsOf("syntax", unterminated)).toEqual([
      { file: FILE, ...spanOf(unterminated, '"open'), message: "unterminated string", help: 'close the string with `"` before the end of the line', related: [] },
    ]);
    const comment = "host h1 { }\n/* never closed\n";
    expect(reportsOf("syntax", comment)).toEqual([
      { file: FILE, ...spanOf(comment, "/*"), message: "unterminated block comment", help: "close the comment with `*/`", related: [] },
    ]);
  });

  it("refuses nesting deeper than the limit, at the first brace too deep", () => {
    const text = `${"{".repeat(MAX_NESTING + 6)}\n`;
    expect(reportsOf("syntax", text)).toEqual([
      {
        file: FILE,
        line: 1,
        column: MAX_NESTING + 1,
        endLine: 1,
        endColumn: MAX_NESTING + 2,
        message: `blocks and lists are nested more than ${MAX_NESTING} levels deep`,
        help: "a topology nests a few levels (host › nic › pf); check for unclosed '{', '[' or '('",
        related: [],
      },
    ]);
  });

  it("keeps the first errors of a file and sums up the rest", () => {
    const text = "host h { cores = = 4 }\n".repeat(MAX_SYNTAX_ERRORS_PER_FILE + 1);
    const found = reportsOf("syntax", text);
    expect(found).toHaveLength(MAX_SYNTAX_ERRORS_PER_FILE + 1);
    expect(found[MAX_SYNTAX_ERRORS_PER_FILE]).toEqual({
      file: FILE,
      line: MAX_SYNTAX_ERRORS_PER_FILE + 1,
      column: 18,
      endLine: MAX_SYNTAX_ERRORS_PER_FILE + 1,
      endColumn: 19,
      message: "…and 1 more syntax error in this file",
      help: "fix the first errors; later ones are often caused by them",
      related: [],
    });
  });

  it("stops the check of a file with syntax errors before resolution", () => {
    const text = "host h1 {\n  vm v { iface e { attach = vf(nowhere.pf0) } }\n  cores = }\n";
    expect(checkSource(text).map((d) => d.rule)).toEqual(["syntax"]);
  });

  it("is quiet for a file that matches the grammar", () => {
    const text = 'import "./lib.sriov"\n// a comment\nhost h1 {\n  description = "tab\\tand \\"quotes\\""\n  /* block */ cores = 4\n}\n';
    expect(errorLines(text, { files: { "lib.sriov": "template vm t { }\n" } })).toEqual([]);
  });
});
