/** Units of LANGUAGE.md "Units": each unit's dimension and its factor to the canonical unit. */
import type { Dimension } from "./model.js";

interface UnitInfo {
  readonly dimension: Dimension;
  readonly factor: number;
  /** Decimal magnitude letter (`K`, `M`, `G`, `T`, or "" for none), to translate near misses between dimensions. */
  readonly magnitude: string;
  /** Another spelling of a unit the table lists first (`Kpps` of `kpps`, `µs` of `us`): accepted, never suggested or printed. */
  readonly alias: boolean;
}

/**
 * **Decision (LANGUAGE.md "Units"):** kilo is SI's lowercase `k` (`kpps`, `kbps`, `kB`, `kHz`, `kcyc`), the
 * spelling reports print (`494 kpps`), so a figure copied from a report is a valid value. The uppercase `K`
 * spellings the language first had (`Kpps`) stay valid, as aliases. `µs` (U+00B5, and the Greek `μs`, U+03BC,
 * which looks the same) is `us`, as reports print microseconds; `us` stays the spelling that is suggested,
 * being easy to type. Each row: unit, dimension, factor to the dimension's base unit, magnitude, alias.
 */
const table: [string, Dimension, number, string, boolean][] = [
  ["bps", "bit rate", 1, "", false],
  ["kbps", "bit rate", 1e3, "K", false],
  ["Kbps", "bit rate", 1e3, "K", true],
  ["Mbps", "bit rate", 1e6, "M", false],
  ["Gbps", "bit rate", 1e9, "G", false],
  ["Tbps", "bit rate", 1e12, "T", false],
  ["pps", "packet rate", 1, "", false],
  ["kpps", "packet rate", 1e3, "K", false],
  ["Kpps", "packet rate", 1e3, "K", true],
  ["Mpps", "packet rate", 1e6, "M", false],
  ["Gpps", "packet rate", 1e9, "G", false],
  ["B", "size", 1, "", false],
  ["kB", "size", 1e3, "K", false],
  ["KB", "size", 1e3, "K", true],
  ["MB", "size", 1e6, "M", false],
  ["GB", "size", 1e9, "G", false],
  ["KiB", "size", 1024, "K", false],
  ["MiB", "size", 1024 ** 2, "M", false],
  ["GiB", "size", 1024 ** 3, "G", false],
  ["Hz", "frequency", 1, "", false],
  ["kHz", "frequency", 1e3, "K", false],
  ["KHz", "frequency", 1e3, "K", true],
  ["MHz", "frequency", 1e6, "M", false],
  ["GHz", "frequency", 1e9, "G", false],
  ["ns", "duration", 1e-9, "", false],
  ["us", "duration", 1e-6, "", false],
  ["\u00b5s", "duration", 1e-6, "", true],
  ["\u03bcs", "duration", 1e-6, "", true],
  ["ms", "duration", 1e-3, "", false],
  ["s", "duration", 1, "", false],
  ["%", "ratio", 0.01, "", false],
  ["cyc", "work", 1, "", false],
  ["kcyc", "work", 1e3, "K", false],
  ["Kcyc", "work", 1e3, "K", true],
];

export const UNITS: ReadonlyMap<string, UnitInfo> = new Map(table.map(([unit, dimension, factor, magnitude, alias]) => [unit, { dimension, factor, magnitude, alias }]));

/** The units of one dimension that messages suggest and completion offers, in table order (no aliases). */
export function unitsOf(dimension: Dimension): string[] {
  return table.filter((row) => row[1] === dimension && !row[4]).map((row) => row[0]);
}

/**
 * The unit a figure of `value` in a dimension's base unit (`pps`, `bps`, `Hz`, `B`) is printed in, as reports
 * and messages print figures: the largest decimal unit of that dimension the language has that is not above
 * it (`494000` pps → `kpps`; past the largest, the largest: `2e12` pps → `Gpps`), so a printed figure is a
 * value the language reads back. Binary units (`KiB`) and aliases are never chosen.
 */
