import { describe, expect, it } from "vitest";
import type { Attribute, Block, Expr, SourceFile } from "../../src/syntax/ast.js";
import { parseSource } from "../../src/syntax/parse.js";
import { buildValidatingParser } from "../../src/syntax/parser.js";

function parse(text: string) {
  return parseSource(text, "t.sriov");
}

/** The AST without spans: what a reader means, not where it was written. */
export function stripSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSpans);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) if (key !== "span" && key !== "keywordSpan") out[key] = stripSpans(child);
    return out;
  }
  return value;
}

function errors(text: string): string[] {
  return parse(text).diagnostics.map((d) => `${d.span.line}:${d.span.column}-${d.span.endLine}:${d.span.endColumn} ${d.message}`);
}

function onlyAttribute(file: SourceFile): Attribute {
  const block = file.items[0] as Block;
  return block.members[0] as Attribute;
}

function valueOf(source: string): unknown {
  const result = parse(`host h { x = ${source} }`);
  expect(result.diagnostics).toEqual([]);
  return stripSpans(onlyAttribute(result.ast).value);
}

describe("parser: productions", () => {
  it("parses imports, templates and blocks in source order", () => {
    const result = parse('import "./a.sriov"\ntemplate vm small { vcpus = 2 }\nhost h1 { }\nsimulation { }\ntraffic t { }');
    expect(result.diagnostics).toEqual([]);
    expect(result.ast.items.map((item) => (item.kind === "Import" ? `import ${item.path.value}` : item.kind === "Template" ? `template ${item.blockKind} ${item.name.name}` : `${item.blockKind} ${item.name?.base.name ?? ""}`))).toEqual([
      "import ./a.sriov",
      "template vm small",
      "host h1",
      "simulation ",
      "traffic t",
    ]);
  });

  it("parses a replicated name with a template", () => {
    const result = parse("host h { vm web[1..8] : small { } }");
    const vm = (result.ast.items[0] as Block).members[0] as Block;
    expect(stripSpans(vm.name)).toEqual({
      kind: "NamePattern",
      base: { kind: "Identifier", name: "web" },
      range: { from: { kind: "Number", value: 1, raw: "1" }, to: { kind: "Number", value: 8, raw: "8" } },
    });
    expect(vm.template?.name).toBe("small");
    expect(vm.name?.span).toMatchObject({ line: 1, column: 13, endLine: 1, endColumn: 22 });
  });

  it("parses every kind of expression", () => {
    expect(valueOf("0..3")).toEqual({ kind: "Range", from: { kind: "Number", value: 0, raw: "0" }, to: { kind: "Number", value: 3, raw: "3" } });
    expect(valueOf("[a, b,]")).toEqual({
      kind: "List",
      items: [
        { kind: "Ref", segments: [{ kind: "Identifier", name: "a" }] },
        { kind: "Ref", segments: [{ kind: "Identifier", name: "b" }] },
      ],
    });
    expect(valueOf("[]")).toEqual({ kind: "List", items: [] });
    expect(valueOf("vf(x710.pf0, 3)")).toEqual({
      kind: "Call",
      callee: { kind: "Identifier", name: "vf" },
      args: [
        { kind: "Ref", segments: [{ kind: "Identifier", name: "x710" }, { kind: "Identifier", name: "pf0" }] },
        { kind: "Number", value: 3, raw: "3" },
      ],
    });
    expect(valueOf("pf(x.pf)")).toMatchObject({ kind: "Call", callee: { name: "pf" } });
    expect(valueOf("10Gbps")).toEqual({ kind: "Quantity", value: 10, unit: "Gbps", raw: "10Gbps" });
    expect(valueOf("2.5")).toEqual({ kind: "Number", value: 2.5, raw: "2.5" });
    expect(valueOf(String.raw`"a\"b\u{41}"`)).toEqual({ kind: "String", value: 'a"bA', raw: String.raw`"a\"b\u{41}"` });
    expect(valueOf("52:54:00:aa:00:01")).toEqual({ kind: "Mac", raw: "52:54:00:aa:00:01" });
    expect(valueOf("0000:3b:00.0")).toEqual({ kind: "Pci", raw: "0000:3b:00.0" });
    expect(valueOf("true")).toEqual({ kind: "Boolean", value: true });
    expect(valueOf("false")).toEqual({ kind: "Boolean", value: false });
    expect(valueOf("auto")).toEqual({ kind: "Auto" });
  });

  it("lets keywords stand as attribute names, callees and reference segments", () => {
    const result = parse("host h { pf = 1\n vm x { iface e { attach = pf(nic.pf) } } }");
    expect(result.diagnostics).toEqual([]);
    const host = result.ast.items[0] as Block;
    expect((host.members[0] as Attribute).name.name).toBe("pf");
  });

  it("accepts optional semicolons after attributes", () => {
    const result = parse("host h { cores = 4; freq = 2GHz; }");
    expect(result.diagnostics).toEqual([]);
    expect((result.ast.items[0] as Block).members).toHaveLength(2);
  });

  it("gives every node a span with 1-based line and column, end exclusive", () => {
    const result = parse("host h1 {\n  cores = 32\n}\n");
    const host = result.ast.items[0] as Block;
    // Line and column are getters of the span (worked out from its offsets), so list all seven.
    const { file, start, end, line, column, endLine, endColumn } = host.span;
    expect({ file, start, end, line, column, endLine, endColumn }).toEqual({ file: "t.sriov", start: 0, end: 24, line: 1, column: 1, endLine: 3, endColumn: 2 });
    expect(JSON.parse(JSON.stringify(host.span))).toEqual({ file: "t.sriov", start: 0, end: 24, line: 1, column: 1, endLine: 3, endColumn: 2 });
    const cores = host.members[0] as Attribute;
    expect(cores.span).toMatchObject({ line: 2, column: 3, endLine: 2, endColumn: 13 });
    expect(cores.value.span).toMatchObject({ line: 2, column: 11, endLine: 2, endColumn: 13 });
  });

  it("decodes string escapes and reports unknown ones", () => {
    expect(errors(String.raw`host h { description = "a\qb" }`)).toEqual(["1:26-1:28 unknown escape '\\q' in a string"]);
    expect(errors(String.raw`host h { description = "\u{110000}" }`)).toEqual(["1:25-1:27 invalid unicode escape"]);
    // A surrogate is no character: the IR carried "\ud800", which strict JSON readers (serde_json) refuse.
    expect(errors(String.raw`host h { description = "\u{D800}\u{dfff}" }`)).toEqual(["1:25-1:27 invalid unicode escape"]);
    expect(errors(String.raw`host h { description = "\u{D7FF}\u{E000}\u{10FFFF}" }`)).toEqual([]);
  });
});

