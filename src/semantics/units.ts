/** Units of LANGUAGE.md "Units": each unit's dimension and its factor to the canonical unit. */
import type { Dimension } from "./model.js";

interface UnitInfo {
  readonly dimension: Dimension;
  readonly factor: number;
  /** Decimal magnitude letter (`K`, `M`, `G`, `T`, or "" for none), to translate near misses between dimensions. */
  readonly magnitude: string;
}

const table: [string, Dimension, number, string][] = [
  ["bps", "bit rate", 1, ""],
  ["Kbps", "bit rate", 1e3, "K"],
  ["Mbps", "bit rate", 1e6, "M"],
  ["Gbps", "bit rate", 1e9, "G"],
  ["Tbps", "bit rate", 1e12, "T"],
  ["pps", "packet rate", 1, ""],
  ["Kpps", "packet rate", 1e3, "K"],
  ["Mpps", "packet rate", 1e6, "M"],
  ["B", "size", 1, ""],
  ["KB", "size", 1e3, "K"],
  ["MB", "size", 1e6, "M"],
  ["GB", "size", 1e9, "G"],
  ["KiB", "size", 1024, "K"],
  ["MiB", "size", 1024 ** 2, "M"],
  ["GiB", "size", 1024 ** 3, "G"],
  ["Hz", "frequency", 1, ""],
  ["KHz", "frequency", 1e3, "K"],
  ["MHz", "frequency", 1e6, "M"],
  ["GHz", "frequency", 1e9, "G"],
  ["ns", "duration", 1e-9, ""],
  ["us", "duration", 1e-6, ""],
  ["ms", "duration", 1e-3, ""],
  ["s", "duration", 1, ""],
  ["%", "ratio", 0.01, ""],
  ["cyc", "work", 1, ""],
  ["Kcyc", "work", 1e3, "K"],
];

export const UNITS: ReadonlyMap<string, UnitInfo> = new Map(table.map(([unit, dimension, factor, magnitude]) => [unit, { dimension, factor, magnitude }]));

/** Units of one dimension, in table order. */
export function unitsOf(dimension: Dimension): string[] {
  return table.filter((row) => row[1] === dimension).map((row) => row[0]);
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
  "packet rate": "Kpps",
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
