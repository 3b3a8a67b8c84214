/**
 * The CPUs a Linux cgroup CPU quota gives this process: a container's CPU limit (`docker run --cpus 2`, a
 * Kubernetes pod's `limits.cpu`). Node 20's `os.availableParallelism()` (libuv 1.46) counts the cores the
 * process may run on but not the quota, so in a 2-CPU pod on a 64-core node `simulate` would start 64
 * threads: throttled to two cores' time, each with a heap of its own (enough to exceed the pod's memory).
 * libuv 1.49 (Node 22) reads the quota too; this reads it the same way for Node 20: the quota of the
 * process's cgroup and of every cgroup above it up to the mount point, the smallest, as quota ÷ period
 * rounded down and at least 1. cgroup v2 (`cpu.max`) first, then v1 (`cpu.cfs_quota_us` and
 * `cpu.cfs_period_us`) for hosts whose cpu controller is still on v1 (hybrid hierarchies).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

/** Reads a small text file; undefined when it cannot be read. */
export type ReadText = (file: string) => string | undefined;

const readText: ReadText = (file) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

/** One mounted cgroup hierarchy (a line of /proc/self/mountinfo). */
interface CgroupMount {
  /** The cgroup at the mount's root, as /proc/self/cgroup names cgroups. */
  readonly root: string;
  readonly mountPoint: string;
  readonly version: 1 | 2;
  /** v1: the controllers it holds (`cpu`, `cpuacct`, …). */
  readonly controllers: readonly string[];
}

/** mountinfo escapes space, tab, newline and backslash in paths as octal. */
const unescapeMountPath = (text: string) => text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));

function cgroupMounts(mountinfo: string): CgroupMount[] {
  const mounts: CgroupMount[] = [];
  for (const line of mountinfo.split("\n")) {
    // ID PARENT MAJOR:MINOR ROOT MOUNT-POINT OPTIONS [OPTIONAL…] - TYPE SOURCE SUPER-OPTIONS
    const fields = line.split(" ");
    const separator = fields.indexOf("-");
    if (separator < 6) continue;
    const type = fields[separator + 1];
    if (type !== "cgroup" && type !== "cgroup2") continue;
    mounts.push({
      root: unescapeMountPath(fields[3]!),
      mountPoint: unescapeMountPath(fields[4]!),
      version: type === "cgroup2" ? 2 : 1,
      controllers: type === "cgroup" ? (fields[separator + 3] ?? "").split(",") : [],
    });
  }
  return mounts;
}

/** The process's cgroup path in the v2 hierarchy (`0::/path`) and in the v1 hierarchy holding `cpu`. */
function processCgroups(selfCgroup: string): { v2?: string; v1Cpu?: string } {
  const out: { v2?: string; v1Cpu?: string } = {};
  for (const line of selfCgroup.split("\n")) {
    const first = line.indexOf(":");
    const second = line.indexOf(":", first + 1);
    if (first < 0 || second < 0) continue;
    const controllers = line.slice(first + 1, second);
    const cgroup = line.slice(second + 1);
    if (line.slice(0, first) === "0" && controllers === "") out.v2 = cgroup;
    else if (controllers.split(",").includes("cpu")) out.v1Cpu = cgroup;
  }
  return out;
}

/**
 * The directories of `cgroup` and of each cgroup above it that `mount` shows, innermost first. A cgroup
 * outside the mount's root (a container without its own cgroup namespace seeing the host's paths) is
 * taken at the mount point.
 */
function cgroupDirectories(mount: CgroupMount, cgroup: string): string[] {
  const root = mount.root === "/" ? "" : mount.root;
  let below = cgroup;
  if (root !== "") below = cgroup === root || cgroup.startsWith(`${root}/`) ? cgroup.slice(root.length) : "";
  const steps = below.split("/").filter((step) => step !== "" && step !== "." && step !== "..");
  return steps.map((_, i) => path.posix.join(mount.mountPoint, ...steps.slice(0, steps.length - i))).concat(mount.mountPoint);
}

/** quota ÷ period of one cgroup, or undefined when it sets none. */
function limitOf(quota: number, period: number): number | undefined {
  return Number.isFinite(quota) && Number.isFinite(period) && quota > 0 && period > 0 ? quota / period : undefined;
}

function smallest(limits: readonly (number | undefined)[]): number | undefined {
  const set = limits.filter((limit): limit is number => limit !== undefined);
  return set.length === 0 ? undefined : Math.min(...set);
}

/** The CPUs the cgroup quotas allow (quota ÷ period, rounded down, at least 1); undefined when none limits. */
export function cgroupCpuLimit(read: ReadText = readText): number | undefined {
  const mountinfo = read("/proc/self/mountinfo");
  const selfCgroup = read("/proc/self/cgroup");
  if (mountinfo === undefined || selfCgroup === undefined) return undefined;
  const mounts = cgroupMounts(mountinfo);
  const cgroups = processCgroups(selfCgroup);
  let limit: number | undefined;
  const v2 = mounts.find((m) => m.version === 2);
  if (v2 !== undefined && cgroups.v2 !== undefined) {
    limit = smallest(
      cgroupDirectories(v2, cgroups.v2).map((directory) => {
        const [quota, period] = (read(path.posix.join(directory, "cpu.max")) ?? "").trim().split(/\s+/);
        return quota === "max" ? undefined : limitOf(Number(quota), Number(period));
      }),
    );
  }
  const v1 = mounts.find((m) => m.version === 1 && m.controllers.includes("cpu"));
  if (limit === undefined && v1 !== undefined && cgroups.v1Cpu !== undefined) {
    limit = smallest(
      cgroupDirectories(v1, cgroups.v1Cpu).map((directory) => {
        const quota = Number((read(path.posix.join(directory, "cpu.cfs_quota_us")) ?? "").trim() || NaN);
        const period = Number((read(path.posix.join(directory, "cpu.cfs_period_us")) ?? "").trim() || NaN);
        return limitOf(quota, period);
      }),
    );
  }
  return limit === undefined ? undefined : Math.max(1, Math.floor(limit));
}
