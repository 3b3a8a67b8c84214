import { describe, expect, it } from "vitest";
import { diagnostic, sortDiagnostics, type Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { renderJson } from "../../src/diagnostics/render/json.js";
import { renderPretty, summaryLine } from "../../src/diagnostics/render/pretty.js";
import { displayWidth } from "../../src/diagnostics/render/wrap.js";
import { LineIndex } from "../../src/syntax/span.js";
import { expectGolden } from "../helpers/golden.js";

const topology = [
  "host h1 {",
  "  nic x710 {",
  '    model = "intel-x710"',
  "    pf pf0 { vfs = 8 }",
  "  }",
  "  vm web {",
  "    iface eth0 { attach = vf(x710.pf0, 8) }",
  "    iface eth1 { attach = vf(x710.pf0, 8) }",
  "  }",
  "}",
  "",
].join("\n");
const other = "host h2 {\n  freq = 10GB\n}\n";

const a = new LineIndex("samples/a.sriov", topology);
const b = new LineIndex("samples/b.sriov", other);
const at = (lines: LineIndex, needle: string, occurrence = 0) => {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = lines.text.indexOf(needle, start + 1);
  return lines.span(start, start + needle.length);
};

const diagnostics: Diagnostic[] = sortDiagnostics([
  // The rules' own wording (as `sriovc check` words these findings), so that the goldens read as real output;
  // unused-vf is left without its help line, to show a diagnostic that has none.
  diagnostic("vf-assigned-twice", "error", at(a, "vf(x710.pf0, 8)", 1), "web.eth1 attaches VF 8 of x710.pf0, which web.eth0 already uses", {
    related: [{ span: at(a, "vf(x710.pf0, 8)", 0), message: "first attached here, by web.eth0" }],
    help: "give the interfaces different VFs: `vf(x710.pf0)` without an index takes the next free one",
  }),
  diagnostic("vf-index-out-of-range", "error", at(a, "8", 1), "VF 8 does not exist: x710.pf0 enables 8 VFs (0–7)", {
    help: "use an index from 0 to 7, or raise `vfs` on x710.pf0 to 9",
  }),
  diagnostic("invalid-value", "error", at(b, "10GB"), "`freq` expects a frequency, found the size `10GB`", { help: "did you mean `10GHz`?" }),
  diagnostic("unused-vf", "info", at(a, "vfs = 8"), "x710.pf0 enables 8 VFs, but no interface uses them"),
  diagnostic("numa-mismatch", "warning", at(a, "iface eth0"), "vm web runs on NUMA node 1, but x710, the NIC of x710.pf0, is on node 0: every packet of eth0 crosses between sockets", {
    help: "pin web to cores of node 0 (2..7), or use a NIC on node 1",
  }),
]);
const sources = new Map([
  ["samples/a.sriov", topology],
  ["samples/b.sriov", other],
]);

describe("renderers", () => {
  it("pretty: code frames, related spans, help, summary (golden)", () => {
    expectGolden(renderPretty(diagnostics, 2, { color: false, sources }), "test/diagnostics/golden/pretty.txt");
  });

  it("pretty: colour only when asked", () => {
    expect(renderPretty(diagnostics, 2, { color: false, sources })).not.toMatch(/\u001b\[/);
    expect(renderPretty(diagnostics, 2, { color: true, sources })).toMatch(/\u001b\[31m/);
  });

  it("json: the stable array (golden)", () => {
    expectGolden(renderJson(diagnostics), "test/diagnostics/golden/check.json");
  });

  it("json: 1-based, end-exclusive ranges, help omitted when absent, sorted by file then position", () => {
    const parsed = JSON.parse(renderJson(diagnostics)) as { file: string; rule: string; range: { start: { line: number; column: number } }; help?: string }[];
    expect(parsed.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.rule}`)).toEqual([
      "samples/a.sriov:4:14 unused-vf",
      "samples/a.sriov:7:5 numa-mismatch",
      "samples/a.sriov:7:40 vf-index-out-of-range",
      "samples/a.sriov:8:27 vf-assigned-twice",
      "samples/b.sriov:2:10 invalid-value",
    ]);
    expect(parsed.find((d) => d.rule === "unused-vf")).not.toHaveProperty("help");
    expect(Object.keys(parsed[0]!)).toEqual(["file", "rule", "severity", "message", "range", "related"]);
  });

  it("summary line counts errors, warnings and (when present) infos", () => {
    expect(summaryLine(diagnostics, 4)).toBe("3 errors, 1 warning, 1 info in 4 files");
    expect(summaryLine([], 1)).toBe("0 errors, 0 warnings in 1 file");
  });

  it("the summary counts what --quiet left out of the output, and says so", () => {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const hidden = diagnostics.filter((d) => d.severity !== "error");
    expect(summaryLine(errors, 4, hidden)).toBe("3 errors, 1 warning, 1 info in 4 files (--quiet left out 1 warning and 1 info)");
    expect(summaryLine([], 1, hidden.filter((d) => d.severity === "warning"))).toBe("0 errors, 1 warning in 1 file (--quiet left out 1 warning)");
    expect(summaryLine(errors, 4, [])).toBe("3 errors, 0 warnings in 4 files");
    expect(renderPretty([], 1, { color: false, sources: new Map(), hidden })).toBe("0 errors, 1 warning, 1 info in 1 file (--quiet left out 1 warning and 1 info)\n");
  });
});

describe("pretty code frames: the caret under the span", () => {
  const frameOf = (text: string, needle: string) => {
    const lines = new LineIndex("deep.sriov", text);
    const start = text.indexOf(needle);
    const d = diagnostic("invalid-value", "error", lines.span(start, start + needle.length), "bad");
    return renderPretty([d], 1, { color: false, sources: new Map([[lines.file, text]]) }).split("\n").slice(1, 4).join("\n");
  };

  it("lines numbered 10 and up: the marker line's gutter is as wide as the numbers' (the caret was one column left)", () => {
    const text = `${"// pad\n".repeat(9)}host h1 {\n  cores = 8x\n}\n`;
    expect(frameOf(text, "8x")).toBe(["    10 | host h1 {", "  > 11 |   cores = 8x", "       |           ^^"].join("\n"));
  });

  it("a frame across 9 and 10: both numbers take two columns", () => {
    const text = `${"// pad\n".repeat(8)}host h1 {\n  cores = 8x\n}\n`;
    expect(frameOf(text, "8x")).toBe(["     9 | host h1 {", "  > 10 |   cores = 8x", "       |           ^^"].join("\n"));
  });

  it("CJK and emoji before the span take two columns each, a combining accent none: the carets stay under the span", () => {
    const text = 'host h1 {\n  description = "数据库 🚀 e\u0301" cores = 8x\n}\n';
    expect(frameOf(text, "8x")).toBe(['    1 | host h1 {', '  > 2 |   description = "数据库 🚀 e\u0301" cores = 8x', `      | ${" ".repeat(38)}^^`].join("\n"));
  });

  it("every East Asian Wide character takes two columns, not only the common CJK blocks: kana supplement, Tangut, enclosed ideographs", () => {
    // Before, a hand-written range table counted these one column each and the carets stood left of the span.
    for (const wide of ["\u{1B000}", "\u{17000}", "\u{1F200}", "\u231A"]) expect(displayWidth(wide), `U+${wide.codePointAt(0)!.toString(16)}`).toBe(2);
    expect(displayWidth("é\u2010·")).toBe(3); // an ambiguous-width hyphen and dot: one column, as outside East Asian locales
    const text = 'host h1 {\n  description = "\u{1B000}\u{17000}" cores = 8x\n}\n';
    expect(frameOf(text, "8x")).toBe(['    1 | host h1 {', '  > 2 |   description = "\u{1B000}\u{17000}" cores = 8x', `      | ${" ".repeat(31)}^^`].join("\n"));
  });

  it("a control character before the span is shown escaped, and the carets move with it", () => {
    const text = 'host h1 {\n  description = "a\u001bb" cores = 8x\n}\n';
    expect(frameOf(text, "8x")).toBe(['    1 | host h1 {', '  > 2 |   description = "a\\x1bb" cores = 8x', `      | ${" ".repeat(33)}^^`].join("\n"));
  });

  it("a span of wide characters gets a caret per column", () => {
    const text = 'host h1 {\n  description = "数据库"\n}\n';
    expect(frameOf(text, "数据库")).toBe(['    1 | host h1 {', '  > 2 |   description = "数据库"', `      | ${" ".repeat(17)}${"^".repeat(6)}`].join("\n"));
  });

  it("a long line of wide characters is cut to the width in columns, not in characters", () => {
    const text = `host h1 {\n  cores = 8x // ${"数".repeat(200)}\n}\n`;
    const lines = new LineIndex("wide.sriov", text);
    const start = text.indexOf("8x");
    const d = diagnostic("invalid-value", "error", lines.span(start, start + 2), "bad");
    const out = renderPretty([d], 1, { color: false, sources: new Map([[lines.file, text]]), width: 80 });
    const codeLine = out.split("\n").find((line) => line.startsWith("  > 2 |"))!;
    expect(displayWidth(codeLine)).toBeLessThanOrEqual(80);
    expect(codeLine.endsWith("…")).toBe(true);
  });

  it("a tab is shown as four spaces, so the frame's width is known: tab-indented lines overflowed the terminal", () => {
    expect(frameOf("host h1 {\n\t\tcores = 8x\n}\n", "8x")).toBe(["    1 | host h1 {", "  > 2 |         cores = 8x", `      | ${" ".repeat(16)}^^`].join("\n"));
    const text = `host h1 {\n${"\t".repeat(8)}cores = 8x // ${"a comment ".repeat(8)}\n}\n`;
    const lines = new LineIndex("tabs.sriov", text);
    const start = text.indexOf("8x");
    const out = renderPretty([diagnostic("invalid-value", "error", lines.span(start, start + 2), "bad")], 1, { color: false, sources: new Map([[lines.file, text]]), width: 80 });
    expect(out).not.toContain("\t");
    expect(Math.max(...out.split("\n").map(displayWidth))).toBeLessThanOrEqual(80);
  });

  it("a line cut where a combining accent stands still fits: the \"…\" took the accent's place, one column more", () => {
    const text = `host h1 {\n  description = "${"e\u0301".repeat(60)}" cores = 8x\n}\n`;
    const lines = new LineIndex("accents.sriov", text);
    for (let at = text.indexOf('"'); at < text.indexOf("8x"); at++) {
      const out = renderPretty([diagnostic("invalid-value", "error", lines.span(at, at + 1), "bad")], 1, { color: false, sources: new Map([[lines.file, text]]), width: 40 });
      expect(Math.max(...out.split("\n").slice(1).map(displayWidth)), `span at ${at}`).toBeLessThanOrEqual(40);
    }
  });
});
