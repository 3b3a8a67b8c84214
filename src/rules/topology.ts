/** Small helpers the rules share to group findings and phrase messages (the rules read the resolved model, semantics/model.ts). */
import { boundToVfio } from "../domain/vfio-binding.js";
import { byId, coreNumaNode, type Container, type Host, type Model, type Pf, type Vm } from "../semantics/model.js";

/**
 * The NUMA node a VM or container runs on: that of its first pinned core (its cores decide; a `numa`
 * that says otherwise is `numa-contradicts-pin`'s finding), else its `numa`.
 */
export function runNode(model: Model, owner: Vm | Container): number {
  return pinnedNode(byId(model.lookup.hosts, owner.host), owner.pin.cores[0], owner.numa);
}

/** `runNode` from what it reads: the guest's host, its first pinned core (undefined: no pin) and its `numa`. */
export function pinnedNode(host: Pick<Host, "cores" | "numaNodes">, firstCore: number | undefined, numa: number): number {
  return firstCore === undefined ? numa : coreNumaNode(host, firstCore);
}

/** The nodes a host has, for a `numa` it lacks: `host h1 has 2 NUMA nodes (0–1)`. */
export function hostNumaNodes(host: Pick<Host, "name" | "numaNodes">): string {
  const nodes = host.numaNodes;
  return `host ${host.name} has ${nodes === 1 ? "one NUMA node (0)" : `${nodes} NUMA nodes (0–${nodes - 1})`}`;
}

/**
 * Whether DPDK outside a VM (a `driver = dpdk` interface, an OVS-DPDK uplink) binds this PF or its VFs to
 * vfio-pci: not on a NIC whose DPDK runs on the kernel driver (mlx5; src/domain/vfio-binding.ts decides).
 */
export function dpdkBindsVfio(model: Model, pf: Pf): boolean {
  return boundToVfio(false, true, byId(model.lookup.nics, pf.nic).model.dpdkBifurcated);
}

/** Appends to the list under `key`, creating it: the grouping step of every linear check. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * A get-or-create on `map` that keeps the last key's entry at hand: for a walk in the model's order, where
 * one key (a host, a PF) comes many times in a row and a lookup in a map of ~100k entries misses the caches.
 */
export function entryOf<V>(map: Map<string, V>, make: () => V): (key: string) => V {
  let lastKey: string | undefined;
  let last: V | undefined;
  return (key) => {
    if (key === lastKey) return last!;
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = make()));
    lastKey = key;
    last = value;
    return value;
  };
}

/** `2..5`, `2, 4` or `2..3, 7`: cores as the author would write them. */
export function formatCores(cores: readonly number[]): string {
  const sorted = [...new Set(cores)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? `${sorted[i]}` : j === i + 1 ? `${sorted[i]}, ${sorted[j]}` : `${sorted[i]}..${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}

/** Cores as a `.sriov` value: `2..5` when contiguous (`0..0` for one core), else a list `[0, 1, 24, 25]`. */
export function coresLiteral(cores: readonly number[]): string {
  const sorted = [...new Set(cores)].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first !== undefined && last !== undefined && last - first === sorted.length - 1) return `${first}..${last}`;
  return `[${sorted.join(", ")}]`;
}

/** "a", "a and b", "a, b and c". */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
