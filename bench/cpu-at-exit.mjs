// Preloaded (`node --import ./bench/cpu-at-exit.mjs …`) into a CLI run by bench/jobs.mjs: at exit, writes
// the process's CPU time (user + system, all threads, in ms) to the file named by SRIOVC_BENCH_CPU_FILE.
import { writeFileSync } from "node:fs";

const file = process.env["SRIOVC_BENCH_CPU_FILE"];
if (file)
  process.on("exit", () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(file, String((user + system) / 1000));
  });
