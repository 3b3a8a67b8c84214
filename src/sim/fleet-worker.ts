/**
 * A worker of `simulate --jobs N` (a worker_threads pool, src/cli/fleet-pool.ts) that is handed the
 * topology's groups of hosts: it takes groups from the run's shared counter and simulates them until none
 * is left, beside the main thread and the other workers (sim/fleet.ts). Each group's result is posted to
 * the main thread as soon as it is simulated, so that the main thread takes it in between its own groups
 * rather than all of them at the end, when nothing else is left to do.
 *
 * The task comes with the worker's first group already cut out of the topology (a small JSON string);
 * every group's part follows on the results port, each as JSON of its own, all in one block of shared
 * memory (./shared-strings.ts): the worker simulates its first group while the main thread writes the
 * others out, and then decodes and reads only the parts of the groups it takes (never the whole topology,
 * nor the groups the other threads take).
 */
import { GROUPS_DONE, simulateClaimedParts, simulatePart, type ClaimedResult, type PartJson } from "./fleet.js";
import type { SharedStrings } from "./shared-strings.js";

/** Where a worker posts its results, and where the groups' parts come from: the worker's end of a `MessageChannel` (node:worker_threads). */
export interface ResultPort {
  postMessage(claimed: ClaimedResult): void;
  once(event: "message", listener: (value: unknown) => void): unknown;
}

/** The group claimed for a worker when it was handed the groups, cut out of the topology (`partJson`). */
export interface FirstGroup {
  readonly index: number;
  readonly part: PartJson;
}

export interface FleetTask {
  readonly first: FirstGroup;
  readonly claims: Int32Array;
  /**
   * Each simulated group's result, posted as soon as the group is done (transferred with the task); the
   * main thread posts on it, once, every group's part (`partJson`), by the group's index in the run's list
   * of groups, in shared memory (`shareStrings`).
   */
  readonly results: ResultPort;
}

/** Simulates its first group, then groups until none is left; returns the indices of those it posted. */
export default async function simulateTask(task: FleetTask): Promise<number[]> {
  const parts = new Promise<SharedStrings>((resolve) => task.results.once("message", (shared) => resolve(shared as SharedStrings)));
  const first = JSON.parse(task.first.part) as Parameters<typeof simulatePart>[0];
  task.results.postMessage({ index: task.first.index, result: simulatePart(first) });
  Atomics.add(task.claims, GROUPS_DONE, 1);
  return [task.first.index, ...simulateClaimedParts(await parts, task.claims, (claimed) => task.results.postMessage(claimed))];
}
