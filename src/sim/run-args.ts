/** Run settings given on a command line (`--seed`, `--duration`), shared by the CLI and the standalone program. */

const DURATION_UNITS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };

/** `100ms`, `2.5s`, `500us`, `10000ns` → integer nanoseconds; undefined when malformed or not positive. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ns|us|ms|s)$/.exec(text.trim());
  if (!match) return undefined;
  const ns = Math.round(Number(match[1]) * DURATION_UNITS[match[2]!]!);
  return ns > 0 && Number.isSafeInteger(ns) ? ns : undefined;
}

/** A seed: a whole number 0 ≤ n < 2^32. */
export function parseSeed(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return n <= 0xffffffff ? n : undefined;
}
