/**
 * Comments anywhere: a comment inserted at any token boundary of a random program (inside headers, name
 * patterns, ranges, references, between `=` and a value...) is kept, and formatting stays idempotent.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSource } from "../../src/format/format.js";
import { parseSource } from "../../src/syntax/parse.js";
import { printUnformatted, program } from "./arbitraries.js";
import { propertyRuns } from "../helpers/property.js";
import { parseMeaning } from "./normalize.js";

/** Every offset where some node starts or ends: always between two tokens. */
function boundaries(text: string): number[] {
  const offsets = new Set<number>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== "object") return;
    const span = (value as { span?: { start: number; end: number } }).span;
    if (span) offsets.add(span.start).add(span.end);
    for (const [key, inner] of Object.entries(value)) if (key !== "span" && key !== "comments") visit(inner);
  };
  visit(parseSource(text, "x.sriov").ast.items);
  return [...offsets].sort((a, b) => a - b);
}

describe("comments at any token boundary", () => {
  it("are kept, and formatting is idempotent", async () => {
    await fc.assert(
      fc.asyncProperty(
        program,
        fc.array(
          fc.tuple(fc.nat(), fc.constantFrom("// here\n", "/* here */", "\n// own line\n", "\n/* own line */\n", "\n\n/* two\n   lines */\n\n", "/* a\nb */")),
          { minLength: 1, maxLength: 4 },
        ),
        async (generated, insertions) => {
          let source = printUnformatted(generated);
          const points = boundaries(source);
          if (points.length === 0) return;
          const chosen = insertions.map(([index, comment]) => [points[index % points.length]!, comment] as const).sort((a, b) => b[0] - a[0]);
          for (const [at, comment] of chosen) source = source.slice(0, at) + comment + source.slice(at);
          const once = await formatSource(source);
          const context = `input:\n${source}\n---- formatted:\n${once}`;
          expect(await formatSource(once), context).toBe(once);
          const before = parseMeaning(source);
          const after = parseMeaning(once);
          expect(after.ast, context).toEqual(before.ast);
          // Every comment, each once; the order of comments is checked by properties.test.ts (positions of the
          // generator), not here: prettier may swap a comment before a comma with one after it.
          expect([...after.comments].sort(), context).toEqual([...before.comments].sort());
        },
      ),
      // PROP_SEED and PROP_RUNS explore further; counterexamples found that way are kept, shrunk, in
      // regressions.test.ts.
      propertyRuns(500, 20261130),
    );
  });
});
