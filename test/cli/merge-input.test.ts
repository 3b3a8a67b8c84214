// `sriovc merge` reads partial reports that travel between CI jobs: a corrupted or hand-edited one is refused
// as it is read, naming the file, the line and column of the offending value and its JSON path (exit 2), never
// an internal error.
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, sriovc } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

const dir = tempTree({});
const at = (name: string) => path.join(dir, name);
const whole = at("whole.json");

// Partial report JSON, loosely typed: the tests break it on purpose.
type Partial = any;

/** The whole sample as one shard, edited, written to `name`; returns the file. */
function edited(name: string, edit: (partial: Partial) => void): string {
  const partial = JSON.parse(readFileSync(whole, "utf8")) as Partial;
  edit(partial);
  writeFileSync(at(name), JSON.stringify(partial));
  return at(name);
}

/**
 * `FILE:LINE:COLUMN` of the value `value` right after the first `before` followed by it (sriovc writes a
 * partial on one line), found in the text, not by the code under test.
 */
function place(file: string, before: string, value = ""): string {
  const text = readFileSync(file, "utf8");
  const offset = text.indexOf(before + value);
  expect(offset, before).toBeGreaterThanOrEqual(0);
  const lines = text.slice(0, offset + before.length).split("\n");
  return `${file}:${lines.length}:${lines[lines.length - 1]!.length + 1}`;
}

function refused(args: string[], message: string): void {
  const run = sriovc(args);
  expect(run.stderr, args.join(" ")).toBe(`sriovc: ${message}\n`);
  expect(run.code, args.join(" ")).toBe(2);
}

