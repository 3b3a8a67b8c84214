/**
 * The rate of a closed-loop sender whose `rate` cap draws Poisson gaps (docs/SIMULATION.md "Closed-loop
 * traffic"), as the engine sends it: a send comes a drawn gap after the send before (mean 1/`rate`) if the
 * window has room then; if it does not, the sender waits for the release that makes room and sends a
 * turnaround after it, and no sooner than its gap after its last send. A packet is released `holdNs` after
 * its send (its latency to consumption).
 *
 * Evenly spaced gaps give min(cap, window / (hold + turnaround)), which the closed-loop fixed point takes
 * directly. Drawn gaps give less: a long gap is lost time the window cannot make up, and a run of short
 * ones fills the window and waits. With a window of one every send waits, and the mean gap between sends
 * is E[max(R, X)] = R + g·exp(−R/g) (R the hold and the turnaround, X the gap, exponential of mean g):
 * bare metal at a cap of 100 kpps, 2.8 µs of latency, 64.0 kpps simulated, 64.0 here, where the window's
 * R alone gave 78.0. With more slots the sends wait now and then, which no closed form follows, so the
 * sender is replayed over a fixed stream of gaps: their quantiles (so that their mean and spread are
 * the exponential's, not a sample's), in an order shuffled once by a fixed seed (so that a run of short
 * gaps comes as often as at random).
 */
import { shuffledOnce } from "./rng.js";

/** Gaps replayed, and those at the start left out (the window starts empty, not in its steady state). */
const GAPS = 16_384;
const WARMUP_GAPS = 1_024;

/** Exponential gaps of mean 1, in the fixed shuffled order (built once). */
let unitGaps: Float64Array | undefined;

function gapsOfMeanOne(): Float64Array {
  unitGaps ??= shuffledOnce(Float64Array.from({ length: GAPS }, (_, k) => -Math.log(1 - (k + 0.5) / GAPS)));
  return unitGaps;
}

/**
 * Packets per second of a window of `window` packets, each held `holdNs` from its send to its release,
 * whose sender draws Poisson gaps at `capPps` and, after waiting for room, sends `turnaroundNs` after the
 * release.
 */
export function gatedPoissonRate(window: number, capPps: number, holdNs: number, turnaroundNs: number): number {
  const meanGapNs = 1e9 / capPps;
  if (window === 1) {
    const roundTripNs = holdNs + turnaroundNs;
    return 1e9 / (roundTripNs + meanGapNs * Math.exp(-roundTripNs / meanGapNs));
  }
  const gaps = gapsOfMeanOne();
  // The last `window` sends' times, a ring: slot k % window holds send k's.
  const sent = new Float64Array(window);
  let last = 0;
  let startNs = 0;
  for (let k = 1; k < GAPS; k++) {
    let next = last + gaps[k]! * meanGapNs;
    // Send k needs send k − window's release; the window was full at the last send if it came after it.
    if (k >= window) {
      const released = sent[k % window]! + holdNs;
      if (released > last) next = Math.max(next, released + turnaroundNs);
    }
    sent[k % window] = next;
    last = next;
    if (k === WARMUP_GAPS) startNs = next;
  }
  return (1e9 * (GAPS - 1 - WARMUP_GAPS)) / (last - startNs);
}
