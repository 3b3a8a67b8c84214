/**
 * Formatting is idempotent and keeps meaning: over every file in samples/ and over random programs
 * (comments included) printed without any care for layout, fmt(fmt(x)) == fmt(x), the output parses to
 * the same AST (spans aside), and every comment survives, in order.
 */
import fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatSource } from "../../src/format/format.js";
import { printUnformatted, program } from "./arbitraries.js";
import { parseMeaning } from "./normalize.js";
import { propertyRuns } from "../helpers/property.js";

const SAMPLES = path.resolve(import.meta.dirname, "../../samples");

function sriovFiles(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const full = path.join(directory, name);
      if (statSync(full).isDirectory()) return sriovFiles(full);
      return name.endsWith(".sriov") ? [full] : [];
    });
}

async function expectCanonical(source: string, name: string): Promise<void> {
  const once = await formatSource(source, { filepath: name });
  const twice = await formatSource(once, { filepath: name });
  expect(twice).toBe(once);
  expect(parseMeaning(once, `${name} (formatted)`)).toEqual(parseMeaning(source, name));
}

describe("formatting is idempotent and preserves meaning", () => {
  const samples = sriovFiles(SAMPLES);

  it("finds the samples", () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  for (const sample of samples) {
    it(path.relative(SAMPLES, sample), async () => {
      await expectCanonical(readFileSync(sample, "utf8"), sample);
    });
  }

  it("on 1,000 random programs with comments, printed unformatted", async () => {
    await fc.assert(
      fc.asyncProperty(program, async (generated) => {
        await expectCanonical(printUnformatted(generated), "generated.sriov");
      }),
      propertyRuns(1000, 3001),
    );
  });

  it("on random programs at other widths and indents", async () => {
    await fc.assert(
      fc.asyncProperty(
        program,
        fc.integer({ min: 20, max: 120 }),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        async (generated, printWidth, tabWidth, useTabs) => {
          const source = printUnformatted(generated);
          const options = { printWidth, tabWidth, useTabs };
          const once = await formatSource(source, options);
          expect(await formatSource(once, options)).toBe(once);
          expect(parseMeaning(once)).toEqual(parseMeaning(source));
        },
      ),
      propertyRuns(200, 3002),
    );
  });
});
