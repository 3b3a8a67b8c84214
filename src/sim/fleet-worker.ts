/**
 * A worker of `simulate --jobs N` (a worker_threads pool, src/cli/fleet-pool.ts) that is handed the
 * topology: it takes groups of hosts from the run's shared counter and simulates them until none is left,
 * beside the main thread and the other workers (sim/fleet.ts). Each group's result is posted to the main
 * thread as soon as it is simulated, so that the main thread takes it in between its own groups rather
 * than all of them at the end, when nothing else is left to do.
 */
import type { Ir } from "../lower/ir.js";
import { groupsToRun, simulateClaimedGroups, type ClaimedResult, type Shard } from "./fleet.js";

/** Where a worker posts its results: the worker's end of a `MessageChannel` (node:worker_threads). */
export interface ResultPort {
  postMessage(claimed: ClaimedResult): void;
}

export interface FleetTask {
  /** The whole topology as JSON (a string is copied to the thread as it is, not walked object by object). */
  readonly ir: string;
  readonly shard?: Shard;
  readonly claims: Int32Array;
  /** Each simulated group's result, posted as soon as the group is done (transferred with the task). */
  readonly results: ResultPort;
}

/** Simulates groups until none is left; returns the indices of those it posted. */
export default function simulateTask(task: FleetTask): number[] {
  const ir = JSON.parse(task.ir) as Ir;
  return simulateClaimedGroups(ir, groupsToRun(ir, task.shard), task.claims, (claimed) => task.results.postMessage(claimed));
}
