/**
 * A worker of `simulate --jobs N` (a worker_threads pool, src/cli/fleet-pool.ts) that is handed the
 * topology: it takes groups of hosts from the run's shared counter and simulates them until none is left,
 * beside the main thread and the other workers (sim/fleet.ts). Each group's result is posted to the main
 * thread as soon as it is simulated, so that the main thread takes it in between its own groups rather
 * than all of them at the end, when nothing else is left to do.
 *
 * The task comes with the worker's first group already cut out of the topology (a small JSON string), and
 * the whole topology follows on the results port: the worker simulates its first group while the main
 * thread writes the whole one out, and reads it only then.
 */
import type { Ir } from "../lower/ir.js";
import { GROUPS_DONE, groupsToRun, simulateClaimedGroups, simulatePart, type ClaimedResult, type Shard } from "./fleet.js";

/** Where a worker posts its results, and where the whole topology comes from: the worker's end of a `MessageChannel` (node:worker_threads). */
export interface ResultPort {
  postMessage(claimed: ClaimedResult): void;
  once(event: "message", listener: (value: unknown) => void): unknown;
}

/** The group claimed for a worker when it was handed the topology, cut out of it (`partOf`), as JSON. */
export interface FirstGroup {
  readonly index: number;
  readonly part: string;
}

export interface FleetTask {
  readonly first: FirstGroup;
  readonly shard?: Shard;
  readonly claims: Int32Array;
  /**
   * Each simulated group's result, posted as soon as the group is done (transferred with the task); the
   * main thread posts on it, once, the whole topology as JSON (a string is copied to the thread as it is,
   * not walked object by object).
   */
  readonly results: ResultPort;
}

/** Simulates its first group, then groups until none is left; returns the indices of those it posted. */
export default async function simulateTask(task: FleetTask): Promise<number[]> {
  const whole = new Promise<string>((resolve) => task.results.once("message", (json) => resolve(json as string)));
  const first = JSON.parse(task.first.part) as Parameters<typeof simulatePart>[0];
  task.results.postMessage({ index: task.first.index, result: simulatePart(first) });
  Atomics.add(task.claims, GROUPS_DONE, 1);
  const ir = JSON.parse(await whole) as Ir;
  return [task.first.index, ...simulateClaimedGroups(ir, groupsToRun(ir, task.shard), task.claims, (claimed) => task.results.postMessage(claimed))];
}
