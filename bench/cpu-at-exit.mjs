// Preloaded (`node --import ./bench/cpu-at-exit.mjs …`) into a CLI run by bench/jobs.mjs: at exit, writes
// to the file named by SRIOVC_BENCH_CPU_FILE the CPU time (user + system, in ms) of the whole process (all
// its threads: workers, the garbage collector's and the compiler's helpers) and of its main thread alone
// (Linux: /proc/thread-self/stat; null elsewhere).
import { readFileSync, writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const file = process.env["SRIOVC_BENCH_CPU_FILE"];

function mainThreadMs() {
  try {
    const stat = readFileSync("/proc/thread-self/stat", "utf8");
    // Fields after the command name: state is the 3rd, utime and stime the 14th and 15th (in clock ticks of 10 ms).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

if (file && isMainThread)
  process.on("exit", () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(file, JSON.stringify({ processMs: (user + system) / 1000, mainThreadMs: mainThreadMs() }));
  });
