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

type End = { readonly kind: "iface"; readonly iface: string } | { readonly kind: "wire" };

/**
 * The parts of an IR's hosts (by index in `ir.hosts`): the fleet's groups (fleet.ts) and the analytic
 * estimate's stretches (analytic.ts) read this one answer, so what `--jobs` runs apart is what the estimate
 * cuts apart. Transmit traffic (to the wire) stays on its sender's host.
 */
export function irCoupledHosts(ir: {
  readonly hosts: readonly { readonly id: string }[];
  readonly ifaces: readonly { readonly id: string; readonly host: string }[];
  readonly traffic: readonly { readonly from: End; readonly to: End }[];
}): CoupledHosts {
  const index = new Map<string, number>();
  for (let i = 0; i < ir.hosts.length; i++) index.set(ir.hosts[i]!.id, i);
  const hostOf = new Map<string, number | undefined>();
  for (const f of ir.ifaces) hostOf.set(f.id, index.get(f.host));
  return coupledHosts(ir.hosts.length, (couple) => {
    for (const t of ir.traffic) {
      if (t.from.kind !== "iface" || t.to.kind !== "iface") continue;
      const from = hostOf.get(t.from.iface);
      const to = hostOf.get(t.to.iface);
      if (from !== undefined && to !== undefined) couple(from, to);
    }
  });
}

/** A whole topology as this module splits it: the lists by host of the model and of the IR alike. */
export interface HostLists<T extends { readonly from: End; readonly to: End }> {
  readonly hosts: readonly { readonly id: string }[];
  readonly nics: readonly { readonly host: string }[];
  readonly pfs: readonly { readonly host: string }[];
  readonly vswitches: readonly { readonly host: string }[];
  readonly vms: readonly { readonly host: string }[];
  readonly containers: readonly { readonly host: string }[];
  readonly ifaces: readonly { readonly host: string }[];
  readonly traffic: readonly T[];
}

/**
 * A topology (the resolved model or the IR) cut into the parts that traffic couples, in the order of
 * their first host: each part the whole with its lists cut to the part's hosts and the traffic into
 * them (a traffic source belongs to the host of `trafficIface`), everything else shared. `hostOfIface`
 * is an interface's host id; an entity on an unknown host is in no part.
 */
export function splitCoupled<T extends { readonly from: End; readonly to: End }, W extends HostLists<T>>(
  whole: W,
  hostOfIface: (iface: string) => string | undefined,
  trafficIface: (t: T) => string,
): W[] {
  const hosts = whole.hosts;
  if (hosts.length <= 1) return [whole];
  const index = new Map<string, number>();
  for (let i = 0; i < hosts.length; i++) index.set(hosts[i]!.id, i);
  const hostAt = (iface: string): number | undefined => {
    const host = hostOfIface(iface);
    return host === undefined ? undefined : index.get(host);
  };
  const { partOfHost, parts } = coupledHosts(hosts.length, (couple) => {
    for (const t of whole.traffic) {
      if (t.from.kind !== "iface" || t.to.kind !== "iface") continue;
      const from = hostAt(t.from.iface);
      const to = hostAt(t.to.iface);
      if (from !== undefined && to !== undefined) couple(from, to);
    }
  });
  if (parts === 1) return [whole];
  const onHost = (item: { readonly host: string }): number | undefined => {
    const at = index.get(item.host);
    return at === undefined ? undefined : partOfHost[at];
  };
  const partHosts = dealIntoParts(hosts, parts, (h) => partOfHost[index.get(h.id)!]);
  const nics = dealIntoParts(whole.nics, parts, onHost);
  const pfs = dealIntoParts(whole.pfs, parts, onHost);
  const vswitches = dealIntoParts(whole.vswitches, parts, onHost);
  const vms = dealIntoParts(whole.vms, parts, onHost);
  const containers = dealIntoParts(whole.containers, parts, onHost);
  const ifaces = dealIntoParts(whole.ifaces, parts, onHost);
  const traffic = dealIntoParts(whole.traffic, parts, (t) => {
    const at = hostAt(trafficIface(t));
    return at === undefined ? undefined : partOfHost[at];
  });
  return partHosts.map((_, p) => ({
    ...whole,
    hosts: partHosts[p]!,
    nics: nics[p]!,
    pfs: pfs[p]!,
    vswitches: vswitches[p]!,
    vms: vms[p]!,
    containers: containers[p]!,
    ifaces: ifaces[p]!,
    traffic: traffic[p]!,
  }));
}
