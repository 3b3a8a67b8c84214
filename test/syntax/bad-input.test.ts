import { describe, expect, it } from "vitest";
import { MAX_NESTING, MAX_SYNTAX_ERRORS_PER_FILE } from "../../src/syntax/limits.js";
import { parseSource } from "../../src/syntax/parse.js";

function located(text: string) {
  const result = parseSource(text, "bad.sriov");
  for (const d of result.diagnostics) {
    expect(d.rule).toBe("syntax");
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeLessThanOrEqual(text.length);
    expect(Number.isFinite(d.span.line) && Number.isFinite(d.span.column)).toBe(true);
  }
  return result.diagnostics;
}

/** A deterministic byte soup (xorshift), decoded as UTF-8 the way the loader reads files. */
function junk(bytes: number, seed = 12345): string {
  const out = new Uint8Array(bytes);
  let x = seed;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return Buffer.from(out).toString("utf8");
}

describe("bad input", () => {
  it("a reference cut after its dot at the end of the file is a located error, not a crash", () => {
    // Found by fuzzing: the count of a reference's segments ran ahead of the segments read.
    expect(located("d{o=e.").map((d) => [d.message, d.span.line, d.span.column, d.help])).toEqual([
      ["`d` is not a block kind", 1, 1, "blocks are host, nic, pf, vswitch, vm, container, iface, traffic, simulation and cost; an attribute is `name = value`"],
      ["expected a name but found '{'", 1, 2, "a name starts with a letter or `_`, then letters, digits, `_` or `-`: `web1`, `intel-x710`"],
      ["expected a name but found the end of the file", 1, 7, "a reference goes on after `.` with the next name, such as `e810.pf0`"],
    ]);
    expect(located("host h {\n  vm v {\n    iface eth0 { attach = e810.\n").map((d) => [d.message, d.span.line, d.span.column, d.help])).toEqual([
      ["expected a name but found the end of the file", 3, 32, "a reference goes on after `.` with the next name, such as `e810.pf0`"],
    ]);
    expect(located("host {\n}\n").map((d) => [d.message, d.help])).toEqual([
      ["a `host` block needs a name", "name it: `host NAME { … }`; other blocks refer to it by that name"],
    ]);
  });

  it("binary junk ends in located, capped syntax errors", () => {
    const diagnostics = located(junk(200_000));
    expect(diagnostics).toHaveLength(MAX_SYNTAX_ERRORS_PER_FILE + 1);
    expect(diagnostics[MAX_SYNTAX_ERRORS_PER_FILE]!.message).toMatch(/^…and \d+ more syntax errors in this file$/);
  });

  it("200k unmatched '{' is refused by the nesting guard at the first brace too deep", () => {
    const diagnostics = located("{".repeat(200_000));
    expect(diagnostics.map((d) => [d.message, d.span.line, d.span.column])).toEqual([
      [`blocks and lists are nested more than ${MAX_NESTING} levels deep`, 1, MAX_NESTING + 1],
    ]);
  });

  it("20k-deep nested lists do not overflow the stack", () => {
    const text = `host h {\n  x = ${"[".repeat(20_000)}${"]".repeat(20_000)}\n}\n`;
    const diagnostics = located(text);
    expect(diagnostics.map((d) => [d.message, d.span.line, d.span.column])).toEqual([
      [`blocks and lists are nested more than ${MAX_NESTING} levels deep`, 2, 7 + MAX_NESTING - 1],
    ]);
  });

  it("nesting at the limit still parses", () => {
    // host { ... } is one level, so 63 list levels reach exactly 64.
    const text = `host h { x = ${"[".repeat(MAX_NESTING - 1)}${"]".repeat(MAX_NESTING - 1)} }`;
    expect(located(text)).toEqual([]);
  });

  it("an unterminated string is one error at the string", () => {
    const diagnostics = located('host h {\n  description = "never closed\n  cores = 4\n}\n');
    expect(diagnostics.map((d) => [d.message, d.span.line, d.span.column, d.span.endColumn])).toEqual([["unterminated string", 2, 17, 30]]);
  });

  it("a 10 MB file of repeated mistakes is capped and located", () => {
    const line = "host h { cores = = 4 }\n";
    const text = line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
    const diagnostics = located(text);
    expect(diagnostics).toHaveLength(MAX_SYNTAX_ERRORS_PER_FILE + 1);
    expect(diagnostics[0]!.message).toBe("expected a value but found '='");
    expect([diagnostics[0]!.span.line, diagnostics[0]!.span.column]).toEqual([1, 18]);
    expect(diagnostics[MAX_SYNTAX_ERRORS_PER_FILE]!.span.line).toBe(MAX_SYNTAX_ERRORS_PER_FILE + 1);
    expect(diagnostics[MAX_SYNTAX_ERRORS_PER_FILE]!.message).toBe("…and at least 900 more syntax errors in this file (parsing stopped after 1000)");
  });
});
