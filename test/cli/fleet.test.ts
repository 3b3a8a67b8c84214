// `simulate --jobs N`, `simulate --shard I/N` and `merge` through the built CLI (docs/SCALE.md): the report
// is the same bytes whatever the number of threads, and the merged partial reports of every shard are the
// same bytes as the unsharded run, in every format.
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { LINES_PER_HOST, generateTopology } from "../../bench/generate.mjs";
import { checkEntries } from "../../src/driver/workspace.js";
import { lowerModel } from "../../src/lower/lower.js";
import { renderJson } from "../../src/report/json.js";
import { simulate } from "../../src/sim/simulate.js";
import { EARLY_START_BYTES, startsEarly } from "../../src/cli/fleet-pool.js";
import { sriovc } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

// Six hosts; traffic from h0 to h4 couples those two, so there are five groups.
const SOURCE = `${generateTopology({ lines: 6 * LINES_PER_HOST, durationMs: 1 }).source}
traffic cross {
  from = h0.vf1.eth0
  to = h4.vf2.eth0
  rate = 20Kpps
  vlan = 102
}
`;
// The cross-host flow is what couples the groups here; traffic-crosses-hosts (a warning: the receiving
// side models it as a hop through its PF's internal switch) is turned off so every run is clean.
const dir = tempTree({ "fleet.sriov": SOURCE, "sriovc.json": '{ "rules": { "traffic-crosses-hosts": "off" } }' });
const topology = path.join(dir, "fleet.sriov");
const at = (name: string) => path.join(dir, name);

function ok(args: string[]): string {
  const run = sriovc(args);
  expect(run.stderr, args.join(" ")).toBe("");
  expect(run.code, args.join(" ")).toBe(0);
  return run.stdout;
}

