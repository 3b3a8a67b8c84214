/** `check --fix`'s passes (src/diagnostics/fixes.ts `fixInPasses`): until nothing safe is left, and never round in a circle. */
import { describe, expect, it } from "vitest";
import { diagnostic, type Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { applyEdits, fixInPasses } from "../../src/diagnostics/fixes.js";
import { LineIndex } from "../../src/syntax/span.js";

/** A checker of `numa = N` files: its one finding asks for `numa = want(N)`, as a safe fix. */
function checker(files: Map<string, string>, want: (numa: number) => number) {
  return () => {
    const diagnostics: Diagnostic[] = [];
    for (const [file, text] of files) {
      const match = /numa = (\d+)/.exec(text)!;
      const numa = Number(match[1]);
      if (want(numa) === numa) continue;
      const at = match.index + "numa = ".length;
      const span = new LineIndex(file, text).span(at, at + match[1]!.length);
      diagnostics.push(diagnostic("numa-mismatch", "warning", span, `numa ${numa}`, { fixes: [{ description: "set numa", safe: true, edits: [{ range: span, text: String(want(numa)) }] }] }));
    }
    return { diagnostics, sources: new Map(files) };
  };
}

describe("fixInPasses", () => {
  it("applies fixes pass after pass until none is left, and writes each changed text", () => {
    const files = new Map([["a.sriov", "vm { numa = 0 }\n"]]);
    const writes: string[] = [];
    const check = checker(files, (n) => Math.min(n + 1, 3));
    const { last, ...run } = fixInPasses(check, check(), (file, text) => (files.set(file, text), writes.push(text)), 10);
    expect(run).toEqual({ fixes: 3, files: new Set(["a.sriov"]), cycling: new Set() });
    // The check after the last pass: nothing left.
    expect(last.diagnostics).toEqual([]);
    expect(writes).toEqual(["vm { numa = 1 }\n", "vm { numa = 2 }\n", "vm { numa = 3 }\n"]);
  });

  it("stops at fixes that undo each other, without writing the file back to a text it had", () => {
    // 0 → 1 → 0 → …: before, ten passes said "applied 10 fixes" and left the file as it began.
    const files = new Map([["a.sriov", "vm { numa = 0 }\n"], ["b.sriov", "vm { numa = 5 }\n"]]);
    const writes: [string, string][] = [];
    const check = checker(files, (n) => (n === 5 ? 6 : n === 6 ? 6 : 1 - n));
    const { last, ...run } = fixInPasses(check, check(), (file, text) => (files.set(file, text), writes.push([file, text])), 10);
    expect(run).toEqual({ fixes: 2, files: new Set(["a.sriov", "b.sriov"]), cycling: new Set(["a.sriov"]) });
    expect(last.diagnostics.map((d) => `${d.span.file} ${d.message}`)).toEqual(["a.sriov numa 1"]);
    expect(writes).toEqual([
      ["a.sriov", "vm { numa = 1 }\n"],
      ["b.sriov", "vm { numa = 6 }\n"],
    ]);
    expect(files.get("a.sriov")).toBe("vm { numa = 1 }\n");
  });

  it("never writes standard input", () => {
    const files = new Map([["<stdin>", "vm { numa = 0 }\n"]]);
    const check = checker(files, () => 1);
    const { last, ...run } = fixInPasses(check, check(), () => expect.unreachable(), 10, "<stdin>");
    expect(run).toEqual({ fixes: 0, files: new Set(), cycling: new Set() });
    expect(last.diagnostics.map((d) => d.span.file)).toEqual(["<stdin>"]);
  });
});

describe("applyEdits", () => {
  const edit = (start: number, end: number, text: string) => ({ range: new LineIndex("t", "abcdef").span(start, end), text });
  it("applies edits in order of place, an insertion and a replacement side by side", () => {
    expect(applyEdits("abcdef", [edit(4, 6, "Z"), edit(0, 0, ">"), edit(1, 3, "")])).toBe(">adZ");
  });

  it("refuses edits that overlap, run backwards or reach past the text, rather than return garbage", () => {
    // Before: "ZYef" and "abcZbc".
    expect(() => applyEdits("abcdef", [edit(0, 3, "Z"), edit(1, 4, "Y")])).toThrow(new RangeError("applyEdits: the edit of 1..4 overlaps one that ends at 3"));
    expect(() => applyEdits("abc", [{ range: { ...edit(0, 0, "").range, start: 5, end: 1 }, text: "Z" }])).toThrow(RangeError);
    expect(() => applyEdits("abc", [edit(2, 6, "Z")])).toThrow(new RangeError("applyEdits: an edit of 2..6 does not lie inside the text (0..3) running forward"));
  });
});
