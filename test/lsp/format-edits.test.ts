/** The formatter's output as line edits: whole documents, selections, and the check that keeps a selection whole. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyHunks, hunksWithin, lineHunks, MAX_DIFF_EDITS, rangeHunks } from "../../src/lsp/format-edits.js";

describe("lineHunks", () => {
  it("replaces only the lines that differ", () => {
    const original = "host a {\ncores=4\n}\nhost b {\n    cores = 2\n}\n";
    const formatted = "host a {\n    cores = 4\n}\nhost b {\n    cores = 2\n}\n";
    expect(lineHunks(original, formatted)).toEqual([{ from: 9, to: 17, text: "    cores = 4\n" }]);
  });

  it("inserts and deletes lines, and handles a last line without an end", () => {
    expect(lineHunks("a\nb", "a\nx\nb\n")).toEqual([{ from: 2, to: 3, text: "x\nb\n" }]);
    expect(lineHunks("a\n\n\nb\n", "a\n\nb\n")).toEqual([{ from: 3, to: 4, text: "" }]);
    expect(lineHunks("same\n", "same\n")).toEqual([]);
  });

  it("applied in full, gives the formatted text (any two texts)", () => {
    const text = fc.array(fc.constantFrom("a\n", "b\n", "}\n", "\n", "x", "\r\n", "c d\n"), { maxLength: 30 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, text, (original, formatted) => {
        const hunks = lineHunks(original, formatted);
        expect(applyHunks(original, hunks)).toBe(formatted);
        // In order, apart, and each a change.
        for (let i = 1; i < hunks.length; i++) expect(hunks[i]!.from).toBeGreaterThan(hunks[i - 1]!.to);
        for (const hunk of hunks) expect(hunk.from !== hunk.to || hunk.text !== "").toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it(`past ${MAX_DIFF_EDITS} lines inserted and deleted, is one hunk from the first changed line to the last`, () => {
    const body = (width: number): string => Array.from({ length: MAX_DIFF_EDITS / 2 + 1 }, (_, i) => `${" ".repeat(width)}x${i}\n`).join("");
    const original = `keep\n${body(0)}tail\n`;
    const formatted = `keep\n${body(4)}tail\n`;
    const hunks = lineHunks(original, formatted);
    expect(hunks).toEqual([{ from: 5, to: original.length - 5, text: body(4) }]);
    // One changed line fewer is within the bound: a hunk for each run of changed lines (two runs here,
    // where the fallback gives one).
    const split = (text: string, drop: number): string => {
      const lines = text.slice(drop).split(/(?<=\n)/);
      return [...lines.slice(0, 100), "mid\n", ...lines.slice(100)].join("");
    };
    expect(lineHunks(`keep\n${split(body(0), 3)}tail\n`, `keep\n${split(body(4), 7)}tail\n`)).toHaveLength(2);
  });
});

describe("hunksWithin", () => {
  const hunks = [
    { from: 0, to: 4, text: "A" },
    { from: 10, to: 10, text: "I" },
    { from: 20, to: 30, text: "B" },
  ];
  it("takes the hunks that overlap the text, and insertions at its ends", () => {
    expect(hunksWithin(hunks, 4, 10)).toEqual([hunks[1]]);
    expect(hunksWithin(hunks, 3, 10)).toEqual([hunks[0], hunks[1]]);
    expect(hunksWithin(hunks, 11, 20)).toEqual([]);
    expect(hunksWithin(hunks, 11, 21)).toEqual([hunks[2]]);
  });
});

describe("rangeHunks", () => {
  const original = "host a {\ncores=4\n}\nhost b {\ncores=2\n}\n";
  const formatted = "host a {\n    cores = 4\n}\nhost b {\n    cores = 2\n}\n";
  const format = (_text: string): Promise<string> => Promise.resolve(formatted);

  it("takes the hunks on the selection's lines when the result formats to the same text", async () => {
    const hunks = await rangeHunks(original, formatted, 28, 36, format);
    expect(applyHunks(original, hunks)).toBe("host a {\ncores=4\n}\nhost b {\n    cores = 2\n}\n");
  });

  it("takes every hunk when the selection's hunks alone do not format to the same text", async () => {
    const hunks = await rangeHunks(original, formatted, 28, 36, (text) => Promise.resolve(text === formatted ? text : "other"));
    expect(applyHunks(original, hunks)).toBe(formatted);
  });

  it("takes every hunk when the selection's hunks alone do not parse", async () => {
    const hunks = await rangeHunks(original, formatted, 28, 36, () => Promise.reject(new Error("syntax error")));
    expect(applyHunks(original, hunks)).toBe(formatted);
  });

  it("takes nothing when the selection's lines are formatted already", async () => {
    expect(await rangeHunks(original, formatted, 0, 9, format)).toEqual([]);
  });
});
