import { describe, expect, it } from "vitest";
import { indexRuns } from "../../src/domain/index-runs.js";

describe("indexRuns", () => {
  it("writes each run of consecutive indices as its ends, ascending, once each", () => {
    expect(indexRuns([])).toBe("(none)");
    expect(indexRuns([3])).toBe("3");
    expect(indexRuns([4, 5, 6, 7])).toBe("4–7");
    expect(indexRuns([6, 9])).toBe("6, 9");
    expect(indexRuns([10, 0, 2, 3, 9, 3, 1])).toBe("0–3, 9–10");
  });

  it("never names an index that is not in the set (a property over random sets)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const values = Array.from({ length: seed % 13 }, (_, i) => (seed * 7919 + i * 104729) % 23);
      const named = new Set<number>();
      if (values.length > 0)
        for (const run of indexRuns(values).split(", ")) {
          const [first, last = first] = run.split("–").map(Number) as [number, number?];
          for (let v = first; v <= last!; v++) named.add(v);
        }
      expect([...named].sort((a, b) => a - b)).toEqual([...new Set(values)].sort((a, b) => a - b));
    }
  });
});