describe("merge refuses a corrupted partial report", () => {
  const made = sriovc(["simulate", path.join(REPO, "samples/nfv-dpdk.sriov"), "--shard", "1/1", "-o", whole]);

  it("merges the untouched partial", () => {
    expect(made.code).toBe(0);
    expect(sriovc(["merge", whole, "--format", "table"]).code).toBe(0);
  });

  it("says a partial of another format was written by an older or a newer sriovc and must be simulated again, naming the file and the line of its version", () => {
    // The format was 1 until the run's digest left span files out; a version-1 partial was refused as 'from
    // another run', which sent users looking for a difference in their topology or settings.
    const older = edited("older.json", (p) => (p.formatVersion = 1));
    refused(
      ["merge", older],
      `${place(older, '"formatVersion":')}: written by an older sriovc (partial report format 1; this sriovc reads format 4), so it cannot be merged: run shard 1/1 again with this sriovc (\`sriovc simulate TOPOLOGY --shard 1/1\`), and every other shard that sriovc ran`,
    );
    // Format 2 had no `whole`: merge could not tell a partial that lost a group without the topology.
    const two = edited("format-2.json", (p) => {
      p.formatVersion = 2;
      delete p.whole;
    });
    refused(
      ["merge", two],
      `${place(two, '"formatVersion":')}: written by an older sriovc (partial report format 2; this sriovc reads format 4), so it cannot be merged: run shard 1/1 again with this sriovc (\`sriovc simulate TOPOLOGY --shard 1/1\`), and every other shard that sriovc ran`,
    );
    // Format 3 had no `hostRows`: merge could not tell a part that lost rows while its places stayed consistent.
    const three = edited("format-3.json", (p) => {
      p.formatVersion = 3;
      for (const part of p.parts) delete part.hostRows;
    });
    refused(
      ["merge", three],
      `${place(three, '"formatVersion":')}: written by an older sriovc (partial report format 3; this sriovc reads format 4), so it cannot be merged: run shard 1/1 again with this sriovc (\`sriovc simulate TOPOLOGY --shard 1/1\`), and every other shard that sriovc ran`,
    );
    const newer = edited("newer.json", (p) => (p.formatVersion = 5));
    refused(
      ["merge", newer],
      `${place(newer, '"formatVersion":')}: written by a newer sriovc (partial report format 5; this sriovc reads format 4), so it cannot be merged: run shard 1/1 again with this sriovc (\`sriovc simulate TOPOLOGY --shard 1/1\`), and every other shard that sriovc ran`,
    );
    const unknown = edited("unknown-version.json", (p) => {
      delete p.formatVersion;
      delete p.shard;
    });
    refused(["merge", unknown], `${unknown}:1:1: written by another sriovc (partial report format missing; this sriovc reads format 4), so it cannot be merged: run its shard again with this sriovc, and every other shard that sriovc ran`);
    // Beside partials of this version, the older one is named for its version, not as another run.
    refused(["merge", whole, older], `${place(older, '"formatVersion":')}: written by an older sriovc (partial report format 1; this sriovc reads format 4), so it cannot be merged: run shard 1/1 again with this sriovc (\`sriovc simulate TOPOLOGY --shard 1/1\`), and every other shard that sriovc ran`);
  });

  it("names the line of what makes a file no partial report: the top-level value that lacks a field, or the field", () => {
    // Before, these named the file alone.
    const noFormat = edited("no-format.json", (p) => delete p.format);
    refused(["merge", noFormat], `${noFormat}:1:1: not a partial report of 'sriovc simulate --shard' (no "format": "sriovc-partial-report")`);
    const otherFormat = edited("other-format.json", (p) => (p.format = "sriovc-report"));
    refused(["merge", otherFormat], `${place(otherFormat, '"format":', '"sriovc-report"')}: not a partial report of 'sriovc simulate --shard' (no "format": "sriovc-partial-report")`);
    const noShard = edited("no-shard.json", (p) => delete p.shard);
    refused(["merge", noShard], `${noShard}:1:1: "shard" must be {"index": I, "count": N} with 1 ≤ I ≤ N ≤ 1000000`);
    // Pretty-printed (a partial edited by hand, or passed through jq): the line of the value, not 1.
    const pretty = at("pretty-v1.json");
    writeFileSync(pretty, JSON.stringify({ ...JSON.parse(readFileSync(whole, "utf8")), formatVersion: 1 }, null, 2));
    const line = readFileSync(pretty, "utf8").split("\n").findIndex((l) => l.startsWith('  "formatVersion":')) + 1;
    expect(line).toBeGreaterThan(1);
    refused(
      ["merge", pretty],
      `${pretty}:${line}:20: written by an older sriovc (partial report format 1; this sriovc reads format 4), so it cannot be merged: run shard 1/1 again with this sriovc (\`sriovc simulate TOPOLOGY --shard 1/1\`), and every other shard that sriovc ran`,
    );
  });

  it("names the line and JSON path of what tells a partial of another run, and what it is in the first file", () => {
    const count = edited("count-2.json", (p) => (p.shard = { index: 2, count: 2 }));
    refused(["merge", whole, count], `${place(count, '"count":', "2")}: shard.count: 2, but 1 in ${whole}: from another run; partial reports merge only with those of the same run`);
    const seed = edited("seed-7.json", (p) => (p.simulation.seed = 7));
    const firstSeed = JSON.parse(readFileSync(whole, "utf8")).simulation.seed as number;
    refused(["merge", whole, seed], `${place(seed, '"seed":', "7")}: simulation.seed: 7, but ${firstSeed} in ${whole}: from another run; partial reports merge only with those of the same run`);
    const whatIf = edited("what-if.json", (p) => (p.whatIfs = ["vnf_a1.data0=vf"]));
    refused(["merge", whole, whatIf], `${place(whatIf, '"whatIfs":')}: whatIfs: ["vnf_a1.data0=vf"], but [] in ${whole}: from another run; partial reports merge only with those of the same run`);
    const held = edited("whole-interfaces.json", (p) => (p.whole.interfaces += 1));
    refused(["merge", whole, held], `${place(held, '"interfaces":', String(JSON.parse(readFileSync(held, "utf8")).whole.interfaces))}: whole.interfaces: ${JSON.parse(readFileSync(held, "utf8")).whole.interfaces}, but ${JSON.parse(readFileSync(whole, "utf8")).whole.interfaces} in ${whole}: from another run; partial reports merge only with those of the same run`);
    const topology = edited("topology.json", (p) => (p.topology = "0".repeat(64)));
    refused(["merge", whole, topology], `${place(topology, '"topology":')}: topology: not the topology simulated in ${whole} (the SHA-256 of the simulated IR differs): from another run; partial reports merge only with those of the same run`);
  });

  it("names the line of a shard's index given by a second file", () => {
    const copy = edited("copy.json", () => {});
    refused(["merge", whole, copy], `${place(copy, '"index":', "1")}: shard.index: shard 1/1 given twice: ${whole} and ${copy}`);
  });

  it("refuses a partial that is not valid UTF-8, as an IR file or sriovc.json is (it was decoded to U+FFFD and merged)", () => {
    const text = readFileSync(whole);
    const at0 = text.indexOf('"seed"');
    expect(at0).toBeGreaterThan(0);
    const bad = at("latin1.json");
    writeFileSync(bad, Buffer.concat([text.subarray(0, at0 + 1), Buffer.from([0xe9]), text.subarray(at0 + 2)]));
    refused(["merge", bad], `${bad}: not valid UTF-8 at byte ${at0 + 1}`);
  });

  it("names the file, the line and column of a value of the wrong type, and its JSON path", () => {
    const nullCore = edited("null-core.json", (p) => (p.parts[0].report.cores[0] = null));
    refused(["merge", nullCore], `${place(nullCore, '"cores":[', "null")}: parts[0].report.cores[0]: must be object`);
    const textRate = edited("text-rate.json", (p) => (p.parts[0].report.interfaces[0].offered_pps = "x"));
    refused(["merge", textRate, "--format", "table"], `${place(textRate, '"offered_pps":', '"x"')}: parts[0].report.interfaces[0].offered_pps: must be number`);
    const textLatency = edited("text-latency.json", (p) => (p.parts[0].report.analytic.interfaces[0].latency_s.p99 = "x"));
    refused(["merge", textLatency, "--format", "markdown"], `${place(textLatency, '"p99":', '"x"')}: parts[0].report.analytic.interfaces[0].latency_s.p99: must be number`);
  });

  it("refuses negative counts, rates and durations, and fields no sriovc writes", () => {
    const negative = edited("negative.json", (p) => (p.parts[0].report.interfaces[0].queued = -1));
    refused(["merge", negative], `${place(negative, '"queued":', "-1")}: parts[0].report.interfaces[0].queued: must be >= 0`);
    const busy = edited("busy.json", (p) => (p.parts[0].report.cores[0].busy_s.irq = -0.5));
    refused(["merge", busy], `${place(busy, '"irq":', "-0.5")}: parts[0].report.cores[0].busy_s.irq: must be >= 0`);
    const extra = edited("extra.json", (p) => (p.parts[0].report.extra = 1));
    refused(["merge", extra], `${place(extra, '"report":')}: parts[0].report: unknown property 'extra'`);
    const short = edited("short-order.json", (p) => p.parts[0].interfaceOrder.pop());
    refused(["merge", short], `${place(short, '"interfaceOrder":')}: parts[0].interfaceOrder: gives 3 places for 4 interface rows`);
    const regime = edited("regime.json", (p) => (p.parts[0].report.queues[0].regime = "fast"));
    refused(["merge", regime], `${place(regime, '"regime":', '"fast"')}: parts[0].report.queues[0].regime: must be one of "interrupt", "napi-polling", "busy-poll"`);
    // A part's report is a report of schema/report.schema.json without the comparison, which no shard writes.
    const comparison = edited("comparison.json", (p) => (p.parts[0].report.comparison = []));
    refused(["merge", comparison], `${place(comparison, '"comparison":')}: parts[0].report.comparison: must not be present`);
  });
});

