/**
 * Typed readers for attribute values: each turns one expression into a domain value, or reports
 * `invalid-value` (with the concrete fix where there is one) and returns undefined so the caller keeps
 * its default. References are not resolved here (see scopes.ts); these readers only see their shape.
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Attribute, Expr, Identifier, NumberLiteral, QuantityLiteral } from "../syntax/ast.js";
import type { Span } from "../syntax/span.js";
import type { Dimension } from "./model.js";
import { singleCore } from "./allocation.js";
import { closestNames, didYouMean, listWords } from "./suggest.js";
import { dimensionPhrase, EXAMPLE_UNIT, nearMissUnit, toCanonical, UNITS, unitsOf } from "./units.js";

/** The canonical unit of each dimension bounded at 2^53 − 1 (durations have their own bound, ratios none). */
const COUNTED_IN: Partial<Record<Dimension, string>> = { size: "bytes (8 PiB)", "bit rate": "bps", "packet rate": "pps", frequency: "Hz", work: "cycles" };

/** The longest time a topology may state, in ns: integer nanoseconds stay exact up to 2^53 − 1 (about 104 days). */
export const MAX_DURATION_NS = Number.MAX_SAFE_INTEGER;

export class ValueReader {
  constructor(
    private readonly sources: ReadonlyMap<string, string>,
    readonly diagnostics: Diagnostic[],
  ) {}

  /** The source text of a span, as the user wrote it. */
  text(span: Span): string {
    const source = this.sources.get(span.file);
    return source === undefined ? "" : source.slice(span.start, span.end);
  }

  invalid(span: Span, message: string, help?: string): undefined {
    this.diagnostics.push(diagnostic("invalid-value", "error", span, message, { help }));
    return undefined;
  }

  /** How a wrong value is named in a message: `found the bit rate `10Gbps``. */
  private found(expr: Expr): string {
    const written = `\`${this.text(expr.span)}\``;
    switch (expr.kind) {
      case "Quantity": {
        const unit = UNITS.get(expr.unit);
        return unit === undefined ? `${written} (unknown unit \`${expr.unit}\`)` : `${dimensionPhrase(unit.dimension).replace(/^an? /, "the ")} ${written}`;
      }
      case "Number":
        return `the number ${written}`;
      case "String":
        return `the string ${written}`;
      case "Mac":
        return `the MAC address ${written}`;
      case "Pci":
        return `the PCI address ${written}`;
      case "Boolean":
        return written;
      case "Auto":
        return "`auto`";
      case "Range":
        return `the range ${written}`;
      case "List":
        return `the list ${written}`;
      case "Call":
        return written;
      case "Ref":
        return written;
    }
  }

  wrongType(attr: string, expected: string, expr: Expr, help?: string): undefined {
    return this.invalid(expr.span, `\`${attr}\` expects ${expected}, found ${this.found(expr)}`, help);
  }

  // (The messages' phrases are made only when there is a mistake: these readers run for every attribute.)
  integer(attr: string, expr: Expr, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    if (expr.kind === "Quantity") {
      const unit = UNITS.get(expr.unit);
      // `mtu = 9000B`: the number alone is what was meant.
      if (unit?.dimension === "size" && unit.factor === 1) return this.wrongType(attr, integerPhrase(min, max), expr, `write the number alone: \`${expr.raw.slice(0, -expr.unit.length)}\``);
      return this.wrongType(attr, integerPhrase(min, max), expr);
    }
    if (expr.kind !== "Number") return this.wrongType(attr, integerPhrase(min, max), expr);
    if (!Number.isFinite(expr.value)) return this.tooLarge(attr, expr);
    if (!Number.isInteger(expr.value)) return this.wrongType(attr, integerPhrase(min, max), expr, `use a whole number, such as \`${Math.round(expr.value)}\``);
    // Past 2^53 a number is no longer exact (9007199254740993 reads as …992): too large, whatever the bounds.
    if (expr.value > Number.MAX_SAFE_INTEGER) return this.tooLarge(attr, expr);
    if (expr.value < min || expr.value > max) {
      return this.invalid(expr.span, `\`${attr}\` must be ${max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`}, found ${expr.raw}`);
    }
    return expr.value;
  }

  boolean(attr: string, expr: Expr): boolean | undefined {
    if (expr.kind === "Boolean") return expr.value;
    const word = expr.kind === "Ref" && expr.segments.length === 1 ? expr.segments[0]!.name : undefined;
    const fix = word === undefined ? undefined : didYouMean(closestNames(word, ["true", "false"], 1));
    return this.wrongType(attr, "`true` or `false`", expr, fix);
  }

  string(attr: string, expr: Expr): string | undefined {
    if (expr.kind === "String") return expr.value;
    const word = expr.kind === "Ref" ? this.text(expr.span) : undefined;
    return this.wrongType(attr, "a string in double quotes", expr, word === undefined ? undefined : `write it as a string: \`"${word}"\``);
  }

