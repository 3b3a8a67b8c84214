/**
 * A log-bucketed latency histogram: 32 sub-buckets per power of two (≈2 % relative resolution), so
 * percentiles come out without storing samples and memory stays fixed however long the run. The mean
 * and the maximum are exact.
 */
const SUB_BITS = 5;
const SUB = 1 << SUB_BITS;
const OCTAVES = 40; // up to 2^40 ns ≈ 18 minutes of latency
export const HISTOGRAM_BUCKETS = SUB * OCTAVES;

/** Bucket of a latency in ns (non-negative). */
export function bucketOf(ns: number): number {
  if (ns < SUB) return ns < 0 ? 0 : Math.floor(ns);
  if (ns < 2147483648) {
    // The common case, in integer arithmetic: the exponent from the leading zeros, 5 bits of mantissa.
    const v = ns | 0;
    const exponent = 31 - Math.clz32(v);
    return (exponent - SUB_BITS + 1) * SUB + ((v >>> (exponent - SUB_BITS)) - SUB);
  }
  const exponent = Math.floor(Math.log2(ns));
  const sub = Math.floor(ns / 2 ** (exponent - SUB_BITS)) - SUB;
  const bucket = (exponent - SUB_BITS + 1) * SUB + Math.min(SUB - 1, Math.max(0, sub));
  return bucket < HISTOGRAM_BUCKETS ? bucket : HISTOGRAM_BUCKETS - 1;
}

/** The representative value of a bucket: the middle of its range (exact below 32 ns). */
export function bucketValue(bucket: number): number {
  if (bucket < SUB) return bucket;
  const octave = Math.floor(bucket / SUB) - 1 + SUB_BITS;
  const sub = bucket % SUB;
  const width = 2 ** (octave - SUB_BITS);
  return (SUB + sub) * width + width / 2;
}

/** The q-quantile (0 < q ≤ 1) of the counts in `counts[offset .. offset + HISTOGRAM_BUCKETS)`, clamped to the exact max. */
export function quantile(counts: Uint32Array | Float64Array, offset: number, total: number, q: number, max: number): number {
  if (total <= 0) return 0;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let b = 0; b < HISTOGRAM_BUCKETS; b++) {
    seen += counts[offset + b]!;
    if (seen >= rank) return Math.min(bucketValue(b), max);
  }
  return max;
}
