/**
 * `simulate --jobs N` and `--shard I/N` (docs/SCALE.md): the topology's groups of coupled hosts
 * (sim/fleet.ts), those of one shard or all, simulated by the main thread and N − 1 worker threads of a
 * pool (tinypool), and merged. The report is the same bytes whatever N: each group's result depends on
 * the group alone, and the merge puts everything back in the whole topology's order.
 *
 * What keeps the threads busy (docs/PERFORMANCE.md, "Fleets across cores"):
 * - the main thread simulates too, beside N − 1 workers, with the code its check already compiled;
 * - no thread hands out work: every thread takes the next group from a counter in shared memory
 *   (sim/fleet.ts `claimGroup`), so none waits for another's messages, and none idles at the end while
 *   another still has groups queued;
 * - for a large topology file the workers start, and load their module, while the main thread checks it;
 * - the workers get the groups as soon as the topology is lowered (`begin`), and simulate while the main
 *   thread runs the rules;
 * - the workers get the groups' parts as JSON, not as objects to walk: each worker first gets the group
 *   claimed for it, and starts simulating it before this thread has written out the others; then every
 *   group's part, as UTF-8 in one block of shared memory (sim/shared-strings.ts: posted without a copy,
 *   the same block for every worker), and decodes only those it takes;
 * - a worker posts each group's result as soon as it is simulated, and this thread takes those in between
 *   its own groups, so that the end of a run does not wait for every result to be copied over at once;
 *   the workers are shut down as soon as their results are in, while this thread merges and prints;
 * - the worker is bundled into one file (scripts/bundle-cli.mjs), so a thread loads no module tree.
 */
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import Tinypool from "tinypool";
import { cgroupCpuLimit } from "./cpu-quota.js";
import type { Ir } from "../lower/ir.js";
import { GROUPS_DONE, claimGroup, groupClaims, partCutter, partJson, partOf, simulatePart, type ClaimedResult, type GroupPart, type HostGroup, type PartJson, type PartResult, type Shard } from "../sim/fleet.js";
import type { FleetTask } from "../sim/fleet-worker.js";
import { shareStrings } from "../sim/shared-strings.js";

export { groupsToRun, type HostGroup, type Shard } from "../sim/fleet.js";

/** The worker's module, built by tsc and bundled (scripts/bundle-cli.mjs): dist/sim/ beside dist/cli/. */
const WORKER = fileURLToPath(new URL("../sim/fleet-worker.js", import.meta.url));

/**
 * For a topology file at least this large the workers start before the main thread reads it. Below it
 * the check takes some tens of milliseconds, and a topology that turns out to be one group of hosts would
 * have started threads for nothing.
 */
export const EARLY_START_BYTES = 64 * 1024;

export interface FleetRun {
  readonly groups: readonly HostGroup[];
  readonly results: readonly PartResult[];
}

/** Why a run of groups failed: together they need more events than the budget allows (the whole run would have stopped). */
export function budgetMessage(eventBudget: number): string {
  return `simulation stopped: the event budget of ${eventBudget} events ran out before the end of the simulated time (the budget counts the events of all hosts together); shorten the duration, lower the traffic rates, or raise the budget (--event-budget)`;
}

/** `--jobs` left out: the cores this process may run on, and no more than a container's CPU limit allows. */
export function defaultJobs(): number {
  return Math.min(availableParallelism(), cgroupCpuLimit() ?? Number.POSITIVE_INFINITY);
}

/**
 * V8's interrupt budget (bytecode executed between tier-up checks) for a run of a large topology on
 * several threads: 6× Node 20's default (67,584). On the bench's 64 hosts with `--jobs 2`, the compiler
 * threads' CPU time fell by ~0.6 s (they optimise fewer functions, fewer times: much of the front end's
 * and the estimate's optimised code ran too little to pay for its compilation) for ~0.05 s more on the
 * main thread (docs/PERFORMANCE.md, "`simulate --jobs 2`, second pass"). On one thread the compiler
 * threads have a core of their own and the main thread only loses, so `--jobs 1` keeps the default; so
 * does a small topology (one group, a few milliseconds of check), whose short run needs its optimised
 * code early.
 */
export const THREADED_INTERRUPT_BUDGET = 6 * 67_584;