  /** A single word out of a closed set (`hypervisor = kvm`). */
  word<T extends string>(attr: string, expr: Expr, allowed: readonly T[]): T | undefined {
    const word = bareWord(expr);
    if (word === undefined) {
      const fromString = expr.kind === "String" && (allowed as readonly string[]).includes(expr.value) ? `write it without quotes: \`${expr.value}\`` : undefined;
      return this.wrongType(attr, `one of ${listWords(allowed)}`, expr, fromString);
    }
    if ((allowed as readonly string[]).includes(word.name)) return word.name as T;
    return this.invalid(word.span, `\`${word.name}\` is not a valid \`${attr}\`: expected one of ${listWords(allowed)}`, didYouMean(closestNames(word.name, allowed)));
  }

  /**
   * A quantity of one of the `dimensions`, in canonical units. A plain `0` is accepted for durations
   * (LANGUAGE.md); any other plain number asks for a unit.
   */
  quantity(attr: string, expr: Expr, dimensions: readonly Dimension[]): { value: number; dimension: Dimension } | undefined {
    const value = this.quantityValue(attr, expr, dimensions);
    if (value === undefined) return undefined;
    // A value was read: a plain number is a zero duration, a quantity has a known unit.
    return { value, dimension: expr.kind === "Quantity" ? UNITS.get(expr.unit)!.dimension : "duration" };
  }

  /** `quantity`'s value alone, for the readers that ask for one dimension (no record per value). */
  quantityValue(attr: string, expr: Expr, dimensions: readonly Dimension[]): number | undefined {
    if (expr.kind === "Number") {
      if (expr.value === 0 && dimensions.includes("duration")) return 0;
      // A bare ratio is most likely a fraction (`1.5` for 150%), not a percentage.
      const fix = dimensions[0] === "ratio" ? `write it as a percentage: \`${Number((expr.value * 100).toPrecision(12))}%\`` : `add a unit: \`${expr.raw}${EXAMPLE_UNIT[dimensions[0]!]}\``;
      return this.invalid(expr.span, `\`${attr}\` expects ${dimensionsPhrase(dimensions)}, found the plain number ${expr.raw}`, fix);
    }
    if (expr.kind !== "Quantity") return this.wrongType(attr, dimensionsPhrase(dimensions), expr);
    const unit = UNITS.get(expr.unit);
    if (unit === undefined || !dimensions.includes(unit.dimension)) {
      const number = expr.raw.slice(0, expr.raw.length - expr.unit.length);
      const fix = nearMissUnit(expr.unit, dimensions);
      const help = fix !== undefined ? `did you mean \`${number}${fix}\`?` : `use one of ${listWords(dimensions.flatMap((d) => unitsOf(d)))}`;
      if (unit === undefined) return this.invalid(expr.span, `unknown unit \`${expr.unit}\` in \`${attr}\`: it expects ${dimensionsPhrase(dimensions)}`, help);
      return this.invalid(expr.span, `\`${attr}\` expects ${dimensionsPhrase(dimensions)}, found ${this.found(expr)}`, help);
    }
    const value = toCanonical(expr.value, expr.unit)!;
    if (!Number.isFinite(value)) return this.tooLarge(attr, expr);
    // The bounds below are of the value as written: rounded to 12 digits, 9007199254740993bps passed as
    // 9007199254740000.
    const written = expr.value * unit.factor;
    // Times become integer nanoseconds (the IR's `durationNs`, `startNs`, …), exact only up to 2^53 ns.
    if (unit.dimension === "duration" && written * 1e9 > MAX_DURATION_NS) {
      return this.invalid(expr.span, `\`${attr}\` is too long: ${expr.raw.length > 24 ? `${expr.raw.slice(0, 20)}…` : expr.raw} is over ${MAX_DURATION_NS} ns (about 104 days)`, "write a realistic value");
    }
    // Sizes become integer bytes (the IR's `memoryBytes`, …), exact only up to 2^53 bytes (8 PiB): past it a
    // number is no byte count (`memory = 1e23GiB` was written to the IR as 1.1e+32). Rates, clocks and cycle
    // counts have the same bound: no device comes near it, and past it the estimate printed a core
    // "5.2e+21 % busy" for `speed = 99999999999999999999999Gbps`.
    const canonical = COUNTED_IN[unit.dimension];
    if (canonical !== undefined && written > Number.MAX_SAFE_INTEGER) {
      return this.invalid(expr.span, `\`${attr}\` is too large: ${expr.raw.length > 24 ? `${expr.raw.slice(0, 20)}…` : expr.raw} is over ${Number.MAX_SAFE_INTEGER} ${canonical}`, "write a realistic value");
    }
    return value;
  }

