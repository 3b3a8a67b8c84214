import { describe, expect, it } from "vitest";
import { cycleOf } from "../../src/sim/analytic.js";

// cycleOf keeps its answers by its arguments (src/sim/analytic.ts): the same question asked again, even
// with other objects of the same values, gets the same answer object; any other value is a new question.
describe("cycleOf's answers by their arguments", () => {
  const ask = (ratePerNs: number, irqNs = 900, sizes = [{ bytes: 64, weight: 7 }, { bytes: 1500, weight: 1 }], after?: { irqNs: number; packetNs: number; delivers: boolean }) =>
    cycleOf(ratePerNs, 8000, false, irqNs, 120, 240, "poisson", 1, 64, 0, sizes, after);

  it("answers the same question, asked with other objects of the same values, with the same answer", () => {
    const first = ask(0.0011, 900, [{ bytes: 64, weight: 7 }, { bytes: 1500, weight: 1 }], { irqNs: 300, packetNs: 80, delivers: true });
    const again = ask(0.0011, 900, [{ bytes: 64, weight: 7 }, { bytes: 1500, weight: 1 }], { irqNs: 300, packetNs: 80, delivers: true });
    expect(again).toBe(first);
  });

  it("works out every other question on its own, with the answer it gives when asked first", () => {
    const base = ask(0.0012);
    const others = [
      ask(0.0012000000000001),
      ask(0.0012, 901),
      ask(0.0012, 900, [{ bytes: 64, weight: 7 }, { bytes: 1500, weight: 2 }]),
      ask(0.0012, 900, undefined, { irqNs: 300, packetNs: 80, delivers: false }),
      ask(0.0012, 900, undefined, { irqNs: 300, packetNs: 80, delivers: true }),
    ];
    for (const other of others) expect(other).not.toBe(base);
    // A guest whose pass delivers the packets adds its work to their latency: another answer, not only
    // another object.
    expect(others[4]).not.toEqual(others[3]);
  });

  it("tells 0 from -0 (a computation may tell them apart: 1 / x)", () => {
    const zero = cycleOf(0.001, 0, false, 900, 120, 240, "constant", 1, 64, 0);
    const minusZero = cycleOf(0.001, -0, false, 900, 120, 240, "constant", 1, 64, 0);
    expect(minusZero).not.toBe(zero);
    expect(minusZero).toEqual(zero);
  });
});
