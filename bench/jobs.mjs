// Fleets across cores (bench/run.mjs, section "jobs"): `sriovc simulate --jobs 2` against `--jobs 1` on a
// 64-host topology, whole CLI runs, interleaved. The simulated time is the language's default (100 ms, ~30M
// events), so the run is mostly simulation, as on any fleet worth parallelising, but it still starts,
// checks and lowers 58k lines on one thread first. The two reports are compared byte for byte first.
//
// On a machine whose cores other jobs keep busy, wall time cannot show a parallel speed-up, so the row also
// prints CPU times, from a preloaded exit hook (bench/cpu-at-exit.mjs): the whole process's (all threads)
// and the main thread's. From them, an estimate of the idle machine's wall time: a run cannot take less
// than its main thread's CPU time, nor less than the process's CPU time spread over the cores
// (max(main, process / cores)); the ratio of those bounds is what two idle cores would give at best.
// Last, the same one-thread run pinned to each core in turn says whether the two cores were equally fast,
// and the same run on every core at once how much two threads of this work can get out of them together.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { LINES_PER_HOST, generateTopology } from "./generate.mjs";

/**
 * How fast each of the first `cores` cores runs the same one-thread simulate, pinned to it with `taskset`
 * (Linux), alone and all of them at once, in the bench's interleaved rounds (`interleave`: one warm-up
 * each, then core 0, core 1, …, all at once): `alone[core]` its wall times (ms) alone, `together[core]` its
 * wall times when every core ran its copy at the same moment; undefined where cores cannot be pinned.
 *
 * On a virtual machine two cores need not be equally fast (on the project's machines one core at times ran
 * the simulator 30–50 % slower than the other, and which one changed within minutes: docs/PERFORMANCE.md),
 * and two cores busy at once may each run slower than one alone (they share caches and memory; on the
 * project's machines the simulator ran ~10 % slower on each, a loop on registers did not). Either way, a
 * run on two threads cannot do more work per second than these copies did together.
 */
