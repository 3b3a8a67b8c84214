/** Run settings given on a command line (`--seed`, `--duration`), shared by the CLI and the standalone program. */
import type { RunSettings } from "./simulate.js";

/** In nanoseconds; `µs` (and the Greek `μs`) as reports print microseconds, as the language reads them. */
const DURATION_UNITS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, "\u00b5s": 1e3, "\u03bcs": 1e3, ms: 1e6, s: 1e9 };

/**
 * The shortest run a command line may ask for: rates are counted packets over the measured window, and a
 * much shorter window holds too few packets to say anything (a 1 ns run had no warm-up, counted the one
 * packet at t = 0 and reported 1e9 pps offered for a 500 kpps flow). 100 µs leaves a 10 µs warm-up and
 * 45 packets of a 500 kpps flow in the window: the offered rate within about 2 %.
 */
export const MIN_DURATION_NS = 100_000;
/** The longest: integer nanoseconds stay exact up to 2^53 − 1 (about 104 days). */
export const MAX_DURATION_NS = Number.MAX_SAFE_INTEGER;
/**
 * The largest `--event-budget` (and IR `eventBudget`). The budget counts the events of every host of the
 * topology, sharded or not (docs/SCALE.md), so it must hold a fleet's: tens of thousands of hosts at the
 * bench's ~475,000 events per host per 100 ms simulated need about 10^10, and 10^12 leaves room for a second
 * simulated. A whole number that size is still exact as a double. It is a bound, not a guess at what one
 * machine can run: one thread runs a few million events per second.
 */
export const MAX_EVENT_BUDGET = 1_000_000_000_000;

/** `--duration`: integer nanoseconds, or what is wrong with the text, in words. */
export function readDuration(text: string): { ok: true; ns: number } | { ok: false; message: string } {
  const match = /^(\d+(?:\.\d+)?)(ns|us|\u00b5s|\u03bcs|ms|s)$/.exec(text.trim());
  if (!match) return { ok: false, message: `--duration expects a duration such as 100ms, 2s or 500us, got '${text}'` };
  const ns = Math.round(Number(match[1]) * DURATION_UNITS[match[2]!]!);
  if (!(ns <= MAX_DURATION_NS)) return { ok: false, message: `--duration ${text} is too long: at most ${MAX_DURATION_NS} ns (about 104 days)` };
  if (ns < MIN_DURATION_NS) return { ok: false, message: `--duration ${text} is too short to measure rates: at least 100us` };
  return { ok: true, ns };
}

/** `100ms`, `2.5s`, `500us`, `10000ns` → integer nanoseconds; undefined when malformed or out of bounds. */
export function parseDuration(text: string): number | undefined {
  const read = readDuration(text);
  return read.ok ? read.ns : undefined;
}

/** `--event-budget`: a whole number from 1 to MAX_EVENT_BUDGET. */
export function readEventBudget(text: string): { ok: true; events: number } | { ok: false; message: string } {
  if (!/^\d+$/.test(text) || Number(text) < 1) return { ok: false, message: `--event-budget expects a positive whole number, got '${text}'` };
  if (Number(text) > MAX_EVENT_BUDGET) return { ok: false, message: `--event-budget ${text} is too large: at most ${MAX_EVENT_BUDGET.toLocaleString("en")}` };
  return { ok: true, events: Number(text) };
}

/** A seed: a whole number 0 ≤ n < 2^32. */
export function parseSeed(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return n <= 0xffffffff ? n : undefined;
}

/**
 * What is wrong with run settings given as numbers (the API's `simulate` options), in words; undefined when
 * they are in the bounds the command line holds its flags to. A NaN duration never ended the run.
 */
export function runSettingsProblem(settings: RunSettings): string | undefined {
  const { seed, durationNs, eventBudget } = settings;
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) return `seed ${seed} is not a whole number from 0 to 4294967295`;
  if (durationNs !== undefined && !(Number.isInteger(durationNs) && durationNs >= MIN_DURATION_NS && durationNs <= MAX_DURATION_NS))
    return `durationNs ${durationNs} is not a whole number of nanoseconds from ${MIN_DURATION_NS} (100us) to ${MAX_DURATION_NS} (about 104 days)`;
  if (eventBudget !== undefined && !(Number.isInteger(eventBudget) && eventBudget >= 1 && eventBudget <= MAX_EVENT_BUDGET))
    return `eventBudget ${eventBudget} is not a whole number from 1 to ${MAX_EVENT_BUDGET.toLocaleString("en")}`;
  return undefined;
}
