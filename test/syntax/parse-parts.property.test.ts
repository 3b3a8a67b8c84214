// A large file is parsed part by part (src/syntax/parse.ts `parseInParts`) when every part is free of
// mistakes, and as a whole otherwise. Either way the AST and the diagnostics must be those of the
// whole-file parse: compared here on the samples, a generated topology, and random mutations of them —
// mistakes placed anywhere, and on purpose at and around the places where the text is cut.
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mutate, rng } from "../../bench/fuzz-inputs.mjs";
import { generateTopology } from "../../bench/generate.mjs";
import { parseInParts, parseSource } from "../../src/syntax/parse.js";
import { scanner } from "../../src/syntax/scanner.js";
import { LineIndex } from "../../src/syntax/span.js";
import { REPO } from "../helpers/cli.js";
import { propertyRuns } from "../helpers/property.js";

const SAMPLES = path.join(REPO, "samples");
const seeds = readdirSync(SAMPLES, { recursive: true })
  .filter((f) => String(f).endsWith(".sriov"))
  .map((f) => readFileSync(path.join(SAMPLES, String(f)), "utf8"));
const generated = generateTopology({ lines: 1500 }).source;
seeds.push(generated);

/** The result as `check --format json` and the formatter would see it: spans with line and column. */
function shown(result: ReturnType<typeof parseSource>): string {
  return JSON.stringify({ ast: result.ast, diagnostics: result.diagnostics });
}

function whole(text: string): string {
  return shown(parseSource(text, "t.sriov", Number.POSITIVE_INFINITY));
}

/** The offsets where a text is cut into parts of about `partChars` characters. */
function cuts(text: string, partChars: number): number[] {
  const out: number[] = [];
  const scanPart = scanner(text);
  for (let from = 0; from < text.length; ) {
    const to = scanPart(from, from + partChars).end;
    if (to < text.length) out.push(to);
    from = to;
  }
  return out;
}

/** Text put at a cut (or just before or after it): what could make a part end or begin wrongly. */
const AT_CUT = ["/*", "*/", '"', "'", "#", "//", "}", "{", "[", "(", "host", "import", "template", "\n", "", ":", "=", "vlan 100", "}\n}", "host h {\n", "/* x */", '"a\nb"'];

describe("parsing a large file in parts", () => {
  it("a valid file is parsed in parts (several cuts), to the whole-file parse's AST", () => {
    for (const text of seeds) {
      for (const partChars of [64, 500, 4000]) {
        const lines = new LineIndex("t.sriov", text);
        const parts = parseInParts(text, "t.sriov", lines, partChars);
        expect(parts, `${text.slice(0, 60)} in parts of ${partChars}`).toBeDefined();
        expect(shown(parts!)).toBe(whole(text));
      }
    }
    // The generated topology (~1,500 lines: two hosts, then traffic blocks) is really cut.
    expect(cuts(generated, 64).length).toBeGreaterThan(15);
    expect(cuts(generated, 4000).length).toBeGreaterThanOrEqual(2);
  });

  it("cuts only at a line that starts a declaration after a closing brace, outside comments and strings", () => {
    const text = 'host a {\n  x = 1\n}\n/* }\nhost b { */\nhost c {\n  d = "}\nhost e"\n}\nimport "f"\nhost g {\n}\n';
    const cutAt = cuts(text, 1).map((at) => text.slice(at, at + 6));
    // Not before the comment (its line starts with `/`), nor at `host b` (in the comment), nor at `host e`
    // (in a string), nor at `host g` (after an import, not a brace).
    expect(cutAt).toEqual(["host c", "import"]);
  });

  it("mutated and random inputs: the same AST and diagnostics in parts as whole", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(40, 300, 2000), (which, seed, partChars) => {
        const r = rng(seed);
        let text = seeds[which]!;
        if (r.int(3) > 0) text = mutate(r, text);
        // Then a mistake (or a harmless change) at, just before or just after a cut.
        const atCuts = cuts(text, partChars);
        for (let m = 1 + r.int(3); m > 0 && atCuts.length > 0; m--) {
          const at = Math.max(0, Math.min(text.length, r.pick(atCuts) + r.int(5) - 2));
          const removed = r.int(3) === 0 ? r.int(4) : 0;
          text = text.slice(0, at) + r.pick(AT_CUT) + text.slice(at + removed);
        }
        expect(shown(parseSource(text, "t.sriov", partChars))).toBe(whole(text));
      }),
      propertyRuns(400, 1130),
    );
  });

  it("a mistake in any part makes the whole file be parsed as one, with recovery and every diagnostic", () => {
    const bad = `${generated.slice(0, generated.length - 200)}\n  cores: 8\n${generated.slice(generated.length - 200)}`;
    const lines = new LineIndex("t.sriov", bad);
    expect(parseInParts(bad, "t.sriov", lines, 300)).toBeUndefined();
    const result = parseSource(bad, "t.sriov", 300);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(shown(result)).toBe(whole(bad));
    // A block comment left open in the last part.
    const open = `host a {\n}\nhost b {\n}\n/* ${"x".repeat(100)}\nhost c {\n}\n`;
    expect(cuts(open, 4).length).toBe(1);
    expect(parseInParts(open, "t.sriov", new LineIndex("t.sriov", open), 4)).toBeUndefined();
    expect(shown(parseSource(open, "t.sriov", 4))).toBe(whole(open));
  });
});
