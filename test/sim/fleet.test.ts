// Fleets (src/sim/fleet.ts): a topology cut into groups of hosts that traffic couples, each simulated on its
// own, merges into the report of one run of the whole, byte for byte.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { LINES_PER_HOST, generateTopology } from "../../bench/generate.mjs";
import { checkEntries } from "../../src/driver/workspace.js";
import type { Ir } from "../../src/lower/ir.js";
import { lowerModel } from "../../src/lower/lower.js";
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { shareStrings } from "../../src/sim/shared-strings.js";
import { GROUPS_DONE, claimGroup, groupClaims, groupsToRun, hostGroups, mergeParts, partCutter, partJson, partOf, shardOf, simulateClaimedParts, simulatePart, type ClaimedResult } from "../../src/sim/fleet.js";
import simulateTask from "../../src/sim/fleet-worker.js";
import { simulate, withSettings } from "../../src/sim/simulate.js";
import { tempTree } from "../helpers/tmp.js";

/** Five generated hosts, plus traffic from an interface on h0 to one on h3: groups {h0, h3}, {h1}, {h2}, {h4}. */
function fleetIr(): Ir {
  const source = `${generateTopology({ lines: 5 * LINES_PER_HOST, durationMs: 2 }).source}
traffic cross {
  from = h0.vf1.eth0
  to = h3.vf2.eth0
  rate = 20Kpps
  vlan = 102
}
traffic out_h1 {
  from = h1.vf1.eth0
  to = wire
  rate = 10Kpps
}
traffic out_h4 {
  from = h4.vf1.eth0
  to = wire
  rate = 10Kpps
}
`;
  const dir = tempTree({ "fleet.sriov": source });
  const result = checkEntries([path.join(dir, "fleet.sriov")]);
  expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  const lowered = lowerModel(result.programs[0]!.model!);
  if (!lowered.ok) throw new Error(JSON.stringify(lowered.errors));
  return lowered.ir;
}

