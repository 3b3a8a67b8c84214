/**
 * `simulate --jobs N` and `--shard I/N` (docs/SCALE.md): the topology's groups of coupled hosts
 * (sim/fleet.ts), those of one shard or all, simulated on a pool of N worker threads (tinypool) or in this
 * thread, and merged. The report is the same bytes whatever N: each group's result depends on the group
 * alone, and the merge puts everything back in the whole topology's order.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import Tinypool from "tinypool";
import type { Ir } from "../lower/ir.js";
import { hostGroups, partOf, shardOf, simulatePart, type GroupPart, type HostGroup, type PartResult } from "../sim/fleet.js";
import type { FleetTask } from "../sim/fleet-worker.js";

/** The worker's module, built by tsc: dist/sim/fleet-worker.js beside dist/cli/ (bundled or not). */
const WORKER = fileURLToPath(new URL("../sim/fleet-worker.js", import.meta.url));

export interface Shard {
  /** 0-based. */
  readonly index: number;
  readonly count: number;
}

export interface FleetRun {
  readonly groups: readonly HostGroup[];
  readonly results: readonly PartResult[];
}

/** Why a run of groups failed: together they need more events than the budget allows (the whole run would have stopped). */
export function budgetMessage(eventBudget: number): string {
  return `simulation stopped: the event budget of ${eventBudget} events ran out before the end of the simulated time (the budget counts the events of all hosts together); shorten the duration, lower the traffic rates, or raise the budget (--event-budget)`;
}

export function defaultJobs(): number {
  return availableParallelism();
}

/** The groups a run covers: all of them, or those whose key hashes to the shard. */
export function groupsToRun(ir: Ir, shard?: Shard): HostGroup[] {
  const groups = hostGroups(ir);
  return shard === undefined ? groups : groups.filter((g) => shardOf(g.key, shard.count) === shard.index);
}

/**
 * Cuts the parts into at most `jobs × 4` tasks of neighbouring parts with about the same number of traffic
 * sources each (a simulation's cost grows with its events, roughly with its sources), so that one slow
 * task does not leave the other threads idle at the end.
 */
function tasks(parts: readonly GroupPart[], jobs: number): GroupPart[][] {
  const count = Math.min(parts.length, jobs * 4);
  const weight = (p: GroupPart) => 1 + p.ir.traffic.length;
  const total = parts.reduce((sum, p) => sum + weight(p), 0);
  const out: GroupPart[][] = [];
  let current: GroupPart[] = [];
  let filled = 0;
  for (const part of parts) {
    current.push(part);
    filled += weight(part);
    if (filled >= (total * (out.length + 1)) / count && out.length < count - 1) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Simulates the groups on `jobs` threads (1: in this thread, no pool). Results come in the groups' order. */
export async function simulateGroups(ir: Ir, groups: readonly HostGroup[], jobs: number, onProgress?: (fraction: number) => void): Promise<FleetRun> {
  const parts = groups.map((g) => partOf(ir, g));
  if (jobs <= 1 || parts.length <= 1) {
    const results: PartResult[] = [];
    for (const part of parts) {
      results.push(simulatePart(part));
      onProgress?.(results.length / parts.length);
    }
    return { groups, results };
  }
  const batches = tasks(parts, jobs);
  const pool = new Tinypool({ filename: WORKER, minThreads: Math.min(jobs, batches.length), maxThreads: Math.min(jobs, batches.length) });
  try {
    let done = 0;
    const outcomes = await Promise.all(
      batches.map(async (batch) => {
        const task: FleetTask = { parts: batch.map((p) => ({ ir: p.ir, streams: p.streams, ifaceIndex: p.ifaceIndex })) };
        const results = (await pool.run(task)) as PartResult[];
        done += batch.length;
        onProgress?.(done / parts.length);
        return results;
      }),
    );
    return { groups, results: outcomes.flat() };
  } finally {
    await pool.destroy();
  }
}
