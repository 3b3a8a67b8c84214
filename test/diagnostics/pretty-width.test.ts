/** `check` output fits the terminal: messages and help wrap, code frames cut long lines around the span. */
import { describe, expect, it } from "vitest";
import { diagnostic } from "../../src/diagnostics/diagnostic.js";
import { renderPretty } from "../../src/diagnostics/render/pretty.js";
import { wrap } from "../../src/diagnostics/render/wrap.js";
import { LineIndex } from "../../src/syntax/span.js";
import { sriovc } from "../helpers/cli.js";

const codePoints = (line: string) => [...line].length;
const widest = (text: string) => Math.max(...text.split("\n").map(codePoints));

const longLine = `  vm web { iface eth0 { attach = vf(x710.pf0, 8) } iface eth1 { attach = vswitch(br0) mtu = 9000 description = "${"x".repeat(120)}" } }`;
const text = `host h1 {\n${longLine}\n}\n`;
const lines = new LineIndex("samples/long.sriov", text);
const spanOf = (needle: string) => {
  const start = text.indexOf(needle);
  return lines.span(start, start + needle.length);
};

const list = [
  diagnostic("mtu-exceeds-pf", "error", spanOf("mtu = 9000"), `${"a long message that keeps going ".repeat(6)}end`, {
    help: `${"a long help line with advice ".repeat(6)}end`,
    related: [{ span: spanOf("vf(x710.pf0, 8)"), message: "a related location far to the right of a long line, with its own words" }],
  }),
];

describe("pretty output width", () => {
  for (const width of [80, 100, 120]) {
    it(`fits ${width} columns and still shows the span and every word`, () => {
      const out = renderPretty(list, 1, { color: false, sources: new Map([[lines.file, text]]), width });
      expect(widest(out)).toBeLessThanOrEqual(width);
      expect(out.split("\n")[0]).toMatch(/^samples\/long\.sriov:2:\d+: error\[mtu-exceeds-pf\]: a long message/);
      // The frame keeps the span itself on screen, cut with "…" around it.
      expect(out).toMatch(/> 2 \| [^\n]*mtu = 9000/);
      if (width < 100) expect(out).toMatch(/> 2 \| …/);
      const words = out.replace(/\n +(help: )?/g, " ");
      expect(words).toContain(`${"a long message that keeps going ".repeat(6)}end`);
      expect(words).toContain(`${"a long help line with advice ".repeat(6)}end`);
    });
  }

  it("wrap breaks at spaces, indents continuation lines, and cuts words longer than a line", () => {
    expect(wrap("aaa bbb ccc", 8, 0, "  ")).toBe("aaa bbb\n  ccc");
    expect(wrap("x".repeat(12), 10, 0, "")).toBe(`${"x".repeat(10)}\nxx`);
    expect(wrap("short", 80, 10, "    ")).toBe("short");
  });
});

describe("sriovc check fits the terminal", () => {
  for (const width of [80, 100, 120]) {
    it(`COLUMNS=${width} sriovc check samples/mistakes.sriov: no line is longer`, () => {
      const result = sriovc(["check", "samples/mistakes.sriov"], { env: { COLUMNS: String(width) } });
      expect(result.code).toBe(1);
      expect(widest(result.stdout)).toBeLessThanOrEqual(width);
    });
  }
  it("COLUMNS=40: a header too long for any of the message ends at its colon, not with a space", () => {
    const result = sriovc(["check", "samples/mistakes.sriov"], { env: { COLUMNS: "40" } });
    expect(result.stdout.split("\n").filter((line) => line.endsWith(" "))).toEqual([]);
    expect(result.stdout).toContain("samples/mistakes.sriov:17:13: error[vf-count-exceeds-max]:\n    old.p0 enables 70 VFs");
  });

  it("without COLUMNS and not on a terminal: 100 columns", () => {
    const result = sriovc(["check", "samples/mistakes.sriov"], { env: { COLUMNS: "" } });
    expect(widest(result.stdout)).toBeLessThanOrEqual(100);
  });
});