/**
 * Sets THREADED_INTERRUPT_BUDGET for this process (its workers share V8's flags) before the topology is
 * read: `simulate` calls it when the workers start early (`startsEarly`).
 */
export function tierUpLater(): void {
  setFlagsFromString(`--interrupt-budget=${THREADED_INTERRUPT_BUDGET}`);
}

/**
 * Has V8 optimise without loop peeling from now on, for every thread of the process (V8's flags are the
 * process's): `simulate` calls it once the topology is checked and lowered, when the simulation starts on
 * this thread or is handed to the workers (`Fleet.begin`). Peeling copies each innermost loop's first
 * iteration out of the loop, and the simulator's handlers are full of short loops (over a job's cost
 * categories and counters, the heaps' sifts inlined into every handler that schedules an event): in a
 * fresh thread their compiles took ~8 ms (~10 %) less CPU without it, the first group ~10 ms less CPU and
 * ~7 ms less wall, and the optimised code ran no slower (docs/PERFORMANCE.md, "The simulator's first run
 * in a fresh thread"). The compiles of a run's first group compete with the simulating threads for the
 * cores when every core simulates.
 */
export function optimiseWithoutLoopPeeling(): void {
  setFlagsFromString("--no-turbo-loop-peeling");
}

/**
 * Whether a run starts its workers before it reads the topology (and so tiers up later, `tierUpLater`):
 * a topology file (not standard input) of at least EARLY_START_BYTES, simulated once (not `--compare`, which
 * runs the whole topology once per data path) on more than one thread.
 */
export function startsEarly(file: string, jobs: number, compare: boolean): boolean {
  return !compare && file !== "-" && jobs > 1 && worthStartingEarly(file);
}

/** Whether a topology file is worth starting the workers for before it is read. */
export function worthStartingEarly(file: string): boolean {
  try {
    return statSync(file).size >= EARLY_START_BYTES;
  } catch {
    // The main thread says why it cannot read it.
    return false;
  }
}

/** One worker's share of a run: where it posts each result, and the indices of those it posted once it is done. */
interface WorkerShare {
  readonly results: MessagePort;
  readonly done: Promise<number[] | undefined>;
}

/** The groups handed to the workers, and what each worker hands back. */
interface Handed {
  readonly ir: Ir;
  readonly groups: readonly HostGroup[];
  readonly workers: readonly WorkerShare[];
  /** Every group's part (`partCutter`), made once for the workers' JSON and this thread's groups. */
  readonly cut: (index: number) => GroupPart;
}

/** Stores in `into` every result a worker has posted so far (without waiting: what is already queued). */
function takePosted(worker: WorkerShare, into: (PartResult | undefined)[]): void {
  for (let posted = receiveMessageOnPort(worker.results); posted !== undefined; posted = receiveMessageOnPort(worker.results)) {
    const { index, result } = posted.message as ClaimedResult;
    into[index] = result;
  }
}

/** The threads of one run: N − 1 workers beside the main thread, started at once or when first needed. */
export class Fleet {
  #pool: Tinypool | undefined;
  #closing: Promise<void> | undefined;
  readonly #claims = groupClaims();
  #handed: Handed | undefined;

  private constructor(
    readonly jobs: number,
    readonly shard: Shard | undefined,
  ) {}

  /**
   * The threads of a run on `jobs` threads. With `early` (and more than one thread) the workers start now
   * and load their module while this thread reads the topology; else when a run has more than one group.
   * (A new worker loads its module before it takes a task, and takes tasks by waiting on shared memory, not
   * through this thread's event loop: a task handed to it while this thread is busy checking (`begin`)
   * starts at once. A task to make it load the module would keep it busy, in the pool's count, until this
   * thread read its answer, and the next task would wait for that.)
   */
  static start(jobs: number, shard: Shard | undefined, early = false): Fleet {
    const fleet = new Fleet(jobs, shard);
    if (early && jobs > 1) fleet.#startPool();
    return fleet;
  }