async function coreSpeeds({ work, bin, cores, rounds, interleave }) {
  if (process.platform !== "linux" || spawnSync("taskset", ["-c", "0", "true"]).status !== 0) return undefined;
  const small = join(work, "fleet-4.sriov");
  writeFileSync(small, generateTopology({ lines: 4 * LINES_PER_HOST, durationMs: 100 }).source);
  const args = (core) => ["-c", String(core), process.execPath, bin, "simulate", small, "--format", "json", "--jobs", "1"];
  const pinned = (core) => () => {
    const r = spawnSync("taskset", args(core), { encoding: "utf8", maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`simulate pinned to core ${core} exited ${r.status}: ${r.stderr}`);
  };
  const together = Array.from({ length: cores }, () => []);
  // Every core's copy started at the same moment, each timed from its own start to its own exit.
  const allAtOnce = () =>
    Promise.all(
      together.map(
        (times, core) =>
          new Promise((resolve, reject) => {
            const start = performance.now();
            const child = spawn("taskset", args(core), { stdio: ["ignore", "ignore", "pipe"] });
            let stderr = "";
            child.stderr.on("data", (chunk) => (stderr += chunk));
            child.on("error", reject);
            child.on("close", (code) => {
              if (code !== 0) return reject(new Error(`simulate pinned to core ${core}, all cores at once, exited ${code}: ${stderr}`));
              times.push(performance.now() - start);
              resolve();
            });
          }),
      ),
    );
  const byCore = await interleave({ ...Object.fromEntries(Array.from({ length: cores }, (_, core) => [core, pinned(core)])), all: allAtOnce }, rounds);
  // interleave's warm-up of the "all" side is not a round.
  for (const times of together) times.shift();
  return { alone: Array.from({ length: cores }, (_, core) => byCore[core]), together };
}

export async function runJobsBench({ work, bin, interleave, ratios, median, row, fmtX, fmtMs, quick }) {
  const hosts = 64;
  const topology = join(work, "fleet-64.sriov");
  writeFileSync(topology, generateTopology({ lines: hosts * LINES_PER_HOST, durationMs: quick ? 5 : 100 }).source);
  const cpuFile = join(work, "cpu-ms");
  const cpu = { 1: [], 2: [] };
  const simulate = (jobs) => {
    const r = spawnSync(process.execPath, ["--import", join(import.meta.dirname, "cpu-at-exit.mjs"), bin, "simulate", topology, "--format", "json", "--jobs", String(jobs)], {
      encoding: "utf8",
      maxBuffer: 256 << 20,
      env: { ...process.env, SRIOVC_BENCH_CPU_FILE: cpuFile },
    });
    if (r.status !== 0) throw new Error(`simulate --jobs ${jobs} exited ${r.status}: ${r.stderr}`);
    cpu[jobs].push(JSON.parse(readFileSync(cpuFile, "utf8")));
    return r.stdout;
  };
  if (simulate(1) !== simulate(2)) throw new Error("simulate --jobs 2 printed another report than --jobs 1");
  cpu[1].length = 0;
  cpu[2].length = 0;
  // The ratio is of wall times on a shared machine: the load of these rounds says how far to trust it.
  const loadBefore = loadavg()[0];
  const t = await interleave({ one: () => simulate(1), two: () => simulate(2) }, quick ? 3 : 7);
  const loadAfter = loadavg()[0];
  // interleave runs one warm-up of each side first: its CPU times are dropped like its wall times.
  cpu[1].shift();
  cpu[2].shift();
  const processMs = (jobs) => cpu[jobs].map((c) => c.processMs);
  const mainMs = (jobs) => cpu[jobs].map((c) => c.mainThreadMs);
  const cores = Math.min(2, cpus().length);
  const idleBound = (c) => Math.max(c.mainThreadMs ?? 0, c.processMs / cores);
  const projected = cpu[1].map((c, i) => idleBound(c) / idleBound(cpu[2][i]));
  const busy = (jobs, walls) => (median(processMs(jobs)) / median(walls)).toFixed(2);
  row(
    `simulate --jobs 2 vs --jobs 1, ${hosts} hosts (× faster, wall time)`,
    ratios(t.one, t.two),
    fmtX,
    (x) => x >= 1.7,
    `(medians ${fmtMs(median(t.one))} vs ${fmtMs(median(t.two))}; CPU time of the process ${fmtMs(median(processMs(1)))} vs ${fmtMs(median(processMs(2)))}, of its main thread ` +
      `${fmtMs(median(mainMs(1)))} vs ${fmtMs(median(mainMs(2)))}; cores kept busy ${busy(1, t.one)} vs ${busy(2, t.two)}; load average ${loadBefore.toFixed(2)} before these rounds, ${loadAfter.toFixed(2)} after; reports byte-identical)`,
    "≥ 1.7×",
  );
  // The cores themselves, after the rounds (the same minutes of the machine's load as near as can be).
  // (With one core there is nothing to compare.)
  const speeds = cores < 2 ? undefined : await coreSpeeds({ work, bin, cores, rounds: quick ? 2 : 3, interleave });
  if (speeds !== undefined) {
    const { alone, together } = speeds;
    const medians = alone.map(median);
    const fastest = Math.min(...medians);
    const slowest = Math.max(...medians);
    // Each round's times alone, core by core, and that round's fastest.
    const aloneByRound = alone[0].map((_, r) => alone.map((t) => t[r]));
    const fastestIn = aloneByRound.map((times) => Math.min(...times));
    // Per round: the fastest core's time over the slowest's in that round (1 = equally fast).
    const perRound = aloneByRound.map((times, r) => fastestIn[r] / Math.max(...times));
    row(
      `cores' speed: the same one-thread simulate pinned to each core, slowest core's speed / fastest's`,
      perRound,
      (x) => x.toFixed(2),
      undefined,
      `(medians ${medians.map((m, core) => `core ${core} ${fmtMs(m)}`).join(", ")}: two threads on these cores are at most ${fmtX(1 + fastest / slowest)} one thread on the faster, before any part that runs on one thread)`,
    );
    // Per round: the work the copies did at once per unit of time, over that of the fastest core alone in
    // the same round (each copy is one unit of work: Σ fastest alone / its time at once).
    const atOnce = fastestIn.map((best, r) => together.reduce((sum, t) => sum + best / t[r], 0));
    row(
      `cores together: the same one-thread simulate on every core at once, work per second over one alone on the fastest core (×)`,
      atOnce,
      fmtX,
      undefined,
      `(medians at once ${together.map((t, core) => `core ${core} ${fmtMs(median(t))}`).join(", ")}, alone ${fmtMs(fastest)} on the fastest: ${cores} threads of this work can be at most about this many times one, before any part that runs on one thread)`,
    );
  }
  if (cpu[1].every((c) => c.mainThreadMs !== null))
    row(
      `simulate --jobs 2 vs --jobs 1, ${hosts} hosts: estimate for ${cores} idle cores from CPU times (×)`,
      projected,
      fmtX,
      undefined,
      `(per round, max(main thread, process / ${cores}) of --jobs 1 over that of --jobs 2: the best ${cores} idle cores could give; an estimate, not a measurement)`,
    );
}
