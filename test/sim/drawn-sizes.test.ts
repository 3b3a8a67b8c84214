/**
 * The stream of drawn frame sizes the estimate steps adaptive moderation by (src/sim/analytic.ts,
 * `drawnSizes`, `drawnBytes`): the bytes of a run of frames read from the running sums are the bytes of
 * those frames added one by one, wrapping round the stream's end, for runs longer than the stream too (an
 * overloaded queue serves hundreds of thousands of frames per cycle).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { drawnBytes, drawnSizes } from "../../src/sim/analytic.js";
import { IMIX } from "../../src/lower/ir.js";
import { propertyRuns } from "../helpers/property.js";

function addedOneByOne(stream: Float64Array, at: number, count: number): number {
  let bytes = 0;
  for (let k = 0; k < count; k++) bytes += stream[(at + k) % stream.length]!;
  return bytes;
}

describe("drawn frame sizes", () => {
  const drawn = drawnSizes(IMIX);

  it("holds the sizes in their proportions (7:4:1 of 64, 576 and 1500 B)", () => {
    const counts = new Map<number, number>();
    for (const bytes of drawn.stream) counts.set(bytes, (counts.get(bytes) ?? 0) + 1);
    expect([...counts.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [64, Math.round((7 / 12) * 16_384)],
      [576, Math.round((11 / 12) * 16_384) - Math.round((7 / 12) * 16_384)],
      [1500, 16_384 - Math.round((11 / 12) * 16_384)],
    ]);
  });

  it("gives the bytes of a run as adding its frames would, at the stream's end and past it", () => {
    const length = drawn.stream.length;
    expect(drawnBytes(drawn, 0, 0)).toBe(0);
    expect(drawnBytes(drawn, length - 1, 2)).toBe(drawn.stream[length - 1]! + drawn.stream[0]!);
    expect(drawnBytes(drawn, 5, length)).toBe(addedOneByOne(drawn.stream, 5, length));
    expect(drawnBytes(drawn, 3 * length + 7, 2 * length + 11)).toBe(addedOneByOne(drawn.stream, 7, 2 * length + 11));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * length }), fc.integer({ min: 0, max: 3 * length }), (at, count) => {
        expect(drawnBytes(drawn, at, count)).toBe(addedOneByOne(drawn.stream, at, count));
      }),
      propertyRuns(200, 20261203),
    );
  });
});
