// The same input gives byte-identical `check` and `simulate` output across runs (separate processes).
import { describe, expect, it } from "vitest";
import { generateTopology } from "../../bench/generate.mjs";
import { tempTree } from "../helpers/tmp.js";
import { runCli } from "./run-cli.js";

/** A generated topology with mistakes in every host (errors, warnings and infos of several rules). */
function damaged(): string {
  return generateTopology({ lines: 1000, durationMs: 2 })
    .source.replace(/speed = 100Gbps\n(\s+itr)/g, "speed = 10GB\n$1")
    .replace(/vf\(e810\.pf0, 3\)/g, "vf(e810.pf0, 2)")
    .replace(/requires = \[security_groups\]/g, "requires = [geneve]");
}

describe("determinism", () => {
  it("check prints the same bytes in every format on every run", () => {
    const dir = tempTree({ "d.sriov": damaged() });
    for (const format of ["json", "sarif", "pretty", "github"]) {
      const first = runCli(["check", "d.sriov", "--format", format], { cwd: dir });
      const second = runCli(["check", "d.sriov", "--format", format], { cwd: dir });
      expect(first.code).toBe(1);
      expect(second.stdout).toBe(first.stdout);
      expect(second.code).toBe(first.code);
    }
  });

  it("simulate prints the same report on every run (generated topology, four data paths)", () => {
    const dir = tempTree({ "g.sriov": generateTopology({ lines: 300, durationMs: 1 }).source });
    const first = runCli(["simulate", "g.sriov", "--format", "json"], { cwd: dir });
    const second = runCli(["simulate", "g.sriov", "--format", "json"], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout.length).toBeGreaterThan(1000);
    expect(second.stdout).toBe(first.stdout);
    const table = [1, 2].map(() => runCli(["simulate", "g.sriov", "--seed", "9"], { cwd: dir }).stdout);
    expect(table[1]).toBe(table[0]);
  });
});
