/**
 * A worker of `simulate --jobs N` (a worker_threads pool, src/cli/fleet-pool.ts) that is handed the
 * topology: it takes groups of hosts from the run's shared counter and simulates them until none is left,
 * beside the main thread and the other workers (sim/fleet.ts), and returns their results to be merged.
 */
import type { Ir } from "../lower/ir.js";
import { groupsToRun, simulateClaimedGroups, type ClaimedResult, type Shard } from "./fleet.js";

export interface FleetTask {
  /** The whole topology as JSON (a string is copied to the thread as it is, not walked object by object); empty: warm up. */
  readonly ir: string;
  readonly shard?: Shard;
  readonly claims: Int32Array;
}

export default function simulateTask(task: FleetTask): ClaimedResult[] {
  // The warm-up task that makes a new thread load this module while the main thread reads the topology.
  if (task.ir === "") return [];
  const ir = JSON.parse(task.ir) as Ir;
  return simulateClaimedGroups(ir, groupsToRun(ir, task.shard), task.claims);
}
