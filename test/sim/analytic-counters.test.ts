/** The estimate's counter records (`perS` of a core and of an interface) list every counter, in COUNTERS order: the report prints them in that order. */
import { describe, expect, it } from "vitest";
import { estimate } from "../../src/sim/analytic.js";
import { buildPlan, COUNTERS } from "../../src/sim/plan.js";
import { fixtureIr } from "./ir-fixtures.js";

describe("the estimate's counter records", () => {
  it("hold every counter in COUNTERS order, on cores and on interfaces", () => {
    const made = estimate(buildPlan(fixtureIr({ path: "vf", ratePps: 1_000_000, itrNs: 0 })));
    expect(made.cores.length).toBeGreaterThan(0);
    expect(made.interfaces.length).toBeGreaterThan(0);
    for (const record of [...made.cores, ...made.interfaces]) expect(Object.keys(record.perS)).toEqual([...COUNTERS]);
    expect(made.cores[0]!.perS.posted_irqs).toBeGreaterThan(0);
  });
});
