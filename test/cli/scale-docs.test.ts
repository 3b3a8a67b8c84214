// docs/SCALE.md's GitHub Actions workflow and Kubernetes Jobs are what users copy: their sriovc commands,
// taken from the page as written, run here through a shell (with `sriovc` the built CLI) on a small fleet.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { LINES_PER_HOST, generateTopology } from "../../bench/generate.mjs";
import { BIN, REPO, sriovc } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

const page = readFileSync(path.join(REPO, "docs/SCALE.md"), "utf8");
const yamlBlocks = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parseAllDocuments(m[1]!).map((d) => d.toJS() as any));

// A `sriovc` on PATH that is the built CLI, as `npm install --global sriovc` gives.
const bin = tempTree({ sriovc: `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n` });
spawnSync("chmod", ["+x", path.join(bin, "sriovc")]);

function shell(command: string, cwd: string, env: Record<string, string> = {}) {
  const run = spawnSync("sh", ["-c", command], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", PATH: `${bin}:${process.env["PATH"]}`, ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Four hosts, one millisecond simulated: a fleet of a few groups, quick to run. */
const FLEET = generateTopology({ lines: 4 * LINES_PER_HOST, durationMs: 1 }).source;

describe("docs/SCALE.md's GitHub Actions matrix", () => {
  const [workflow] = yamlBlocks.find(([doc]) => doc?.jobs?.shard !== undefined)!;
  const steps = (job: string) => (workflow.jobs[job].steps as { run?: string }[]).flatMap((s) => (s.run?.startsWith("sriovc ") ? [s.run] : []));

  it("runs every shard of the matrix and merges them into the report of the whole", () => {
    const dir = tempTree({ "fleet.sriov": FLEET });
    const shards = workflow.jobs.shard.strategy.matrix.shard as number[];
    expect(shards).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const [shardStep] = steps("shard");
    for (const shard of shards) {
      const run = shell(shardStep!.replaceAll("${{ matrix.shard }}", String(shard)), dir);
      expect(run.stderr, `shard ${shard}`).toBe("");
      expect(run.code, `shard ${shard}`).toBe(0);
    }
    expect(readdirSync(dir).filter((f) => f.startsWith("part-")).sort()).toEqual(shards.map((s) => `part-${s}.json`).sort());
    const summary = path.join(dir, "summary.md");
    writeFileSync(summary, "");
    const merges = steps("merge");
    expect(merges).toHaveLength(2);
    for (const merge of merges) {
      const run = shell(merge, dir, { GITHUB_STEP_SUMMARY: summary });
      expect(run.stderr, merge).toBe("");
      expect(run.code, merge).toBe(0);
    }
    // The step summary is the unsharded run's Markdown report, and the page its HTML report.
    const file = path.join(dir, "fleet.sriov");
    expect(readFileSync(summary, "utf8")).toBe(sriovc(["simulate", file, "--format", "markdown"], { cwd: dir }).stdout);
    expect(readFileSync(path.join(dir, "report.html"), "utf8")).toBe(sriovc(["simulate", file, "--format", "html"], { cwd: dir }).stdout);
  }, 240_000);
});

describe("docs/SCALE.md's Kubernetes Indexed Job", () => {
  const [shardJob, mergeJob] = yamlBlocks.find(([doc]) => doc?.spec?.completionMode === "Indexed")!;
  const command = (job: any) => (job.spec.template.spec.containers[0].args[0] as string).replace(/^npx --yes sriovc /, "sriovc ");
  const volumes = () => {
    const root = tempTree({ "topology/fleet.sriov": FLEET, "results/.keep": "" });
    return { root, mapped: (text: string) => text.replaceAll("/topology/", `${root}/topology/`).replaceAll("/results/", `${root}/results/`) };
  };

  it("runs the first and the last pod's shard, and its merge names the shards still missing", () => {
    const completions = shardJob.spec.completions as number;
    expect(command(shardJob)).toContain(`/${completions} `);
    const { root, mapped } = volumes();
    for (const index of [0, completions - 1]) {
      const run = shell(mapped(command(shardJob)), root, { JOB_COMPLETION_INDEX: String(index) });
      expect(run.stderr, `pod ${index}`).toBe("");
      expect(run.code, `pod ${index}`).toBe(0);
      const partial = JSON.parse(readFileSync(path.join(root, `results/part-${index + 1}.json`), "utf8")) as { shard: unknown };
      expect(partial.shard).toEqual({ index: index + 1, count: completions });
    }
    const merge = shell(mapped(command(mergeJob)), root);
    expect(merge.stderr).toBe(`sriovc: missing the partial reports of shards 2/64, 3/64, 4/64, 5/64, 6/64, 7/64, 8/64, 9/64, 10/64, 11/64 and 52 more\n`);
    expect(merge.code).toBe(2);
  }, 120_000);
});