  #startPool(): Tinypool {
    const workers = this.jobs - 1;
    this.#pool = new Tinypool({ filename: WORKER, minThreads: workers, maxThreads: workers });
    return this.#pool;
  }

  /**
   * Hands `groups` of `ir` to the workers now: they start simulating them while this thread does something
   * else (`simulate` checks the topology's rules meanwhile), and this thread joins them in `simulate`, which
   * must get the same `ir` and `groups`. Nothing on one thread, for fewer than two groups, or a second time.
   */
  begin(ir: Ir, groups: readonly HostGroup[]): void {
    if (this.#handed !== undefined || this.jobs < 2 || groups.length < 2) return;
    const pool = this.#pool ?? this.#startPool();
    optimiseWithoutLoopPeeling();
    const workers: WorkerShare[] = [];
    const claimed = new Map<number, PartJson>();
    for (let i = 0; i < Math.min(this.jobs - 1, groups.length - 1); i++) {
      // The worker's first group, claimed for it here and cut out of the topology, goes with the task (one
      // `partOf`: cutting every group at once, `partCutter`, takes longer, and is done after the hand-over).
      const index = claimGroup(this.#claims, groups.length)!;
      const part = partJson(partOf(ir, groups[index]!));
      claimed.set(index, part);
      const { port1, port2 } = new MessageChannel();
      const task: FleetTask = { first: { index, part }, claims: this.#claims, results: port2 };
      // A worker that fails fails no run: what it did not hand back is simulated in this thread.
      const done = (pool.run(task, { transferList: [port2] }) as Promise<number[]>).catch(() => undefined);
      workers.push({ results: port1, done });
    }
    // Every group's part, once the workers have their first groups: they read those they take after
    // simulating their first. (One JSON text per group, not the whole topology: a worker parses only its
    // own groups, and needs neither the list of groups nor a cutter of its own. In shared memory: posted
    // as strings, the 64 parts of the bench's topology were copied whole into the message here and out of
    // it on each worker, ~90 ms more CPU, sim/shared-strings.ts.)
    const cut = partCutter(ir, groups);
    const parts = shareStrings(groups.map((_, index) => claimed.get(index) ?? partJson(cut(index))));
    for (const worker of workers) worker.results.postMessage(parts);
    this.#handed = { ir, groups, workers, cut };
  }

  /**
   * Simulates `groups` (`groupsToRun(ir, shard)` of the fleet's shard) of `ir`; the results come in the
   * groups' order. Once per fleet: the groups are taken from the fleet's one counter.
   */
  async simulate(ir: Ir, groups: readonly HostGroup[], onProgress?: (fraction: number) => void): Promise<FleetRun> {
    if (this.#handed !== undefined && (this.#handed.ir !== ir || this.#handed.groups !== groups)) throw new Error("Fleet.simulate: not the groups handed to the workers");
    this.begin(ir, groups);
    const results: (PartResult | undefined)[] = new Array(groups.length);
    const claims = this.#claims;
    const cut = this.#handed?.cut ?? partCutter(ir, groups);
    const simulateHere = (index: number) => {
      results[index] = simulatePart(cut(index));
    };
    const workers = this.#handed?.workers ?? [];
    const parallel = workers.length > 0;
    for (let index = claimGroup(claims, groups.length); index !== undefined; index = claimGroup(claims, groups.length)) {
      simulateHere(index);
      Atomics.add(claims, GROUPS_DONE, 1);
      onProgress?.(Math.min(1, Atomics.load(claims, GROUPS_DONE) / groups.length));
      if (parallel) {
        // Lets the pool's messages in (a worker that has just started gets its task through them), and
        // takes the results the workers have posted since the last group.
        await new Promise((resolve) => setImmediate(resolve));
        for (const worker of workers) takePosted(worker, results);
      }
    }
    // A worker posts each result before it ends its task, so once its task is done they are all queued.
    await Promise.all(workers.map((worker) => worker.done));
    for (const worker of workers) {
      takePosted(worker, results);
      worker.results.close();
    }
    // Nothing more for the workers: they shut down while this thread merges and prints (`close` waits for it).
    if (parallel) this.#shutDown();
    for (let index = 0; index < groups.length; index++) if (results[index] === undefined) simulateHere(index);
    return { groups, results: results as PartResult[] };
  }

  #shutDown(): void {
    if (this.#pool === undefined) return;
    const closing = this.#pool.destroy();
    // Awaited by `close`; not an unhandled rejection meanwhile.
    closing.catch(() => undefined);
    this.#closing = closing;
    this.#pool = undefined;
  }

  /** Shuts the workers down (if they are not already) and waits until they are gone. */
  async close(): Promise<void> {
    this.#shutDown();
    await this.#closing;
  }
}
