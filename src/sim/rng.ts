/**
 * xoshiro128** (Blackman & Vigna, 2018): a small, fast 32-bit generator with 128 bits of state, seeded
 * through splitmix32 so that nearby seeds give unrelated streams. Each traffic source draws from its own
 * stream (seed, its traffic block and its rank among the block's sources: engine.ts `sourceStream`), so
 * adding a source does not perturb the others' arrivals, and a part of a topology draws as the whole does.
 * State lives in a caller-owned Uint32Array slice: no objects in the simulator's hot loop.
 */

/** splitmix32 output function of one counter value. */
function splitmix32Mix(counter: number): number {
  let z = counter;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Seeds the 4-word state at `states[4*at ..]` (by default at = stream) from (seed, stream): four splitmix32 steps from
 * `seed ^ (stream + 1) × 0x632be5ab`. O(1) and allocation-free, so 100k sources seed in well under a ms.
 */
export function seedStream(states: Uint32Array, stream: number, seed: number, at = stream): void {
  let counter = (seed ^ Math.imul(stream + 1, 0x632be5ab)) >>> 0;
  const o = 4 * at;
  for (let i = 0; i < 4; i++) {
    counter = (counter + 0x9e3779b9) >>> 0;
    states[o + i] = splitmix32Mix(counter);
  }
  // An all-zero state would stay zero forever.
  if ((states[o]! | states[o + 1]! | states[o + 2]! | states[o + 3]!) === 0) states[o] = 1;
}

/** The next 32-bit output of stream `stream`. */
export function nextUint32(s: Uint32Array, stream: number): number {
  const o = 4 * stream;
  const s0 = s[o]!;
  const s1 = s[o + 1]!;
  const s2 = s[o + 2]!;
  const s3 = s[o + 3]!;
  const x = Math.imul(s1, 5);
  const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
  const t = (s1 << 9) >>> 0;
  const n2 = (s2 ^ s0) >>> 0;
  const n3 = (s3 ^ s1) >>> 0;
  s[o + 1] = (s1 ^ n2) >>> 0;
  s[o] = (s0 ^ n3) >>> 0;
  s[o + 2] = (n2 ^ t) >>> 0;
  s[o + 3] = ((n3 << 11) | (n3 >>> 21)) >>> 0;
  return result;
}

/** A uniform double in (0, 1]: never 0, so `-log(u)` is finite. */
export function nextUnit(s: Uint32Array, stream: number): number {
  return (nextUint32(s, stream) + 1) / 4294967296;
}

/**
 * `values` in an order drawn once by a fixed seed (Fisher-Yates, in place; returned): the analytic model's
 * streams of drawn quantities (gated-sender.ts, drawn frame sizes), which must have exactly their
 * distribution's proportions, in an order as mixed as a random one, and the same on every run.
 */
export function shuffledOnce(values: Float64Array): Float64Array {
  const state = new Uint32Array(4);
  seedStream(state, 0, 0x5e4d);
  for (let k = values.length - 1; k > 0; k--) {
    const j = nextUint32(state, 0) % (k + 1);
    const swap = values[k]!;
    values[k] = values[j]!;
    values[j] = swap;
  }
  return values;
}