describe("simulate --jobs", () => {
  it("prints the same report on 1, 2 and 3 threads, and the same as one run of the whole topology", () => {
    const json = ok(["simulate", topology, "--format", "json", "--jobs", "1"]);
    expect(ok(["simulate", topology, "--format", "json", "--jobs", "2"])).toBe(json);
    expect(ok(["simulate", topology, "--format", "json", "--jobs", "3"])).toBe(json);
    expect(ok(["simulate", topology, "--format", "json"])).toBe(json);
    const lowered = lowerModel(checkEntries([topology]).programs[0]!.model!);
    if (!lowered.ok) throw new Error(JSON.stringify(lowered.errors));
    const whole = simulate(lowered.ir);
    if (!whole.ok) throw new Error(whole.message);
    expect(json).toBe(renderJson(whole.report));
    expect(ok(["simulate", topology, "--jobs", "2"])).toBe(ok(["simulate", topology, "--jobs", "1"]));
  });

  it("prints the same report whether the workers start before the check (a large file) or after it (a small file, an IR file)", () => {
    // The six-host file is above the size at which the workers start while the main thread checks it; the
    // three-host file and the IR file are below it or not a source, so their workers start at the simulation.
    expect(readFileSync(topology).length).toBeGreaterThanOrEqual(EARLY_START_BYTES);
    const small = tempTree({ "small.sriov": generateTopology({ lines: 3 * LINES_PER_HOST, durationMs: 1 }).source });
    const smallFile = path.join(small, "small.sriov");
    expect(readFileSync(smallFile).length).toBeLessThan(EARLY_START_BYTES);
    expect(ok(["simulate", smallFile, "--format", "json", "--jobs", "2"])).toBe(ok(["simulate", smallFile, "--format", "json", "--jobs", "1"]));
    const irFile = at("fleet.ir.json");
    ok(["compile", topology, "-o", irFile]);
    expect(ok(["simulate", irFile, "--format", "json", "--jobs", "2"])).toBe(ok(["simulate", topology, "--format", "json", "--jobs", "1"]));
    // More threads than groups: the extra threads get nothing to do.
    expect(ok(["simulate", smallFile, "--format", "json", "--jobs", "8"])).toBe(ok(["simulate", smallFile, "--format", "json", "--jobs", "1"]));
  });

  it("starts the workers early, and so tiers up later (THREADED_INTERRUPT_BUDGET), only for a large file simulated once on several threads", () => {
    expect(startsEarly(topology, 2, false)).toBe(true);
    expect(startsEarly(topology, 3, false)).toBe(true);
    // One thread keeps V8's defaults: its compiler threads have the other core to themselves.
    expect(startsEarly(topology, 1, false)).toBe(false);
    // --compare runs the whole topology once per data path, on this thread.
    expect(startsEarly(topology, 2, true)).toBe(false);
    // Standard input has no size to go by; a small file checks in some tens of milliseconds; a missing one is reported by the check.
    expect(startsEarly("-", 2, false)).toBe(false);
    const small = tempTree({ "small.sriov": generateTopology({ lines: 3 * LINES_PER_HOST, durationMs: 1 }).source });
    expect(startsEarly(path.join(small, "small.sriov"), 2, false)).toBe(false);
    expect(startsEarly(path.join(small, "missing.sriov"), 2, false)).toBe(false);
  });

  it("stops with the check's errors when the workers have started on the lowered topology before the rules ran", () => {
    // traffic-crosses-hosts as an error: the topology lowers (the workers get its groups at once) and the
    // rules then find the error; the run stops with it as on one thread, and prints no report. The long
    // simulated time is what the workers would still be simulating if they were not stopped with the run.
    const strict = tempTree({ "fleet.sriov": SOURCE, "sriovc.json": '{ "rules": { "traffic-crosses-hosts": "error" } }' });
    const file = path.join(strict, "fleet.sriov");
    const one = sriovc(["simulate", file, "--format", "json", "--duration", "2s", "--jobs", "1"]);
    expect(one.code).toBe(1);
    expect(one.stdout).toMatch(/fleet\.sriov:5421:10: error\[traffic-crosses-hosts\]: traffic cross comes from\s+h0\.vf1\.eth0 on host h0/);
    for (const jobs of ["2", "3"]) {
      const run = sriovc(["simulate", file, "--format", "json", "--duration", "2s", "--jobs", jobs]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe(one.stdout);
      expect(run.stderr).toBe(one.stderr);
    }
  });

  it("rejects a number of threads that is not a whole number from 1", () => {
    for (const jobs of ["0", "-1", "two", "1.5"]) {
      const run = sriovc(["simulate", topology, "--jobs", jobs]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("--jobs expects a whole number of threads");
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe("simulate --shard and merge", () => {
  for (let i = 1; i <= 3; i++) ok(["simulate", topology, "--shard", `${i}/3`, "--jobs", "2", "-o", at(`part${i}.json`)]);
  const parts = [1, 2, 3].map((i) => at(`part${i}.json`));

  it("each shard simulates a part of the hosts, every host once", () => {
    const groups = parts.map((p) => JSON.parse(readFileSync(p, "utf8")).groups as string[]);
    expect(groups.flat().sort()).toEqual(["h0", "h1", "h2", "h3", "h5"]);
  });

  it("writes the same partial report on one thread and on several", () => {
    ok(["simulate", topology, "--shard", "2/3", "--jobs", "1", "-o", at("part2-one-thread.json")]);
    expect(readFileSync(at("part2-one-thread.json"), "utf8")).toBe(readFileSync(parts[1]!, "utf8"));
  });

  it("merges, in any order, into the bytes of the unsharded run, in every format", () => {
    for (const format of ["json", "table", "markdown"]) {
      const whole = ok(["simulate", topology, "--format", format]);
      expect(ok(["merge", parts[2]!, parts[0]!, parts[1]!, "--format", format]), format).toBe(whole);
    }
    const html = ok(["simulate", topology, "--format", "html"]);
    expect(ok(["merge", ...parts, "--format", "html", "--topology", topology])).toBe(html);
  });

  it("merges shards run from different working directories, and --topology named from a third, into the unsharded run's bytes", () => {
    // The IR's spans name files relative to the working directory ('fleet.sriov', '../fleet.sriov'); what
    // identifies the run is the topology, not where the command ran from: before, merge said the partials
    // were 'from another run' and --topology 'not the topology the shards simulated'.
    const inDir = sriovc(["simulate", "fleet.sriov", "--shard", "1/2", "-o", "moved1.json"], { cwd: dir });
    expect(inDir.stderr + inDir.code).toBe("0");
    ok(["simulate", topology, "--shard", "2/2", "-o", at("moved2.json")]);
    const merged = sriovc(["merge", at("moved1.json"), at("moved2.json"), "--format", "html", "--topology", topology]);
    expect(merged.stderr).toBe("");
    expect(merged.stdout).toBe(ok(["simulate", topology, "--format", "html"]));
  });

  it("keeps the run's settings: shards run with --seed and --duration merge into that run's report", () => {
    const settings = ["--seed", "99", "--duration", "2ms"];
    for (let i = 1; i <= 2; i++) ok(["simulate", topology, "--shard", `${i}/2`, ...settings, "-o", at(`seeded${i}.json`)]);
    expect(ok(["merge", at("seeded1.json"), at("seeded2.json"), "--format", "json"])).toBe(ok(["simulate", topology, ...settings, "--format", "json"]));
  });

  it("reads a file named twice once, as check does", () => {
    expect(ok(["merge", parts[0]!, parts[1]!, parts[1]!, parts[2]!, "--format", "json"])).toBe(ok(["merge", ...parts, "--format", "json"]));
  });

  it("refuses what does not make one run: a missing or repeated shard, another run's partial, a file that is not a partial", () => {
    writeFileSync(at("other.json"), "{}\n");
    writeFileSync(at("copy-of-part2.json"), readFileSync(parts[1]!));
    ok(["simulate", topology, "--shard", "2/3", "--seed", "5", "-o", at("other-seed.json")]);
    const cases: [string[], string][] = [
      [["merge", parts[0]!, parts[2]!], "missing the partial report of shard 2/3"],
      [["merge", parts[0]!, parts[1]!, at("copy-of-part2.json"), parts[2]!], `shard 2/3 given twice: ${parts[1]!} and ${at("copy-of-part2.json")}`],
      [["merge", parts[0]!, at("other-seed.json"), parts[2]!], "simulation.seed: 5, but 7 in "],
      [["merge", at("other.json")], "not a partial report of 'sriovc simulate --shard'"],
      [["merge", ...parts, "--format", "html"], "--format html needs --topology FILE"],
      [["simulate", topology, "--shard", "0/3"], "--shard expects I/N with 1 ≤ I ≤ N"],
      [["simulate", topology, "--shard", "4/3"], "--shard expects I/N with 1 ≤ I ≤ N"],
      [["simulate", topology, "--shard", "1/3", "--format", "html"], "--shard writes a partial report (JSON)"],
    ];
    for (const [args, message] of cases) {
      const run = sriovc(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toContain(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    // A partial whose shard count no --shard can give (over a million) is refused as it is read: before,
    // merge set out to list the 4,294,967,294 missing shards and ran out of memory.
    const huge = JSON.parse(readFileSync(parts[0]!, "utf8"));
    huge.shard = { index: 1, count: 4294967295 };
    writeFileSync(at("huge-count.json"), JSON.stringify(huge));
    const hugeRun = sriovc(["merge", at("huge-count.json")]);
    expect(hugeRun.code).toBe(2);
    const hugeText = readFileSync(at("huge-count.json"), "utf8");
    expect(hugeRun.stderr).toBe(`sriovc: ${at("huge-count.json")}:1:${hugeText.indexOf('"shard":') + '"shard":'.length + 1}: "shard" must be {"index": I, "count": N} with 1 ≤ I ≤ N ≤ 1000000\n`);
    // A partial whose report lost its queues (or the estimate's) is refused as it is read, like one without
    // interfaces or cores: before, the table and HTML formats stopped with an internal error.
    ok(["simulate", topology, "--shard", "1/1", "-o", at("whole-part.json")]);
    for (const [key, drop] of [["queues", (r: { queues?: unknown }) => delete r.queues], ["analytic.queues", (r: { analytic: { queues?: unknown } }) => delete r.analytic.queues]] as const) {
      const partial = JSON.parse(readFileSync(at("whole-part.json"), "utf8"));
      for (const part of partial.parts) drop(part.report);
      writeFileSync(at("no-queues.json"), JSON.stringify(partial));
      const run = sriovc(["merge", at("no-queues.json"), "--format", "table"]);
      expect(run.code, key).toBe(2);
      // Said at the object that lacks them: the first part's report (sriovc writes a partial on one line).
      const written = readFileSync(at("no-queues.json"), "utf8");
      const before = key === "queues" ? '"report":' : '"analytic":';
      const column = written.indexOf(before) + before.length + 1;
      expect(run.stderr, key).toBe(`sriovc: ${at("no-queues.json")}:1:${column}: parts[0].report${key === "queues" ? "" : ".analytic"}: missing property 'queues'\n`);
    }
    // A thousand-shard run with one partial found: the message names the first missing shards and counts the
    // rest (before, it listed all 999 on one line).
    ok(["simulate", topology, "--shard", "1/1000", "-o", at("one-of-1000.json")]);
    const fewRun = sriovc(["merge", at("one-of-1000.json")]);
    expect(fewRun.code).toBe(2);
    expect(fewRun.stderr).toBe(`sriovc: missing the partial reports of shards ${Array.from({ length: 10 }, (_, i) => `${i + 2}/1000`).join(", ")} and 989 more\n`);
    const wrongTopology = tempTree({ "other.sriov": generateTopology({ lines: 2 * LINES_PER_HOST }).source });
    const run = sriovc(["merge", ...parts, "--format", "html", "--topology", path.join(wrongTopology, "other.sriov")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("not the topology the shards simulated");
  });

  it("refuses partials whose shards and places are distinct but wrong, naming the file and what is wrong", () => {
    const partial = (i: number) => JSON.parse(readFileSync(parts[i - 1]!, "utf8"));
    const write = (name: string, json: unknown) => {
      writeFileSync(at(name), JSON.stringify(json));
      return at(name);
    };
    /** `FILE:1:COLUMN` of the value after the first `before` in the one-line file. */
    const col = (file: string, before: string) => `${file}:1:${readFileSync(file, "utf8").indexOf(before) + before.length + 1}`;
    const refused = (args: string[], message: string) => {
      const run = sriovc(args);
      expect(run.stderr, args.join(" ")).toBe(`sriovc: ${message}\n`);
      expect(run.code, args.join(" ")).toBe(2);
    };
    // Shards 1 and 3 of 3: distinct, but shard 2 is missing.
    refused(["merge", parts[0]!, parts[2]!], "missing the partial report of shard 2/3");
    // Shards 2 and 3 with their labels swapped: 1..3 once each, but each holds the other's groups.
    const two = partial(2);
    const three = partial(3);
    expect(two.groups).toEqual(["h2", "h5"]);
    const as3 = write("2-as-3.json", { ...two, shard: { index: 3, count: 3 } });
    const as2 = write("3-as-2.json", { ...three, shard: { index: 2, count: 3 } });
    refused(["merge", parts[0]!, as3, as2], `${col(as3, '"groups":[')}: groups[0]: the group of host 'h2' is simulated by shard 2/3 (by the hash of its first host's name), not by 3/3, the shard this partial says it is`);
    // Shard 2 lost the part of its second group (h5's), or that group with its part: h5 would be missing from the report.
    const lostPart = write("lost-part.json", { ...two, parts: two.parts.slice(0, 1) });
    refused(["merge", parts[0]!, lostPart, parts[2]!], `${col(lostPart, '"groups":')}: groups: lists 2 groups of hosts, but the partial has 1 part: one per group`);
    const lostGroup = write("lost-group.json", { ...two, groups: ["h2"], parts: two.parts.slice(0, 1) });
    refused(
      ["merge", parts[0]!, lostGroup, parts[2]!],
      "the partial reports hold 4 of the topology's 5 groups of hosts (whole.groups): a partial lost a group with its part, so the report would lack hosts; merge with --topology FILE to name the partial",
    );
    refused(
      ["merge", parts[0]!, lostGroup, parts[2]!, "--format", "json", "--topology", topology],
      `${col(lostGroup, '"groups":')}: groups: lacks the group of host 'h5', which ${topology} deals to shard 2/3: its hosts are missing from the partial`,
    );
    // A row placed past the topology's last interface (the places stay distinct and in order): the partial
    // says how many interfaces the topology has; one that says more is checked against the topology.
    const lowered = lowerModel(checkEntries([topology]).programs[0]!.model!);
    if (!lowered.ok) throw new Error("the fleet does not lower");
    const interfaces = lowered.ir.ifaces.length;
    expect(two.whole).toEqual({ groups: 5, interfaces });
    const last = two.parts[1].interfaceOrder.length - 1;
    const beyond = JSON.parse(JSON.stringify(two));
    beyond.parts[1].interfaceOrder[last] = beyond.parts[1].analyticOrder[last] = 1000;
    const beyondFile = write("beyond.json", beyond);
    const before = `"interfaceOrder":[${two.parts[1].interfaceOrder.slice(0, last).join(",")},`;
    refused(["merge", parts[0]!, beyondFile, parts[2]!], `${col(beyondFile, before)}: parts[1].interfaceOrder[${last}]: place 1000 is of interface 1000, but the topology has ${interfaces} interfaces (whole.interfaces)`);
    const claimed = write("beyond-claimed.json", { ...beyond, whole: { groups: 5, interfaces: 2000 } });
    const others = [parts[0]!, parts[2]!].map((file, k) => write(`claimed-${k}.json`, { ...JSON.parse(readFileSync(file, "utf8")), whole: { groups: 5, interfaces: 2000 } }));
    refused(
      ["merge", others[0]!, claimed, others[1]!, "--format", "json", "--topology", topology],
      `${col(claimed, before)}: parts[1].interfaceOrder[${last}]: place 1000 is of interface 1000, but ${topology} has ${interfaces} interfaces`,
    );
    // Shard 2 of the same fleet without its cross-host flow: the same hosts, settings and shard count, another topology.
    writeFileSync(at("no-cross.sriov"), SOURCE.slice(0, SOURCE.indexOf("traffic cross")));
    ok(["simulate", at("no-cross.sriov"), "--shard", "2/3", "-o", at("no-cross-2.json")]);
    refused(
      ["merge", parts[0]!, at("no-cross-2.json"), parts[2]!],
      `${col(at("no-cross-2.json"), '"topology":')}: topology: not the topology simulated in ${parts[0]!} (the SHA-256 of the simulated IR differs): from another run; partial reports merge only with those of the same run`,
    );
  });
});
