/**
 * A topology as independent parts (docs/SCALE.md): hosts share no simulated state (cores, rings, links
 * are per host) except through traffic sent from an interface on one host to an interface on another.
 * Hosts joined that way, directly or through others, form one group and are simulated together; every
 * group can run on its own — on another core (`simulate --jobs`) or another machine (`--shard`) — and
 * the groups' reports merge into the report of the whole, byte for byte:
 * - each traffic source draws from the random stream of its index in the whole topology (RunOptions
 *   `streams`), so its arrivals are the same;
 * - a host's events keep their relative order (the engine orders events by time, then by the order they
 *   were scheduled in, and a host's events are scheduled by its own events only);
 * - interfaces go back to their order in the whole topology, cores to (host, core) order;
 * - the event budget applies to the sum: the whole run would have run out of it exactly when the
 *   groups together need more events than it allows.
 * Dependency-free, like the rest of the simulator (Node's own `Buffer` aside, in ./shared-strings.ts: how the
 * parts travel to worker threads).
 */
import { trafficIface } from "../domain/traffic.js";
import type { Ir } from "../lower/ir.js";
import { estimate } from "./analytic.js";
import { dealIntoParts, irCoupledHosts } from "./coupled-hosts.js";
import { runPlan, type RunOptions } from "./engine.js";
import { buildPlan } from "./plan.js";
import { TRANSMIT_ROWS } from "./row-places.js";
import { countHostRows } from "./host-rows.js";
// A part's result and the run's settings a merge needs are written into partial reports: their types are
// generated from schema/partial-report.schema.json (scripts/report-shape.mjs).
import type { MergeSettings, PartResult } from "./report-shape.js";
export type { MergeSettings, PartResult } from "./report-shape.js";
import { buildReport, byHostAndCore, byHostCoreAndName, round6, type InterfaceReport, type SimReport } from "./report.js";
import { sharedCount, sharedString, type SharedStrings } from "./shared-strings.js";

/** Hosts simulated together. */
export interface HostGroup {
  /** Its hosts, in the topology's order. */
  readonly hosts: readonly string[];
  /** The smallest host id (code-unit order): what a shard is chosen by. */
  readonly key: string;
}

/** A group's own topology, and where its sources and interfaces sit in the whole one. */
export interface GroupPart {
  readonly group: HostGroup;
  readonly ir: Ir;
  /** Index in the whole topology's traffic of each of the part's traffic sources (its random stream). */
  readonly streams: number[];
  /** Index in the whole topology's interfaces of each of the part's interfaces. */
  readonly ifaceIndex: number[];
}

/** The groups of hosts that traffic couples, in the topology's order of their first host. */
export function hostGroups(ir: Ir): HostGroup[] {
  const index = new Map<string, number>();
  for (let i = 0; i < ir.hosts.length; i++) index.set(ir.hosts[i]!.id, i);
  const { partOfHost, parts } = irCoupledHosts(ir);
  const groups = dealIntoParts(ir.hosts, parts, (h) => partOfHost[index.get(h.id)!]);
  return groups.map((list) => {
    const hosts = list.map((h) => h.id);
    return { hosts, key: hosts.reduce((min, h) => (h < min ? h : min)) };
  });
}

/** A part of the hosts of a run on several machines: shard `index` (0-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The groups a run covers: all of them, or those whose key hashes to the shard. */
export function groupsToRun(ir: Ir, shard?: Shard): HostGroup[] {
  const groups = hostGroups(ir);
  return shard === undefined ? groups : groups.filter((g) => shardOf(g.key, shard.count) === shard.index);
}

/** Each interface's host, by interface id: computed once per topology when many parts are cut from it. */
export function interfaceHosts(ir: Ir): ReadonlyMap<string, string> {
  return new Map(ir.ifaces.map((f) => [f.id, f.host]));
}