describe("merge refuses impossible places and settings", () => {
  const made = sriovc(["simulate", path.join(REPO, "samples/nfv-dpdk.sriov"), "--shard", "1/1", "-o", whole]);

  it("refuses an interface row's place that is repeated or out of its range (the report came out reordered)", () => {
    expect(made.code).toBe(0);
    // The sample's rows: three receive rows at places 0, 2 and 3, one transmit row after 2^30.
    const repeated = edited("repeated.json", (p) => (p.parts[0].interfaceOrder = [0, 0, 3, 2 ** 30]));
    refused(["merge", repeated], `${place(repeated, '"interfaceOrder":[0,')}: parts[0].interfaceOrder[1]: place 0 is given twice (also at parts[0].interfaceOrder[0])`);
    const beyond = edited("beyond.json", (p) => (p.parts[0].analyticOrder[0] = 2 ** 31));
    refused(["merge", beyond], `${place(beyond, '"analyticOrder":[')}: parts[0].analyticOrder[0]: place 2147483648 is out of range for a receive row (0 to 1073741823)`);
    const txLow = edited("tx-low.json", (p) => (p.parts[0].interfaceOrder[3] = 1));
    refused(["merge", txLow], `${place(txLow, '"interfaceOrder":[0,2,3,')}: parts[0].interfaceOrder[3]: place 1 is out of range for a transmit row (1073741824 to 2147483647)`);
  });

  it("refuses a place that another shard's partial gives too", () => {
    const first = edited("first-of-2.json", (p) => (p.shard = { index: 1, count: 2 }));
    const second = edited("second-of-2.json", (p) => (p.shard = { index: 2, count: 2 }));
    refused(["merge", first, second], `${place(second, '"interfaceOrder":[')}: parts[0].interfaceOrder[0]: place 0 is given twice (also at parts[0].interfaceOrder[0] in ${first})`);
  });

  it("refuses places that are distinct but wrong: out of the rows' order, one interface at two places, two interfaces at one", () => {
    // The sample's rows: nfv2.vnf_a1.data0 (0), nfv2.oam.mgmt (2), nfv2.vnf_b1.data0 (3), then vnf_a1.data0's transmit row (2^30).
    const swapped = edited("swapped.json", (p) => (p.parts[0].interfaceOrder = [0, 3, 2, 2 ** 30]));
    refused(["merge", swapped], `${place(swapped, '"interfaceOrder":[0,3,')}: parts[0].interfaceOrder[2]: place 2 comes after place 3: a part's rows are in the order of the whole report, so their places increase`);
    const moved = edited("moved.json", (p) => (p.parts[0].analyticOrder[0] = 1));
    refused(
      ["merge", moved],
      `${place(moved, '"analyticOrder":[')}: parts[0].analyticOrder[0]: place 1 puts 'nfv2.vnf_a1.data0' at interface 1 of the topology, but parts[0].interfaceOrder[0] puts it at interface 0`,
    );
    // A place past the topology's last interface (the partial says how many it has).
    const interfaces = JSON.parse(readFileSync(whole, "utf8")).whole.interfaces as number;
    const past = edited("past-last.json", (p) => (p.parts[0].interfaceOrder[2] = interfaces));
    refused(["merge", past], `${place(past, '"interfaceOrder":[0,2,')}: parts[0].interfaceOrder[2]: place ${interfaces} is of interface ${interfaces}, but the topology has ${interfaces} interfaces (whole.interfaces)`);
    // A transmit row at the place of another interface's receive row: distinct places, one interface.
    const crossed = edited("crossed.json", (p) => (p.parts[0].interfaceOrder[3] = 2 ** 30 + 2));
    refused(
      ["merge", crossed],
      `${place(crossed, '"interfaceOrder":[0,2,3,')}: parts[0].interfaceOrder[3]: place 1073741826 is of interface 2 of the topology, 'nfv2.vnf_a1.data0', but parts[0].interfaceOrder[1] says interface 2 is 'nfv2.oam.mgmt'`,
    );
  });

  it("refuses a partial whose groups and parts do not match, and a host in two groups' parts", () => {
    const lost = edited("lost-part.json", (p) => p.parts.pop());
    refused(["merge", lost], `${place(lost, '"groups":')}: groups: lists 1 group of hosts, but the partial has 0 parts: one per group`);
    // A second part for the same host with no interface rows (so no place repeats): its cores are the first part's host's.
    // (Its host's rows counted to match, as a shard would have written them.)
    const idle = (p: Partial) => ({
      ...p.parts[0],
      report: { ...p.parts[0].report, interfaces: [], analytic: { ...p.parts[0].report.analytic, interfaces: [] } },
      interfaceOrder: [],
      analyticOrder: [],
      hostRows: p.parts[0].hostRows.map((rows: Partial) => ({ ...rows, interfaces: 0, analyticInterfaces: 0 })),
    });
    const twice = edited("group-twice.json", (p) => {
      p.parts.push(idle(p));
      p.groups.push("nfv2");
    });
    refused(["merge", twice], `${place(twice, '"groups":["nfv2",')}: groups[1]: group 'nfv2' is given twice (also at groups[0])`);
    const shared = edited("host-in-two-parts.json", (p) => {
      p.parts.push(idle(p));
      p.groups.push("nfv3");
    });
    const text = readFileSync(shared, "utf8");
    const secondCores = text.indexOf('"cores":[{"host":', text.indexOf('"interfaces":[]')) + '"cores":[{"host":'.length;
    refused(["merge", shared], `${shared}:1:${secondCores + 1}: parts[1].report.cores[0].host: host 'nfv2' is in two groups' parts, here and at parts[0].report.cores[0].host: each host is simulated in one group only`);
  });

  it("refuses a partial that lost rows while its places stay consistent, naming the host and the list", () => {
    // The sample's interface 1 (nfv2.vnf_b1.mgmt) has no traffic and so no row: places 0, 2, 3 are whole.
    // Without nfv2.oam.mgmt's row (place 2) the places 0, 3 are as consistent: only the counts tell.
    const written = JSON.parse(readFileSync(whole, "utf8")).parts[0].hostRows;
    expect(written).toEqual([{ host: "nfv2", interfaces: 4, analyticInterfaces: 4, cores: 18, queues: 14, analyticCores: 18, analyticQueues: 14 }]);
    const lostRow = edited("lost-row.json", (p) => {
      p.parts[0].report.interfaces.splice(1, 1);
      p.parts[0].interfaceOrder.splice(1, 1);
    });
    refused(
      ["merge", lostRow],
      `${place(lostRow, '"hostRows":[{"host":"nfv2","interfaces":')}: parts[0].hostRows[0].interfaces: host 'nfv2' has 4 interface rows, but parts[0].report.interfaces holds 3: 1 interface row of host 'nfv2' was lost, so the report would lack it; simulate shard 1/1 again`,
    );
    // Rows that carry no place: two queue rows, and an estimated core row.
    const lostQueues = edited("lost-queues.json", (p) => p.parts[0].report.queues.splice(0, 2));
    refused(
      ["merge", lostQueues],
      `${place(lostQueues, '"queues":', "14")}: parts[0].hostRows[0].queues: host 'nfv2' has 14 queue rows, but parts[0].report.queues holds 12: 2 queue rows of host 'nfv2' were lost, so the report would lack them; simulate shard 1/1 again`,
    );
    const added = edited("added-core.json", (p) => p.parts[0].report.analytic.cores.push(p.parts[0].report.analytic.cores[0]));
    refused(
      ["merge", added],
      `${place(added, '"analyticCores":')}: parts[0].hostRows[0].analyticCores: host 'nfv2' has 18 estimated core rows, but parts[0].report.analytic.cores holds 19: 1 estimated core row of host 'nfv2' was added, which its shard did not write; simulate shard 1/1 again`,
    );
    // Rows of a host the counts do not name, and a host counted twice.
    const uncounted = edited("uncounted.json", (p) => (p.parts[0].hostRows = []));
    refused(
      ["merge", uncounted],
      `${place(uncounted, '"interfaces":[')}: parts[0].report.interfaces[0]: a row of host 'nfv2', which parts[0].hostRows does not count: the partial's rows and their counts disagree; simulate shard 1/1 again`,
    );
    const twice = edited("counted-twice.json", (p) => p.parts[0].hostRows.push(p.parts[0].hostRows[0]));
    refused(["merge", twice], `${place(twice, `"hostRows":[${JSON.stringify(written[0])},{"host":`)}: parts[0].hostRows[1].host: host 'nfv2' is given twice (also at parts[0].hostRows[0])`);
  });

  it("refuses a duration that is not positive and a warm-up not shorter than the run", () => {
    const negative = edited("negative-duration.json", (p) => (p.simulation.durationNs = -5));
    refused(["merge", negative, "--format", "table"], `${place(negative, '"durationNs":', "-5")}: simulation.durationNs: must be >= 1`);
    const warm = edited("long-warmup.json", (p) => (p.simulation.warmupNs = p.simulation.durationNs));
    refused(["merge", warm], `${place(warm, '"warmupNs":')}: simulation.warmupNs: the warm-up must be shorter than the duration`);
  });
});
