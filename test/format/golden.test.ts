/**
 * Golden before/after pairs: test/format/golden/NAME.input.sriov formats to NAME.output.sriov. Regenerate
 * with UPDATE_GOLDEN=1 (then review the diff); without it a missing or different output fails.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatSource } from "../../src/format/format.js";
import { parseMeaning } from "./normalize.js";

const GOLDEN = path.join(import.meta.dirname, "golden");
const UPDATE = process.env["UPDATE_GOLDEN"] === "1";
const inputs = readdirSync(GOLDEN)
  .filter((name) => name.endsWith(".input.sriov"))
  .sort();

describe("golden formatting", () => {
  it("has a pair for every construct", () => {
    expect(inputs.length).toBeGreaterThanOrEqual(10);
  });

  for (const input of inputs) {
    const name = input.slice(0, -".input.sriov".length);
    it(name, async () => {
      const source = readFileSync(path.join(GOLDEN, input), "utf8");
      const outputPath = path.join(GOLDEN, `${name}.output.sriov`);
      const formatted = await formatSource(source, { filepath: input });
      if (UPDATE) writeFileSync(outputPath, formatted);
      expect(existsSync(outputPath), `${name}.output.sriov is missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(formatted).toBe(readFileSync(outputPath, "utf8"));
      // The golden output is itself canonical, and means what the input meant.
      expect(await formatSource(formatted, { filepath: input })).toBe(formatted);
      expect(parseMeaning(formatted, name)).toEqual(parseMeaning(source, name));
    });
  }
});
