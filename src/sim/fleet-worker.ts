/**
 * A worker of `simulate --jobs N` (a worker_threads pool, src/cli/fleet-pool.ts) that is handed the
 * topology: it takes groups of hosts from the run's shared counter and simulates them until none is left,
 * beside the main thread and the other workers (sim/fleet.ts), and returns their results to be merged.
 */
import type { Ir } from "../lower/ir.js";
import { groupsToRun, simulateClaimedGroups, type ClaimedResult, type Shard } from "./fleet.js";

export interface FleetTask {
  /** The whole topology as JSON (a string is copied to the thread as it is, not walked object by object). */
  readonly ir: string;
  readonly shard?: Shard;
  readonly claims: Int32Array;
}

export default function simulateTask(task: FleetTask): ClaimedResult[] {
  const ir = JSON.parse(task.ir) as Ir;
  return simulateClaimedGroups(ir, groupsToRun(ir, task.shard), task.claims);
}
