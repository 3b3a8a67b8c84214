/**
 * Every unit a report prints is one the language reads (LANGUAGE.md "Units", REPORTS.md "Figures and their
 * units"): a figure copied from a table, a graph label or a message, without its space, is a quantity of the
 * right dimension whose value is the figure's. A property over each formatter that prints a unit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/parse.js";
import { toCanonical, UNITS } from "../../src/semantics/units.js";
import type { Dimension } from "../../src/semantics/model.js";
import { percent, seconds, si } from "../../src/report/tables.js";
import { shortSi } from "../../src/lower/graph-model.js";
import { formatBitRate } from "../../src/rules/analysis.js";
import { checkSource } from "../helpers/check-source.js";
import { propertyRuns } from "../helpers/property.js";

/** The figure as a `.sriov` file reads it (`host h { a = 494kpps }`): its dimension and value in base units. */
function readBack(figure: string): { dimension: Dimension | "number"; value: number } {
  const written = figure.replace(" ", "");
  const { ast, diagnostics } = parseSource(`host h { a = ${written} }\n`, "t.sriov");
  expect(diagnostics.map((d) => d.message), figure).toEqual([]);
  const block = ast.items[0]!;
  if (block.kind !== "Block") throw new Error("not a block");
  const attribute = block.members[0]!;
  if (attribute.kind !== "Attribute") throw new Error("not an attribute");
  const value = attribute.value;
  if (value.kind === "Number") return { dimension: "number", value: value.value };
  if (value.kind !== "Quantity") throw new Error(`${figure} reads as ${value.kind}`);
  const unit = UNITS.get(value.unit);
  expect(unit, `${figure}: unit ${value.unit}`).toBeDefined();
  return { dimension: unit!.dimension, value: toCanonical(value.value, value.unit)! };
}

/** Figures are rounded to 3 significant digits: the value read back is within half a unit of the third digit. */
function close(read: number, input: number): boolean {
  return Math.abs(read - input) <= Math.abs(input) * 5e-3 + Number.EPSILON;
}

/** Positive figures from far below to far above every unit's range, spread over the orders of magnitude. */
const figures = fc.tuple(fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: -12, max: 24 })).map(([mantissa, exponent]) => mantissa * 10 ** exponent);

describe("every unit a report prints parses back", () => {
  const runs = propertyRuns(500, 20261202);

  it.each([
    ["pps", "packet rate"],
    ["bps", "bit rate"],
    ["Hz", "frequency"],
  ] as const)("tables' si(value, %s), graph labels' shortSi, in its dimension, within the rounding", (unit, dimension) => {
    fc.assert(
      fc.property(figures, (input) => {
        for (const figure of [si(input, unit), shortSi(input, unit)]) {
          const read = readBack(figure);
          expect(read.dimension, figure).toBe(dimension);
          expect(close(read.value, input), `${figure} for ${input}`).toBe(true);
        }
      }),
      runs,
    );
  });

  it("seconds (ns, µs, ms, s) and percent", () => {
    fc.assert(
      fc.property(figures, fc.double({ min: 0, max: 1000, noNaN: true }).map(Math.abs), (input, share) => {
        const time = readBack(seconds(input));
        expect(time.dimension, seconds(input)).toBe("duration");
        expect(close(time.value, input), `${seconds(input)} for ${input}`).toBe(true);
        // Shares up to 1000 (a core 130 % busy, a tenfold overcommit).
        const ratio = readBack(percent(share));
        expect(ratio.dimension).toBe("ratio");
        // percent prints one decimal of a percent.
        expect(Math.abs(ratio.value - share) <= 5e-4 + share * 1e-12, `${percent(share)} for ${share}`).toBe(true);
      }),
      runs,
    );
  });

  it("the bit rates of check's messages (link-oversubscribed)", () => {
    fc.assert(
      fc.property(figures, (input) => {
        const read = readBack(formatBitRate(input));
        expect(read.dimension).toBe("bit rate");
        expect(close(read.value, input), `${formatBitRate(input)} for ${input}`).toBe(true);
      }),
      runs,
    );
  });

  it("prints kilo as SI's k, in the units of the language, and never an exponent", () => {
    expect([si(494_000, "pps"), si(1.2e10, "bps"), si(2.4e9, "Hz"), si(1500, "Hz"), si(0, "pps"), si(0.5, "pps")]).toEqual(["494 kpps", "12.0 Gbps", "2.40 GHz", "1.50 kHz", "0 pps", "0.500 pps"]);
    // Past the largest unit of a dimension, that unit; a count keeps its prefixes.
    expect([si(2e12, "pps"), si(3.5e15, "bps"), si(12_000)]).toEqual(["2000 Gpps", "3500 Tbps", "12.0 k"]);
    expect([seconds(1.23e-5), seconds(2e-10), seconds(4500), seconds(1e-16)]).toEqual(["12.3 µs", "0.200 ns", "4500 s", "0.000000100 ns"]);
    expect([shortSi(25e9, "bps"), shortSi(1.5e6, "pps"), shortSi(100_000, "pps")]).toEqual(["25 Gbps", "1.5 Mpps", "100 kpps"]);
    expect([formatBitRate(14_880_000_000), formatBitRate(999), formatBitRate(1500)]).toEqual(["14.9 Gbps", "999 bps", "1.5 kbps"]);
  });
});

describe("a figure copied from a report into a topology", () => {
  const host = 'host h1 {\n  nic x { model = "intel-x710" pf p0 { vfs = 2 } }\n  iface e { attach = pf(x.p0) }\n}\n';
  const traffic = (rate: string) => `${host}traffic t { to = h1.e  rate = ${rate} }\nsimulation { cost { dma_latency = 1.20µs  hlt_wakeup = 2.50kcyc } }\n`;

  it("checks clean, with the lowercase k, the micro sign and the spellings files already use", () => {
    for (const spelling of ["494kpps", "494Kpps", "494000pps"]) expect(checkSource(traffic(spelling)).filter((d) => d.severity === "error"), spelling).toEqual([]);
    const greek = traffic("1kpps").replace("µs", "\u03bcs");
    expect(checkSource(greek).filter((d) => d.severity === "error")).toEqual([]);
  });

  it("with the space the report prints, it is one syntax error whose fix joins them", () => {
    const errors = checkSource(traffic("494 kpps")).filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.rule, d.message, d.help, d.fixes?.[0]?.edits[0]?.text])).toEqual([
      ["syntax", "a space separates the number 494 from its unit `kpps`", "write the unit right after the number: `494kpps`", "494kpps"],
    ]);
    const micro = checkSource(traffic("1kpps").replace("dma_latency = 1.20µs", "dma_latency = 1.20 µs")).filter((d) => d.severity === "error");
    expect(micro.map((d) => [d.rule, d.message, d.help, d.fixes?.[0]?.edits[0]?.text])).toEqual([
      ["syntax", "a space separates the number 1.20 from its unit `µs`", "write the unit right after the number: `1.20µs`", "1.20µs"],
    ]);
  });

  it("a unit near one of the language's is named in the help by its lowercase spelling", () => {
    const [wrong] = checkSource(traffic("494KPPS")).filter((d) => d.rule === "invalid-value");
    expect([wrong?.message, wrong?.help]).toEqual(["unknown unit `KPPS` in `rate`: it expects a packet rate or a bit rate", "did you mean `494kpps`?"]);
  });
});