describe("a topology simulated in parts", () => {
  const ir = fleetIr();

  it("groups the hosts that traffic between interfaces couples, and no others", () => {
    expect(ir.hosts.map((h) => h.id)).toEqual(["h0", "h1", "h2", "h3", "h4"]);
    expect(hostGroups(ir)).toEqual([
      { hosts: ["h0", "h3"], key: "h0" },
      { hosts: ["h1"], key: "h1" },
      { hosts: ["h2"], key: "h2" },
      { hosts: ["h4"], key: "h4" },
    ]);
  });

  it("threads that take groups from one shared counter simulate each group once, and merge into the whole", () => {
    const whole = simulate(ir);
    if (!whole.ok) throw new Error(whole.message);
    const groups = hostGroups(ir);
    const claims = groupClaims();
    // Another thread took the first group before this one started.
    expect(claimGroup(claims, groups.length)).toBe(0);
    const first = { index: 0, result: simulatePart(partOf(ir, groups[0]!)) };
    const rest: ClaimedResult[] = [];
    // Every group's part as JSON in shared memory, as a worker gets them; the one already taken is never read.
    const cut = partCutter(ir, groups);
    const parts = shareStrings(groups.map((_, i) => (i === 0 ? "not JSON: taken by another thread" : partJson(cut(i)))));
    // Each result is handed on as soon as its group is simulated, before the next group is taken.
    const indices = simulateClaimedParts(parts, claims, (claimed) => {
      expect(Atomics.load(claims, GROUPS_DONE)).toBe(rest.length);
      rest.push(claimed);
    });
    expect(indices).toEqual([1, 2, 3]);
    expect(rest.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(Atomics.load(claims, GROUPS_DONE)).toBe(3);
    // Every group is taken: a thread that comes late finds nothing left.
    expect(simulateClaimedParts(parts, claims, () => expect.unreachable())).toEqual([]);
    expect(claimGroup(claims, groups.length)).toBeUndefined();
    const merged = mergeParts([...rest, first].map((r) => r.result), ir.simulation);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(whole.report));
  });

  it("cuts every group's part in one pass: the same parts as partOf, also for a shard's groups", () => {
    const all = hostGroups(ir);
    const cut = partCutter(ir, all);
    all.forEach((g, i) => expect(cut(i)).toEqual(partOf(ir, g)));
    // The traffic into a group goes with it, each source with its index in the whole topology.
    expect(cut(0).streams.length).toBeGreaterThan(0);
    expect(cut(0).ir.traffic.map((t) => t.id)).toContain("cross");
    for (let count = 2; count <= 3; count++)
      for (let index = 0; index < count; index++) {
        const groups = groupsToRun(ir, { index, count });
        const shardCut = partCutter(ir, groups);
        groups.forEach((g, i) => expect(shardCut(i)).toEqual(partOf(ir, g)));
      }
  });

  it("a worker simulates the group handed with its task first, then the groups it takes from the parts that follow, reading only those", async () => {
    const whole = simulate(ir);
    if (!whole.ok) throw new Error(whole.message);
    const groups = hostGroups(ir);
    const claims = groupClaims();
    // The main thread claims the worker's first group and cuts it out; every group's part comes later.
    const index = claimGroup(claims, groups.length)!;
    const { port1, port2 } = new MessageChannel();
    const task = simulateTask({ first: { index, part: partJson(partOf(ir, groups[index]!)) }, claims, results: port2 });
    // Its first group is simulated and posted before the other parts are there.
    const first = receiveMessageOnPort(port1)?.message as ClaimedResult;
    expect(first.index).toBe(index);
    expect(Atomics.load(claims, GROUPS_DONE)).toBe(1);
    expect(Atomics.load(claims, 0)).toBe(1);
    // This thread takes group 1 meanwhile; the worker gets every part but must read only 2 and 3 (the
    // others are not JSON here, so reading one would fail the task).
    expect(claimGroup(claims, groups.length)).toBe(1);
    const cut = partCutter(ir, groups);
    port1.postMessage(shareStrings(groups.map((_, i) => (i < 2 ? `not JSON: group ${i} is taken` : partJson(cut(i))))));
    expect(await task).toEqual([0, 2, 3]);
    const here = { index: 1, result: simulatePart(cut(1)) };
    const posted: ClaimedResult[] = [first];
    for (let m = receiveMessageOnPort(port1); m !== undefined; m = receiveMessageOnPort(port1)) posted.push(m.message as ClaimedResult);
    port1.close();
    expect(posted.map((r) => r.index)).toEqual([0, 2, 3]);
    expect(JSON.stringify(mergeParts([...posted, here].map((r) => r.result), ir.simulation))).toBe(JSON.stringify(whole.report));
  });

  it("merges, in any order, into the same bytes as one run of the whole", () => {
    const whole = simulate(ir);
    if (!whole.ok) throw new Error(whole.message);
    const parts = hostGroups(ir).map((g) => simulatePart(partOf(ir, g)));
    expect(JSON.stringify(mergeParts(parts, ir.simulation), null, 2)).toBe(JSON.stringify(whole.report, null, 2));
    expect(JSON.stringify(mergeParts([...parts].reverse(), ir.simulation))).toBe(JSON.stringify(whole.report));
    // The cross-host traffic was simulated (it is not dropped by the cut), and so was transmit on two parts.
    expect(whole.report.interfaces.find((f) => f.id === "h3.vf2.eth0")!.offered_pps).toBeGreaterThan(0);
    expect(whole.report.interfaces.filter((f) => f.direction === "tx").map((f) => f.id)).toEqual(["h1.vf1.eth0", "h4.vf1.eth0"]);
  });

  it("runs out of the event budget exactly when the whole run does", () => {
    const events = hostGroups(ir)
      .map((g) => simulatePart(partOf(ir, g)))
      .reduce((sum, p) => sum + p.events, 0);
    for (const budget of [events - 1, events, events + 1]) {
      const limited = withSettings(ir, { eventBudget: budget });
      const whole = simulate(limited);
      const parts = hostGroups(limited).map((g) => simulatePart(partOf(limited, g)));
      expect(mergeParts(parts, limited.simulation) !== undefined, `budget ${budget}`).toBe(whole.ok);
    }
  });

  it("assigns shards by a stable hash of the group's first host name", () => {
    // FNV-1a 32 (published test vectors: "a" → 0xe40c292c, "foobar" → 0xbf9cf968), so a shard never moves
    // between runs, machines or versions.
    expect(shardOf("a", 2 ** 32 - 1)).toBe(0xe40c292c);
    expect(shardOf("foobar", 2 ** 32 - 1)).toBe(0xbf9cf968);
    expect([shardOf("h0", 4), shardOf("h1", 4), shardOf("h2", 4), shardOf("h4", 4)]).toEqual([0x913b3725 % 4, 0x903b3592 % 4, 0x8f3b33ff % 4, 0x8d3b30d9 % 4]);
    for (const count of [1, 2, 3, 7]) for (const key of ["h0", "rack12-host7", "é"]) expect(shardOf(key, count)).toBeLessThan(count);
  });
});

describe("every bundled sample simulated in parts", () => {
  const SAMPLES = path.resolve(import.meta.dirname, "../../samples");
  // Samples whose traffic RSS spreads over several queues (one source per queue) merged into other numbers
  // than a run of the whole: a part keyed each source's random stream by its traffic block's index, the
  // whole by the source's own index.
  for (const name of ["nfv-dpdk", "k8s-worker", "k8s-switchdev", "switchdev-offload", "vdpa-migration", "four-data-paths", "nfv-numa", "bare-metal"]) {
    it(`${name}: the parts, one per host group, merge into the whole's report`, () => {
      const result = checkEntries([path.join(SAMPLES, `${name}.sriov`)]);
      const lowered = lowerModel(result.programs[0]!.model!);
      if (!lowered.ok) throw new Error(JSON.stringify(lowered.errors));
      const ir = withSettings(lowered.ir, { durationNs: 2_000_000 });
      const whole = simulate(ir);
      if (!whole.ok) throw new Error(whole.message);
      const groups = hostGroups(ir);
      const byGroup = mergeParts(groups.map((g) => simulatePart(partOf(ir, g))), ir.simulation);
      expect(JSON.stringify(byGroup)).toBe(JSON.stringify(whole.report));
    });
  }
});
