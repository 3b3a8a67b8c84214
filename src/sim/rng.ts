/**
 * xoshiro128** (Blackman & Vigna, 2018): a small, fast 32-bit generator with 128 bits of state, seeded
 * through splitmix32 so that nearby seeds give unrelated streams. Each traffic source draws from its own
 * stream (seed, source index), so adding a source does not perturb the others' arrivals.
 * State lives in a caller-owned Uint32Array slice: no objects in the simulator's hot loop.
 */

/** splitmix32 step: returns the next output and advances `state[0]`. */
function splitmix32(state: Uint32Array, at: number): number {
  let z = (state[at]! + 0x9e3779b9) >>> 0;
  state[at] = z;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Seeds the 4-word state at `states[4*stream ..]` from (seed, stream). */
export function seedStream(states: Uint32Array, stream: number, seed: number): void {
  const mix = new Uint32Array([(seed ^ Math.imul(stream + 1, 0x632be5ab)) >>> 0]);
  for (let i = 0; i < 4; i++) states[4 * stream + i] = splitmix32(mix, 0);
  // An all-zero state would stay zero forever.
  if ((states[4 * stream]! | states[4 * stream + 1]! | states[4 * stream + 2]! | states[4 * stream + 3]!) === 0) states[4 * stream] = 1;
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
