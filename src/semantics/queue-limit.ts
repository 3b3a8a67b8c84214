/**
 * How many RSS queues one VF or one VMDq pool of a NIC model can open, and the error past it: decided here
 * once, for the file (resolve.ts, an `invalid-value` at `queues`) and for a what-if that moves an
 * interface onto a VF or a pool (src/lower/what-if.ts refuses it with the same message). The limits are
 * the catalogue's (`maxQueuesPerVf`, `maxQueuesPerVmdqPool`; docs/NIC-CATALOGUE.md gives each one's source).
 */
import type { NicModel } from "./model.js";

export interface QueueLimitProblem {
  readonly message: string;
  readonly help: string | undefined;
}

/** Why `queues` is more than the attachment can open on `model`; undefined when it fits (or is not limited). */
export function queueLimitProblem(queues: number, kind: "vf" | "vdpa" | "vmdq", model: NicModel): QueueLimitProblem | undefined {
  const vmdq = kind === "vmdq";
  const limit = vmdq ? model.maxQueuesPerVmdqPool : model.maxQueuesPerVf;
  if (queues <= 1 || queues <= limit) return undefined;
  const what = vmdq ? "a VMDq pool" : "a VF";
  return {
    message: `\`queues = ${queues}\` is more than ${what} of the \`${model.id}\` can open (${limit})`,
    help: limit >= 1 ? `set \`queues = ${limit}\` or less (docs/NIC-CATALOGUE.md gives each model's limit)` : undefined,
  };
}