  /** A literal beyond double precision (`1e400` written out) reads as Infinity: no device has that. */
  private tooLarge(attr: string, expr: NumberLiteral | QuantityLiteral): undefined {
    const shown = expr.raw.length > 24 ? `${expr.raw.slice(0, 12)}…${expr.raw.slice(-8)} (${expr.raw.length} characters)` : expr.raw;
    return this.invalid(expr.span, `\`${attr}\` is too large to be a number: ${shown}`, "write a realistic value");
  }

  /** A set of core numbers: `2..5` or `[0, 1, 24]`. Sorted and distinct. */
  cores(attr: string, expr: Expr): readonly number[] | undefined {
    if (expr.kind === "Range") {
      const from = this.integer(attr, expr.from, 0);
      const to = this.integer(attr, expr.to, 0);
      if (from === undefined || to === undefined) return undefined;
      if (to < from) return this.invalid(expr.span, `the range \`${this.text(expr.span)}\` of \`${attr}\` is empty: its end is below its start`, `write it upwards: \`${to}..${from}\``);
      if (to - from >= 65536) return this.invalid(expr.span, `the range \`${this.text(expr.span)}\` of \`${attr}\` names more than 65536 cores`);
      return Array.from({ length: to - from + 1 }, (_, i) => from + i);
    }
    if (expr.kind === "Number") {
      const one = this.integer(attr, expr, 0);
      return one === undefined ? undefined : singleCore(one);
    }
    if (expr.kind !== "List") return this.wrongType(attr, "a range of cores (`2..5`) or a list (`[0, 1]`)", expr);
    const cores = new Set<number>();
    let ok = true;
    for (const item of expr.items) {
      if (item.kind === "Range") {
        const part = this.cores(attr, item);
        if (part === undefined) ok = false;
        else for (const c of part) cores.add(c);
        continue;
      }
      const core = this.integer(attr, item, 0);
      if (core === undefined) ok = false;
      else cores.add(core);
    }
    return ok ? [...cores].sort((a, b) => a - b) : undefined;
  }

  /** `none` or an integer in range (`vlan`). Returns null for `none`. */
  integerOrNone(attr: string, expr: Expr, min: number, max: number): number | null | undefined {
    const word = bareWord(expr);
    if (word !== undefined) {
      if (word.name === "none") return null;
      return this.invalid(word.span, `\`${attr}\` expects an integer from ${min} to ${max} or \`none\`, found \`${word.name}\``, didYouMean(closestNames(word.name, ["none"])));
    }
    return this.integer(attr, expr, min, max);
  }

  pci(attr: string, expr: Expr): string | undefined {
    if (expr.kind === "Pci") return expr.raw.toLowerCase();
    const fix = expr.kind === "String" && /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.test(expr.value) ? `write it without quotes: \`${expr.value}\`` : "write it as `DDDD:BB:DD.F`, e.g. `0000:3b:00.0`";
    return this.wrongType(attr, "a PCI address", expr, fix);
  }
}

/** What `quantity` expects, in a message. */
function dimensionsPhrase(dimensions: readonly Dimension[]): string {
  return dimensions.map(dimensionPhrase).join(" or ");
}

/** What `integer` expects, in a message. */
function integerPhrase(min: number, max: number): string {
  return max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
}

/** The identifier of a one-segment reference: how enum words reach semantics. */
export function bareWord(expr: Expr): Identifier | undefined {
  return expr.kind === "Ref" && expr.segments.length === 1 ? expr.segments[0] : undefined;
}

