import { describe, expect, it } from "vitest";
import { checkSource } from "../helpers/check-source.js";
import { analyticTopology, DB_ETH0, WEB_ETH0 } from "./analytic-topology.js";
import { reportsOf, spanOf } from "./spans.js";

const MODERATE = "set `itr = 50us` on x710.pf0 so that each interrupt handles a batch of packets";
// No `vf(...)`: db.eth0's vSwitch applies security_groups, which a VF would bypass (the model does not accept it).
const VIRTUAL = "these are virtual interrupts, one per batch the hypervisor hands over: set `itr = 50us` on x710.pf0 so that each interrupt handles a batch of packets";

/** One VM with two VFs on one pinned core, each offered `rate` of evenly spaced frames. */
const twoVfs = (rate: string, second = true) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2  itr = 0 }
  }
  vm web {
    pin = 2..2
    vcpus = 1
    iface eth0 { attach = vf(x710.pf0) }
    iface eth1 { attach = vf(x710.pf0) }
  }
}
traffic a { to = h1.web.eth0  rate = ${rate} }
${second ? `traffic b { to = h1.web.eth1  rate = ${rate} }` : ""}
`;

describe("interrupt-storm", () => {
  it("reports a storm while its traffic runs, with the rate of that time, however short the traffic's window", () => {
    // 1 Mpps unmoderated for 1 ms of the 9 ms window: the mean over the window is under 100,000/s.
    const always = reportsOf("interrupt-storm", analyticTopology("      itr = 0", "traffic t { to = h1.web.eth0  rate = 1Mpps  pattern = poisson }"));
    const late = reportsOf("interrupt-storm", analyticTopology("      itr = 0", "traffic t { to = h1.web.eth0  rate = 1Mpps  pattern = poisson  stop = 2ms }"));
    expect(always).toHaveLength(1);
    expect(late).toEqual(always);
  });

  it("reports a storm only during the warm-up, as link-oversubscribed reports a line overloaded then", () => {
    const always = reportsOf("interrupt-storm", analyticTopology("      itr = 0", "traffic t { to = h1.web.eth0  rate = 1Mpps  pattern = poisson }"));
    const warmUp = reportsOf("interrupt-storm", analyticTopology("      itr = 0", "traffic t { to = h1.web.eth0  rate = 1Mpps  pattern = poisson  stop = 500us }"));
    expect(always).toHaveLength(1);
    expect(warmUp).toEqual(always);
  });

  it("reports an unmoderated VF at 1 Mpps on the interface, with the moderation fix", () => {
    const text = analyticTopology("      itr = 0", "traffic t { to = h1.web.eth0  rate = 1Mpps  pattern = poisson }");
    expect(checkSource(text).filter((d) => d.severity === "error")).toEqual([]);
    const found = reportsOf("interrupt-storm", text);
    expect(found).toEqual([
      {
        file: "example.sriov",
        ...spanOf(text, "eth0", 0),
        message: expect.stringMatching(/^core 4 of host `h1` \(vm:web\) is predicted to take [\d,]+ interrupts\/s, over 100,000: it serves h1\.web\.eth0$/),
        help: MODERATE,
        related: [],
      },
    ]);
    expect(found[0]!.line).toBe(spanOf(text, WEB_ETH0).line);
    const rate = Number(/take ([\d,]+) interrupts/.exec(found[0]!.message)![1]!.replaceAll(",", ""));
    expect(rate).toBeGreaterThan(100_000);
  });

  it("counts one interrupt per evenly spaced frame without moderation, and names the other interfaces on the core", () => {
    const text = twoVfs("100Kpps");
    expect(reportsOf("interrupt-storm", text)).toEqual([
      {
        file: "example.sriov",
        ...spanOf(text, "eth0"),
        message: "core 2 of host `h1` (vm:web) is predicted to take 200,000 interrupts/s, over 100,000: it serves h1.web.eth0, h1.web.eth1",
        help: MODERATE,
        related: [{ file: "example.sriov", ...spanOf(text, "eth1"), message: "also interrupts this core" }],
      },
    ]);
  });

  it("names vf(...) only where the model accepts it, and no PF to moderate for a vSwitch without uplinks", () => {
    // Without the vSwitch's features, a VF of x710.pf0 is accepted for db.eth0.
    const accepted = analyticTopology("      itr = 0", "traffic t { to = h1.db.eth0  rate = 400Kpps  pattern = constant }").replace("features = [security_groups]", "features = []");
    expect(reportsOf("interrupt-storm", accepted).map((r) => r.help)).toContain(
      "these are virtual interrupts, one per batch the hypervisor hands over: set `itr = 50us` on x710.pf0 so that each interrupt handles a batch of packets, or attach db.eth0 with `vf(x710.pf0)`, whose interrupts go to the guest",
    );
    // The issue's case: a live-migrating VM that requires security groups gets no vf(...) suggestion.
    const migrating = accepted.replace("vm db {", "vm db {\n    live_migration = true");
    for (const help of reportsOf("interrupt-storm", migrating).map((r) => r.help)) expect(help).not.toContain("vf(");
  });

  it("names no uplink PF to moderate for a vSwitch without uplinks (the issue's case)", () => {
    const text = `host h1 {
  cores = 8
  hypervisor_cores = 0..0
  vswitch br0 {
    type = ovs
  }
  vm web {
    vcpus = 1
    pin = 4..4
    iface eth0 { attach = vswitch(br0) }
  }
  vm db {
    vcpus = 1
    pin = 5..5
    iface eth0 { attach = vswitch(br0) }
  }
}
traffic t { from = h1.web.eth0  to = h1.db.eth0  rate = 400Kpps }
`;
    expect(reportsOf("interrupt-storm", text).map((r) => r.help)).toEqual([
      "these interrupts come from traffic between interfaces of the host: lower that traffic's rate, or spread the interfaces over more cores",
    ]);
  });

  it("is quiet at exactly 100,000 interrupts/s", () => {
    expect(reportsOf("interrupt-storm", twoVfs("100Kpps", false))).toEqual([]);
  });

  it("says when the interrupts are virtual ones, handed over by the hypervisor, and how to batch them", () => {
    const text = analyticTopology("      itr = 0", "traffic t { to = h1.db.eth0  rate = 400Kpps  pattern = constant }");
    const onDb = { file: "example.sriov", ...spanOf(text, "eth0", 1), related: [] };
    expect(onDb.line).toBe(spanOf(text, DB_ETH0).line);
    expect(reportsOf("interrupt-storm", text)).toEqual([
      {
        ...onDb,
        message: "core 0 of host `h1` (hypervisor) is predicted to take 400,000 interrupts/s, over 100,000: it serves h1.db.eth0",
        help: MODERATE,
      },
      {
        ...onDb,
        message: "core 5 of host `h1` (vm:db) is predicted to take 400,000 interrupts/s, over 100,000: it serves h1.db.eth0",
        help: VIRTUAL,
      },
    ]);
  });

  it("is quiet with the driver's default moderation (adaptive) left in place", () => {
    expect(reportsOf("interrupt-storm", analyticTopology("", "traffic t { to = h1.web.eth0  rate = 1Mpps  pattern = poisson }"))).toEqual([]);
  });
  it("is quiet with `itr = 50us`", () => {
    expect(reportsOf("interrupt-storm", analyticTopology("      itr = 50us", "traffic t { to = h1.web.eth0  rate = 1Mpps  pattern = poisson }"))).toEqual([]);
  });
});
