import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closestNames, didYouMean, editDistance } from "../../src/semantics/suggest.js";
import { nearMissUnit, toCanonical, UNITS, unitsOf } from "../../src/semantics/units.js";
import { propertyRuns } from "../helpers/property.js";

describe("edit distance", () => {
  it("counts a swap of adjacent letters as one edit", () => {
    expect(editDistance("vcpsu", "vcpus")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("is symmetric and zero only for equal words", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
      }),
      propertyRuns(100, 2002),
    );
  });
});

describe("closest names", () => {
  it("offers only the nearest candidates", () => {
    expect(closestNames("x71", ["h1", "x710", "web"])).toEqual(["x710"]);
    expect(closestNames("pf2", ["pf0", "pf1", "nic"])).toEqual(["pf0", "pf1"]);
    expect(closestNames("zzz", ["pf0", "x710"])).toEqual([]);
    // Beyond the limit (2 edits for a 4-letter word) nothing is offered, however many candidates tie.
    expect(closestNames("x710", ["eth0", "h1", "h2"])).toEqual([]);
  });

  it("phrases the help", () => {
    expect(didYouMean(["a"])).toBe("did you mean `a`?");
    expect(didYouMean(["a", "b", "c"])).toBe("did you mean `a`, `b` or `c`?");
    expect(didYouMean([])).toBeUndefined();
  });
});

describe("units", () => {
  it("converts to canonical units without binary noise", () => {
    expect(toCanonical(2.4, "GHz")).toBe(2.4e9);
    expect(toCanonical(8, "GiB")).toBe(8 * 1024 ** 3);
    expect(toCanonical(50, "us")).toBe(50e-6);
    expect(toCanonical(20, "%")).toBe(0.2);
    expect(toCanonical(1, "parsec")).toBeUndefined();
    // A whole number in a whole unit is kept exact past 12 digits (it was rounded to 1099511627780).
    expect(toCanonical(1099511627776, "B")).toBe(1099511627776);
    expect(toCanonical(9007199254740991, "bps")).toBe(9007199254740991);
    // A fraction still has its binary noise rounded away (4.35 × 1e12 is 4349999999999.9995).
    expect(toCanonical(4.35, "Tbps")).toBe(4.35e12);
  });

  it("translates near misses to the expected dimension", () => {
    expect(nearMissUnit("GB", ["bit rate"])).toBe("Gbps");
    expect(nearMissUnit("gbps", ["bit rate"])).toBe("Gbps");
    expect(nearMissUnit("MHz", ["packet rate"])).toBe("Mpps");
    expect(nearMissUnit("B", ["bit rate"])).toBeUndefined();
    // Suggestions are the lowercase kilo, as reports print it, never the older spelling.
    expect(nearMissUnit("KPPS", ["packet rate"])).toBe("kpps");
    expect(nearMissUnit("KB", ["packet rate"])).toBe("kpps");
    expect(nearMissUnit("Khz", ["frequency"])).toBe("kHz");
  });

  it("reads kilo as SI's k and as the K files already use, and µs (micro sign or Greek mu) as us", () => {
    for (const [lower, upper] of [["kbps", "Kbps"], ["kpps", "Kpps"], ["kB", "KB"], ["kHz", "KHz"], ["kcyc", "Kcyc"]]) {
      expect(toCanonical(1.5, lower!), lower).toBe(1500);
      expect(toCanonical(1.5, upper!), upper).toBe(1500);
      expect(UNITS.get(lower!)!.dimension).toBe(UNITS.get(upper!)!.dimension);
    }
    expect(toCanonical(12.3, "\u00b5s")).toBe(toCanonical(12.3, "us"));
    expect(toCanonical(12.3, "\u03bcs")).toBe(toCanonical(12.3, "us"));
    // What completion offers and messages list: no alias.
    expect(unitsOf("packet rate")).toEqual(["pps", "kpps", "Mpps", "Gpps"]);
    expect(unitsOf("duration")).toEqual(["ns", "us", "ms", "s"]);
    expect(unitsOf("work")).toEqual(["cyc", "kcyc"]);
  });
});
