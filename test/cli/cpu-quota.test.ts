// `simulate --jobs` left out takes no more threads than a container's CPU limit allows (src/cli/cpu-quota.ts).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { cgroupCpuLimit } from "../../src/cli/cpu-quota.js";
import { REPO } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

/** A reader over the given files only, as /proc and /sys would show them. */
const files = (entries: Record<string, string>) => (file: string) => entries[file];

const V2_MOUNT = "29 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n";
// This project's own machine: the cpu controller on v1, an empty v2 hierarchy beside it.
const HYBRID_MOUNTS =
  "30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n" +
  "31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n" +
  "32 30 0:29 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct\n" +
  "40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";

describe("cgroupCpuLimit", () => {
  it("reads a container's cgroup v2 limit: quota ÷ period, rounded down", () => {
    const read = files({ "/proc/self/mountinfo": V2_MOUNT, "/proc/self/cgroup": "0::/\n", "/sys/fs/cgroup/cpu.max": "250000 100000\n" });
    expect(cgroupCpuLimit(read)).toBe(2);
  });

  it("takes the smallest limit on the way up to the mount point, and none where every level says max", () => {
    const cgroup = "0::/kubepods.slice/kubepods-burstable.slice/pod1.slice/cri-abc.scope\n";
    const limits: Record<string, string> = {
      "/proc/self/mountinfo": V2_MOUNT,
      "/proc/self/cgroup": cgroup,
      "/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/pod1.slice/cri-abc.scope/cpu.max": "max 100000\n",
      "/sys/fs/cgroup/kubepods.slice/kubepods-burstable.slice/pod1.slice/cpu.max": "300000 100000\n",
      "/sys/fs/cgroup/kubepods.slice/cpu.max": "1600000 100000\n",
    };
    expect(cgroupCpuLimit(files(limits))).toBe(3);
    const unlimited = Object.fromEntries(Object.entries(limits).map(([file, text]) => [file, file.endsWith("cpu.max") ? "max 100000\n" : text]));
    expect(cgroupCpuLimit(files(unlimited))).toBeUndefined();
  });

  it("gives at least one CPU to a fractional limit below one", () => {
    const read = files({ "/proc/self/mountinfo": V2_MOUNT, "/proc/self/cgroup": "0::/job\n", "/sys/fs/cgroup/job/cpu.max": "50000 100000\n" });
    expect(cgroupCpuLimit(read)).toBe(1);
  });

  it("reads the host's paths seen from a container without a cgroup namespace at its mount point", () => {
    // The mount's root is the container's own cgroup: /proc/self/cgroup names it from the host's root.
    const mountinfo = "700 690 0:30 /docker/4f2a /sys/fs/cgroup ro,nosuid - cgroup2 cgroup rw\n";
    const read = files({ "/proc/self/mountinfo": mountinfo, "/proc/self/cgroup": "0::/docker/4f2a\n", "/sys/fs/cgroup/cpu.max": "200000 100000\n" });
    expect(cgroupCpuLimit(read)).toBe(2);
  });

  it("falls back to the v1 cpu controller when v2 sets no quota (a hybrid hierarchy)", () => {
    const cgroup = "4:memory:/x\n1:cpu:/ci/job7\n0::/\n";
    const read = files({
      "/proc/self/mountinfo": HYBRID_MOUNTS,
      "/proc/self/cgroup": cgroup,
      "/sys/fs/cgroup/cpu/ci/job7/cpu.cfs_quota_us": "-1\n",
      "/sys/fs/cgroup/cpu/ci/job7/cpu.cfs_period_us": "100000\n",
      "/sys/fs/cgroup/cpu/ci/cpu.cfs_quota_us": "400000\n",
      "/sys/fs/cgroup/cpu/ci/cpu.cfs_period_us": "100000\n",
      "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "-1\n",
      "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n",
    });
    expect(cgroupCpuLimit(read)).toBe(4);
  });

  it("says nothing where there is no cgroup file system to read (not Linux) or nothing it understands", () => {
    expect(cgroupCpuLimit(files({}))).toBeUndefined();
    expect(cgroupCpuLimit(files({ "/proc/self/mountinfo": V2_MOUNT, "/proc/self/cgroup": "0::/\n", "/sys/fs/cgroup/cpu.max": "lots\n" }))).toBeUndefined();
    expect(cgroupCpuLimit(files({ "/proc/self/mountinfo": "garbage\n", "/proc/self/cgroup": "0::/\n" }))).toBeUndefined();
  });
});

describe("in a cgroup with a one-CPU quota", () => {
  // Needs root and a v1 cpu controller (this project's CI machines have both); elsewhere skipped.
  const controller = "/sys/fs/cgroup/cpu";
  const possible = process.getuid?.() === 0 && existsSync(path.join(controller, "cgroup.procs")) && availableParallelism() >= 2;
  if (!possible) process.stderr.write("cpu-quota.test.ts: needs root, a v1 cpu cgroup controller and two cores; the run in a cgroup is skipped\n");

  it.runIf(possible)("simulate without --jobs takes one thread on a two-core machine, where availableParallelism() says two", () => {
    const group = path.join(controller, `sriovc-test-${process.pid}`);
    mkdirSync(group);
    try {
      writeFileSync(path.join(group, "cpu.cfs_quota_us"), "100000");
      const dir = tempTree({});
      const probe = path.join(dir, "jobs.mjs");
      writeFileSync(probe, `import { defaultJobs } from ${JSON.stringify(path.join(REPO, "dist/cli/fleet-pool.js"))};\nimport { availableParallelism } from "node:os";\nconsole.log(defaultJobs(), availableParallelism());\n`);
      const run = spawnSync("sh", ["-c", `echo $$ > ${group}/cgroup.procs && exec "${process.execPath}" ${probe}`], { encoding: "utf8" });
      expect(run.stderr).toBe("");
      const [jobs, cores] = run.stdout.trim().split(" ").map(Number);
      expect(jobs).toBe(1);
      expect(cores).toBe(availableParallelism());
    } finally {
      rmdirSync(group);
    }
  });
});
