/**
 * Which hosts traffic couples: the one answer behind the fleet's groups (fleet.ts, what `simulate --jobs`
 * and `--shard` run apart), the estimate's parts (src/driver/estimate-parts.ts) and the model's parts
 * (src/driver/model-parts.ts). Hosts share nothing in a simulation but traffic from an interface of one
 * to an interface of another; hosts joined that way, directly or through others, form one part.
 * Dependency-free, like the rest of the simulator.
 */

/** Each host's part, by the host's index; parts are numbered in the order of their first host. */
export interface CoupledHosts {
  readonly partOfHost: Int32Array;
  readonly parts: number;
}

/**
 * The parts of `hosts` hosts (indices 0 … hosts − 1), given the coupled pairs: `forEachPair` calls
 * `couple(a, b)` for each source from an interface of host `a` to one of host `b` (a pair with an unknown
 * host is simply not reported).
 */
export function coupledHosts(hosts: number, forEachPair: (couple: (a: number, b: number) => void) => void): CoupledHosts {
  const parent = new Int32Array(hosts);
  for (let i = 0; i < hosts; i++) parent[i] = i;
  const find = (host: number): number => {
    let root = host;
    while (parent[root] !== root) root = parent[root]!;
    for (let at = host; at !== root; ) {
      const next = parent[at]!;
      parent[at] = root;
      at = next;
    }
    return root;
  };
  forEachPair((a, b) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[rb] = ra;
  });
  // A root's part is numbered when its first host is met: parts in the order of their first host.
  const partOfRoot = new Int32Array(hosts).fill(-1);
  const partOfHost = new Int32Array(hosts);
  let parts = 0;
  for (let i = 0; i < hosts; i++) {
    const root = find(i);
    if (partOfRoot[root] === -1) partOfRoot[root] = parts++;
    partOfHost[i] = partOfRoot[root]!;
  }
  return { partOfHost, parts };
}

/** A list dealt into `parts` lists by each item's part (an item of no part is left out), order kept. */
export function dealIntoParts<T>(list: readonly T[], parts: number, partOf: (item: T) => number | undefined): T[][] {
  const out: T[][] = Array.from({ length: parts }, () => []);
  for (const item of list) {
    const p = partOf(item);
    if (p !== undefined) out[p]!.push(item);
  }
  return out;
}