/** A group's own topology: its hosts and everything on them, the traffic into them, the same settings. */
export function partOf(ir: Ir, group: HostGroup, hostOf: ReadonlyMap<string, string> = interfaceHosts(ir)): GroupPart {
  const hosts = new Set(group.hosts);
  const on = <T extends { readonly host: string }>(list: readonly T[]): T[] => list.filter((x) => hosts.has(x.host));
  const ifaceIndex: number[] = [];
  ir.ifaces.forEach((f, i) => {
    if (hosts.has(f.host)) ifaceIndex.push(i);
  });
  const streams: number[] = [];
  const traffic = ir.traffic.filter((t, i) => {
    const mine = hosts.has(hostOf.get(trafficIface(t)) ?? "");
    if (mine) streams.push(i);
    return mine;
  });
  const part: Ir = {
    ...ir,
    hosts: ir.hosts.filter((h) => hosts.has(h.id)),
    nics: on(ir.nics),
    pfs: on(ir.pfs),
    vswitches: on(ir.vswitches),
    vms: on(ir.vms),
    containers: on(ir.containers),
    ifaces: ifaceIndex.map((i) => ir.ifaces[i]!),
    traffic,
  };
  return { group, ir: part, streams, ifaceIndex };
}

/**
 * Every group's part, cut out of `ir` in one pass over each of its lists (`partOf` for each group would
 * pass over all of them once per group: on the bench's 64 hosts ~0.4 ms a group, in each thread): the
 * same parts as `partOf`, the same lists in the same order. A thread that simulates some of `groups`
 * makes this once and takes its parts from it.
 */
export function partCutter(ir: Ir, groups: readonly HostGroup[], hostOf: ReadonlyMap<string, string> = interfaceHosts(ir)): (index: number) => GroupPart {
  const groupOfHost = new Map<string, number>();
  groups.forEach((g, i) => {
    for (const h of g.hosts) groupOfHost.set(h, i);
  });
  const perGroup = <T>(): T[][] => Array.from({ length: groups.length }, () => []);
  const on = <T extends { readonly host: string }>(list: readonly T[]): T[][] => dealIntoParts(list, groups.length, (x) => groupOfHost.get(x.host));
  const hosts = dealIntoParts(ir.hosts, groups.length, (h) => groupOfHost.get(h.id));
  const nics = on(ir.nics);
  const pfs = on(ir.pfs);
  const vswitches = on(ir.vswitches);
  const vms = on(ir.vms);
  const containers = on(ir.containers);
  const ifaceIndex = perGroup<number>();
  ir.ifaces.forEach((f, i) => {
    const g = groupOfHost.get(f.host);
    if (g !== undefined) ifaceIndex[g]!.push(i);
  });
  const streams = perGroup<number>();
  const traffic = perGroup<Ir["traffic"][number]>();
  ir.traffic.forEach((t, i) => {
    const g = groupOfHost.get(hostOf.get(trafficIface(t)) ?? "");
    if (g === undefined) return;
    streams[g]!.push(i);
    traffic[g]!.push(t);
  });
  return (index) => {
    const part: Ir = {
      ...ir,
      hosts: hosts[index]!,
      nics: nics[index]!,
      pfs: pfs[index]!,
      vswitches: vswitches[index]!,
      vms: vms[index]!,
      containers: containers[index]!,
      ifaces: ifaceIndex[index]!.map((i) => ir.ifaces[i]!),
      traffic: traffic[index]!,
    };
    return { group: groups[index]!, ir: part, streams: streams[index]!, ifaceIndex: ifaceIndex[index]! };
  };
}


/** Simulates one part (in this thread: a worker calls this too). */
export function simulatePart(part: { readonly ir: Ir; readonly streams: readonly number[]; readonly ifaceIndex: readonly number[] }, options: RunOptions = {}): PartResult {
  const plan = buildPlan(part.ir);
  const run = runPlan(plan, { ...options, streams: part.streams });
  const report = buildReport(plan, run, estimate(plan));
  const local = new Map(part.ir.ifaces.map((f, i) => [f.id, part.ifaceIndex[i]!]));
  // A report lists every receive row, then every transmit row (`direction: "tx"`), each in topology order.
  const order = (list: readonly InterfaceReport[]) => list.map((f) => local.get(f.id)! + (f.direction === "tx" ? TRANSMIT_ROWS : 0));
  return {
    report,
    interfaceOrder: order(report.interfaces),
    analyticOrder: order(report.analytic.interfaces),
    events: run.events,
    budgetExhausted: run.budgetExhausted,
    hostRows: countHostRows(report, part.ir.hosts.map((h) => h.id)),
  };
}