export function printedUnit(value: number, base: string): { readonly unit: string; readonly factor: number } {
  const info = UNITS.get(base);
  if (info === undefined) throw new Error(`printedUnit: unknown unit ${base}`);
  /** Whether a unit is the base unit times a power of 1000 (not `KiB`, not below the base). */
  const decimal = (factor: number) => {
    const exponent = Math.log10(factor / info.factor);
    return exponent > -1e-9 && Math.abs(exponent - Math.round(exponent)) < 1e-9 && Math.round(exponent) % 3 === 0;
  };
  let unit = base;
  let factor = 1;
  for (const [spelling, dimension, rowFactor, , alias] of table) {
    if (dimension !== info.dimension || alias || !decimal(rowFactor)) continue;
    const scale = rowFactor / info.factor;
    if (scale > factor && Math.abs(value) >= scale) [unit, factor] = [spelling, scale];
  }
  return { unit, factor };
}

/**
 * `x` to `digits` significant digits, written as the language writes a number: no exponent (`toPrecision`
 * gives `1.00e+3` and `1.00e-7`, which no `.sriov` number is). `trim` drops trailing zeros (`1.5`, not `1.50`).
 */
export function decimalText(x: number, digits: number, trim = false): string {
  const rounded = Number(x.toPrecision(digits));
  let text = rounded.toPrecision(digits);
  if (text.includes("e")) {
    // Past 10^digits the digits are whole (BigInt writes any size without an exponent); below 10^-6 toFixed
    // writes as many places as the exponent needs.
    const exponent = Number(text.slice(text.indexOf("e") + 1));
    text = exponent >= 0 ? BigInt(Math.round(rounded)).toString() : rounded.toFixed(Math.min(100, digits - 1 - exponent));
  }
  return trim && text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** "a bit rate", "an amount of work": how messages name a dimension. */
export function dimensionPhrase(dimension: Dimension): string {
  switch (dimension) {
    case "bit rate":
      return "a bit rate";
    case "packet rate":
      return "a packet rate";
    case "size":
      return "a size";
    case "frequency":
      return "a frequency";
    case "duration":
      return "a duration";
    case "ratio":
      return "a ratio";
    case "work":
      return "an amount of work";
  }
}

/** A typical unit per dimension, for "add a unit" help. */
export const EXAMPLE_UNIT: Readonly<Record<Dimension, string>> = {
  "bit rate": "Gbps",
  "packet rate": "kpps",
  size: "B",
  frequency: "GHz",
  duration: "us",
  ratio: "%",
  work: "cyc",
};

/** Value in canonical units, rounding away binary noise (`2.4GHz` is 2400000000, not 2399999999.9999998). */
export function toCanonical(value: number, unit: string): number | undefined {
  const info = UNITS.get(unit);
  if (info === undefined) return undefined;
  const product = value * info.factor;
  // A nonzero whole number of at most 12 digits is its own 12-digit rounding: most quantities (`10Gbps`,
  // `1500B`) skip the string round trip. (Zero takes it: it turns -0 into 0.)
  if (Number.isInteger(product) && product !== 0 && product < 1e12 && product > -1e12) return product;
  // A whole number in a whole unit (`1099511627776B`, `5000000000000bps`) has no noise to round away, and
  // 12 digits would change it (to 1099511627780): exact while it is a safe integer.
  if (Number.isInteger(value) && Number.isInteger(info.factor) && Number.isSafeInteger(product)) return product;
  const rounded = Number(product.toPrecision(12));
  return rounded;
}

/**
 * The unit of `wanted` that a near miss in another unit most plausibly meant: same magnitude letter
 * (`GB` → `Gbps`, `MHz` → `Mpps`), or the same spelling up to case for an unknown unit (`gbps` → `Gbps`),
 * or the closest spelling. Undefined when nothing is plausible.
 */
export function nearMissUnit(unit: string, wanted: readonly Dimension[]): string | undefined {
  const candidates = wanted.flatMap(unitsOf);
  const exactCase = candidates.find((c) => c.toLowerCase() === unit.toLowerCase());
  if (exactCase !== undefined) return exactCase;
  const known = UNITS.get(unit);
  if (known !== undefined) {
    if (known.magnitude === "") return undefined;
    return candidates.find((c) => UNITS.get(c)!.magnitude === known.magnitude);
  }
  // Unknown spellings: `Gbit`, `Gb/s`, `GBps` — keep the magnitude letter if there is one.
  const letter = unit[0]?.toUpperCase();
  if (letter !== undefined && "KMGT".includes(letter)) {
    const sameMagnitude = candidates.find((c) => UNITS.get(c)!.magnitude === letter);
    if (sameMagnitude !== undefined) return sameMagnitude;
  }
  return undefined;
}