describe("parser: syntax errors", () => {
  it("reports a missing closing brace at the end of the file", () => {
    expect(errors("host h {\n  cores = 4\n")).toEqual(["2:12-2:12 expected '}' to close `host h` but found the end of the file"]);
  });

  it("reports a missing value", () => {
    expect(errors("host h { cores = }")).toEqual(["1:18-1:19 expected a value but found '}'"]);
  });

  it("reports a block without a name", () => {
    expect(errors("vm { }")).toEqual(["1:1-1:3 a `vm` block needs a name"]);
  });

  it("reports stray tokens at the top level", () => {
    expect(errors("cores = 4")).toEqual(["1:1-1:6 expected an import, a template or a block but found 'cores'"]);
  });

  it("reports a non-integer bound in a replicated name", () => {
    expect(errors("host h { vm w[1.5..3] { } }")).toEqual(["1:15-1:18 expected an integer but found '1.5'"]);
  });

  it("reports several independent errors in one run, and keeps parsing after each", () => {
    const text = ["host a {", "  nic n { pf p { vfs = 8 } }", "  vm v { vcpus = = 2 }", "}", "traffic t { to = [a, }", "traffic u { rate = }", "host ok { cores = 2 }"].join("\n");
    expect(errors(text)).toEqual([
      "3:18-3:19 expected a value but found '='",
      "5:22-5:23 expected ']' to close the list of `to` but found '}'",
      "6:20-6:21 expected a value but found '}'",
    ]);
    const result = parse(text);
    expect(result.ast.items.map((item) => (item.kind === "Block" ? item.name?.base.name : item.kind))).toEqual(["a", "t", "u", "ok"]);
  });

  it("names the misplaced word when an attribute lacks its '='", () => {
    expect(errors("host a {\n  freq 2GHz\n}")[0]).toBe("2:7-2:8 expected '=' between `freq` and its value");
  });

  it("never produces NaN positions, even for tokens inserted by recovery", () => {
    const cases = ["host h {", "host h { x = [1, 2", "host h { x = vf(a", "host", "template vm", "host h { vm v : { } }", "import", "traffic t { rate = 1Mpps size = }"];
    for (const text of cases) {
      const result = parse(text);
      expect(result.diagnostics.length, text).toBeGreaterThan(0);
      const spans = JSON.stringify(result).match(/"(start|end|line|column|endLine|endColumn)":(null|NaN)/);
      expect(spans, text).toBeNull();
      for (const d of result.diagnostics) {
        for (const n of [d.span.start, d.span.end, d.span.line, d.span.column, d.span.endLine, d.span.endColumn]) expect(Number.isFinite(n), text).toBe(true);
        expect(d.span.end).toBeLessThanOrEqual(text.length);
      }
    }
  });

  // The parser builds the AST as it reads; a node cut short by an error keeps what was read before it,
  // and a token that recovery inserted sits at the end of the last token used (not of a dropped node's).
  it("keeps the members read before an error, with spans ending at the last token used", () => {
    const spansOf = (text: string) =>
      parse(text).ast.items.map((item) => [item.span.start, item.span.end, ...(item.kind === "Block" ? item.members.map((m) => `${m.kind} ${m.span.start}-${m.span.end}`) : [])]);
    // The inner `vm` is dropped (its name is cut short), so the missing outer `}` is placed after `2`.
    expect(spansOf("host h {\n  cores = 2\n  vm v[1..")).toEqual([[0, 20, "Attribute 11-20"]]);
    // Here the `vm` is kept (only its body's `{` is missing): it ends at its template's name.
    expect(spansOf("host h {\n  cores = 2\n  vm v : base")).toEqual([[0, 34, "Attribute 11-20", "Block 23-34"]]);
    expect(spansOf("host h {\n  cores = 4\n  nic")).toEqual([[0, 20, "Attribute 11-20"]]);
    expect(spansOf("host h { vlan = [1, 2\n}")).toEqual([[0, 23, "Attribute 9-21"]]);
    expect(spansOf("host h { x = vf(a.b\n}")).toEqual([[0, 21, "Attribute 9-19"]]);
    // A missing lower bound is placed after the name: the `[` is used only once the range is complete.
    const replicated = parse("host web[..3] { cores = 1 }").ast.items[0] as Block;
    expect([replicated.name?.range?.from.span.start, replicated.name?.range?.from.span.end, replicated.name?.range?.to.value]).toEqual([8, 8, 3]);
  });
});

export type { Expr };

describe("grammar definition", () => {
  // The parser sriovc runs skips chevrotain's grammar validations (src/syntax/parser.ts): they run here.
  it("passes chevrotain's grammar validations (ambiguity, left recursion, duplicate alternatives)", () => {
    expect(() => buildValidatingParser()).not.toThrow();
  });
});
