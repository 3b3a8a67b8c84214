/**
 * The worker of `simulate --jobs N` (a worker_threads pool, src/cli/fleet-pool.ts): simulates the parts
 * of a topology it is handed, one after the other, and returns their results to be merged (fleet.ts).
 */
import type { Ir } from "../lower/ir.js";
import { simulatePart, type PartResult } from "./fleet.js";

export interface FleetTask {
  readonly parts: readonly { readonly ir: Ir; readonly streams: readonly number[]; readonly ifaceIndex: readonly number[] }[];
}

export default function simulateParts(task: FleetTask): PartResult[] {
  return task.parts.map((part) => simulatePart(part));
}
