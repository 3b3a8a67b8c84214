// Each limit of docs/LIMITS.md, end to end: hitting it gives a clear, located error and the documented
// exit code, never exhaustion or a stack trace.
import { rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { looksLikeCrash, type JsonDiagnostic } from "../../bench/fuzz-inputs.mjs";
import { MAX_REPLICAS } from "../../src/semantics/replication.js";
import { MAX_STRETCHES } from "../../src/sim/analytic.js";
import { MAX_DIAGNOSTICS_PER_FILE, MAX_FILE_BYTES, MAX_NESTING } from "../../src/syntax/limits.js";
import { tempTree } from "../helpers/tmp.js";
import { runCli } from "./run-cli.js";

function check(files: Record<string, string>, entry: string) {
  const dir = tempTree(files);
  const run = runCli(["check", entry, "--format", "json"], { cwd: dir });
  expect(run.signal).toBeNull();
  expect(looksLikeCrash(run.stdout + run.stderr)).toBe(false);
  return { ...run, dir };
}

function diagnosticsOf(stdout: string): JsonDiagnostic[] {
  return JSON.parse(stdout) as JsonDiagnostic[];
}

describe("limits", () => {
  it(`input file size: a file over ${MAX_FILE_BYTES / 2 ** 20} MiB is refused before it is read, exit 2`, () => {
    const dir = tempTree({});
    writeFileSync(path.join(dir, "huge.sriov"), Buffer.alloc(MAX_FILE_BYTES + 1024 * 1024, 0x20));
    const run = runCli(["check", "huge.sriov"], { cwd: dir });
    rmSync(dir, { recursive: true, force: true }); // 65 MiB: do not leave it in the temporary directory
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("huge.sriov");
    expect(run.stderr).toBe(`sriovc: cannot read 'huge.sriov': file is 65.0 MiB, over the 64.0 MiB limit\n`);
    expect(looksLikeCrash(run.stdout + run.stderr)).toBe(false);
  });

  it(`names per replication range: ${MAX_REPLICAS + 1} names is an invalid-value error on the range`, () => {
    const source = `host h {\n  vm web[1..${MAX_REPLICAS + 1}] {}\n}\n`;
    const run = check({ "r.sriov": source }, "r.sriov");
    expect(run.code).toBe(1);
    const errors = diagnosticsOf(run.stdout).filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.rule, d.message, d.range.start.line, d.range.start.column])).toEqual([
      ["invalid-value", `\`web[1..${MAX_REPLICAS + 1}]\` declares ${MAX_REPLICAS + 1} names; a range may declare at most ${MAX_REPLICAS}`, 2, 9],
    ]);
  });

  it("quoting: an import path is cut at 64 characters, where the message quotes it and where it says the path it read", () => {
    const run = check({ "q.sriov": `import "${"p".repeat(100)}.sriov"\n` }, "q.sriov");
    expect(diagnosticsOf(run.stdout).map((d) => d.message)).toEqual([`cannot import '${"p".repeat(64)}…': no such file (${"p".repeat(64)}…)`]);
  });

  it("quoting: a name or reference is quoted whole, the message cut at 1,000 characters", () => {
    const name = "n".repeat(3000);
    const run = check({ "q.sriov": `traffic t { to = ${name}.e  rate = 1Kpps }\n` }, "q.sriov");
    expect(diagnosticsOf(run.stdout).map((d) => d.message)).toEqual([`unknown reference \`${name}.e\`: nothing named \`${name}\` is visible here`.slice(0, 999) + "…"]);
  });

  it(`names per replication range: exactly ${MAX_REPLICAS} names is accepted`, () => {
    const source = `host h {\n  cores = 8\n  vm web[1..${MAX_REPLICAS}] { vcpus = 1  pin = 4 }\n}\n`;
    const run = check({ "r.sriov": source }, "r.sriov");
    expect(diagnosticsOf(run.stdout).filter((d) => d.rule === "invalid-value")).toEqual([]);
  });

  it(`nesting depth: ${MAX_NESTING} levels parse, ${MAX_NESTING + 1} are a syntax error`, () => {
    const nested = (depth: number) => `host h {\n  x = ${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}\n}\n`;
    const ok = check({ "n.sriov": nested(MAX_NESTING) }, "n.sriov");
    expect(diagnosticsOf(ok.stdout).filter((d) => d.rule === "syntax")).toEqual([]);
    const deep = check({ "n.sriov": nested(MAX_NESTING + 1) }, "n.sriov");
    expect(deep.code).toBe(1);
    expect(diagnosticsOf(deep.stdout).map((d) => [d.rule, d.message])).toEqual([["syntax", `blocks and lists are nested more than ${MAX_NESTING} levels deep`]]);
  });

  it(`diagnostics per file: ${MAX_DIAGNOSTICS_PER_FILE} listed, the rest summed up with the worst severity`, () => {
    const duplicates = MAX_DIAGNOSTICS_PER_FILE + 50;
    const source = "host h1 {}\n".repeat(duplicates + 1);
    const run = check({ "d.sriov": source }, "d.sriov");
    expect(run.code).toBe(1);
    const diagnostics = diagnosticsOf(run.stdout);
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(diagnostics.slice(0, -1).every((d) => d.rule === "duplicate-name")).toBe(true);
    const last = diagnostics.at(-1)!;
    expect(last).toMatchObject({ severity: "error", message: `…and 50 more diagnostics in this file (at most ${MAX_DIAGNOSTICS_PER_FILE} are listed)` });
    // At the first one left out: line MAX + 2 (line 1 declares h1, each later line is a duplicate).
    expect(last.range.start.line).toBe(MAX_DIAGNOSTICS_PER_FILE + 2);
  });

  it("diagnostics per file: the cap counts each file on its own", () => {
    const source = "host h1 {}\n".repeat(MAX_DIAGNOSTICS_PER_FILE + 6);
    const run = check({ "a.sriov": source, "b/b.sriov": source.replaceAll("h1", "h2") }, ".");
    const diagnostics = diagnosticsOf(run.stdout);
    for (const name of ["a.sriov", "b.sriov"]) {
      const ofFile = diagnostics.filter((d) => d.file.endsWith(name));
      expect(ofFile).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
      expect(ofFile.at(-1)!.message).toBe(`…and 5 more diagnostics in this file (at most ${MAX_DIAGNOSTICS_PER_FILE} are listed)`);
    }
  });

  it("input file size: a file a few bytes over the limit says so in bytes, not as '64.0 MiB, over the 64.0 MiB limit'", () => {
    const dir = tempTree({});
    writeFileSync(path.join(dir, "edge.sriov"), Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
    const run = runCli(["check", "edge.sriov"], { cwd: dir });
    rmSync(dir, { recursive: true, force: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`sriovc: cannot read 'edge.sriov': file is 67,108,865 bytes, over the 64.0 MiB limit\n`);
  });

  it("simulation event budget: running out stops the run with a clear message, exit 2", () => {
    const run = runCli(["simulate", "samples/four-data-paths.sriov", "--event-budget", "1000"]);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^sriovc: simulation stopped: the event budget of 1000 events ran out at [\d.]+ ms of 20 ms simulated/);
    expect(looksLikeCrash(run.stdout + run.stderr)).toBe(false);
  });

  it(`stretches the analytic estimate solves apart: ${MAX_STRETCHES} a part, so 20,000 staggered traffic windows check in seconds`, () => {
    const host = 'host h1 {\n  cores = 8\n  hypervisor_cores = 0..0\n  nic x {\n    model = "intel-x710"\n    pf p0 {\n      vfs = 4\n    }\n  }\n  vm v {\n    vcpus = 1\n    pin = 4..4\n    iface e { attach = vf(x.p0) }\n  }\n}\n';
    const traffic = Array.from({ length: 20_000 }, (_, i) => `traffic t${i} { to = h1.v.e  rate = 1Kpps  start = ${(10 + i * 0.004).toFixed(3)}ms  stop = ${(15 + i * 0.004).toFixed(3)}ms }\n`).join("");
    const dir = tempTree({ "windows.sriov": `${host}${traffic}simulation { duration = 100ms }\n` });
    // Every start and stop a cut, this took more than 5 minutes (40,000 stretches, each a solve of the plan).
    const run = runCli(["check", "windows.sriov", "--format", "json"], { cwd: dir, timeoutMs: 60_000 });
    expect(run.signal).toBeNull();
    expect([run.code, diagnosticsOf(run.stdout)]).toEqual([0, []]);
  });
});
