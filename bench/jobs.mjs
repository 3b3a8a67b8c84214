// Fleets across cores (bench/run.mjs, section "jobs"): `sriovc simulate --jobs 2` against `--jobs 1` on a
// 64-host topology, whole CLI runs, interleaved. The simulated time is the language's default (100 ms, ~30M events), long enough that
// the simulation, not the check and lowering before it, is most of a run, as on any fleet worth
// parallelising. The two reports are compared byte for byte first.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LINES_PER_HOST, generateTopology } from "./generate.mjs";

export async function runJobsBench({ work, bin, interleave, ratios, median, row, fmtX, fmtMs, quick }) {
  const hosts = 64;
  const topology = join(work, "fleet-64.sriov");
  writeFileSync(topology, generateTopology({ lines: hosts * LINES_PER_HOST, durationMs: quick ? 5 : 100 }).source);
  // CPU time of each run (all its threads), from a preloaded exit hook: on a machine whose cores other
  // jobs keep busy, wall time cannot show a parallel speed-up, but CPU time shows what the threads cost.
  const cpuFile = join(work, "cpu-ms");
  const cpu = { 1: [], 2: [] };
  const simulate = (jobs) => {
    const r = spawnSync(process.execPath, ["--import", join(import.meta.dirname, "cpu-at-exit.mjs"), bin, "simulate", topology, "--format", "json", "--jobs", String(jobs)], {
      encoding: "utf8",
      maxBuffer: 256 << 20,
      env: { ...process.env, SRIOVC_BENCH_CPU_FILE: cpuFile },
    });
    if (r.status !== 0) throw new Error(`simulate --jobs ${jobs} exited ${r.status}: ${r.stderr}`);
    cpu[jobs].push(Number(readFileSync(cpuFile, "utf8")));
    return r.stdout;
  };
  if (simulate(1) !== simulate(2)) throw new Error("simulate --jobs 2 printed another report than --jobs 1");
  const t = await interleave({ one: () => simulate(1), two: () => simulate(2) }, quick ? 3 : 7);
  row(
    `simulate --jobs 2 vs --jobs 1, ${hosts} hosts (× faster)`,
    ratios(t.one, t.two),
    fmtX,
    (x) => x >= 1.7,
    `(medians ${fmtMs(median(t.one))} vs ${fmtMs(median(t.two))}; CPU time ${fmtMs(median(cpu[1]))} vs ${fmtMs(median(cpu[2]))}, cores kept busy ${(median(cpu[1]) / median(t.one)).toFixed(2)} vs ${(median(cpu[2]) / median(t.two)).toFixed(2)}; reports byte-identical)`,
    "≥ 1.7×",
  );
}