/**
 * The report of the whole from its parts' (in any order): the same bytes as one run of the whole when
 * printed. Undefined when the parts together ran out of the event budget.
 */
export function mergeParts(parts: readonly PartResult[], simulation: MergeSettings): SimReport | undefined {
  if (parts.some((p) => p.budgetExhausted) || parts.reduce((sum, p) => sum + p.events, 0) > simulation.eventBudget) return undefined;
  const placed = (pick: (p: PartResult) => [readonly InterfaceReport[], readonly number[]]) =>
    parts
      .flatMap((p) => {
        const [list, order] = pick(p);
        return list.map((f, i) => [order[i]!, f] as const);
      })
      .sort((a, b) => a[0] - b[0])
      .map(([, f]) => f);
  // As buildReport writes them.
  return {
    seed: simulation.seed,
    duration_s: round6(simulation.durationNs / 1e9),
    warmup_s: round6(simulation.warmupNs / 1e9),
    interfaces: placed((p) => [p.report.interfaces, p.interfaceOrder]),
    cores: parts.flatMap((p) => p.report.cores).sort(byHostAndCore),
    queues: parts.flatMap((p) => p.report.queues).sort(byHostCoreAndName),
    analytic: {
      interfaces: placed((p) => [p.report.analytic.interfaces, p.analyticOrder]),
      cores: parts.flatMap((p) => p.report.analytic.cores).sort(byHostAndCore),
      queues: parts.flatMap((p) => p.report.analytic.queues).sort(byHostCoreAndName),
    },
  };
}

/** The shard (0 ≤ shard < count) a group belongs to: FNV-1a (32 bits) of its key's UTF-16 code units, mod count. */
export function shardOf(key: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

/**
 * The threads of one run share the list of groups (every thread computes the same list from the same
 * topology) and take the next group to simulate from a counter in shared memory, so that no thread waits
 * for another to hand out work: `claims[NEXT_GROUP]` is the next group to take, `claims[GROUPS_DONE]` how
 * many are simulated (for the progress bar).
 */
export const NEXT_GROUP = 0;
export const GROUPS_DONE = 1;

/** Shared counters for `claimGroup` (two 32-bit integers). */
export function groupClaims(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/** The index of the next group this thread simulates, or undefined when every group is taken. */
export function claimGroup(claims: Int32Array, groupCount: number): number | undefined {
  const index = Atomics.add(claims, NEXT_GROUP, 1);
  return index < groupCount ? index : undefined;
}

/** A simulated group, by its index in the run's list of groups. */
export interface ClaimedResult {
  readonly index: number;
  readonly result: PartResult;
}

/** A part as a worker gets it: what `simulatePart` reads of a `GroupPart`, as JSON (`partJson`). */
export type PartJson = string;

/** The fields of `part` that `simulatePart` reads, as JSON: what a worker is handed for a group. */
export function partJson(part: GroupPart): PartJson {
  const { ir, streams, ifaceIndex } = part;
  return JSON.stringify({ ir, streams, ifaceIndex });
}

/**
 * Takes groups from the shared counter and simulates them until none is left (a worker thread's loop),
 * handing each result on as soon as it is simulated; returns the indices of the groups it simulated.
 * `parts` holds every group's part as JSON (`partJson`), by the group's index in the run's list of
 * groups, in shared memory; a thread decodes only those it takes.
 */
export function simulateClaimedParts(parts: SharedStrings, claims: Int32Array, hand: (claimed: ClaimedResult) => void): number[] {
  const indices: number[] = [];
  const count = sharedCount(parts);
  for (let index = claimGroup(claims, count); index !== undefined; index = claimGroup(claims, count)) {
    hand({ index, result: simulatePart(JSON.parse(sharedString(parts, index)) as Parameters<typeof simulatePart>[0]) });
    indices.push(index);
    Atomics.add(claims, GROUPS_DONE, 1);
  }
  return indices;
}
