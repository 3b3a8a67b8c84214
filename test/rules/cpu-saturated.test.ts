import { describe, expect, it } from "vitest";
import { checkSource } from "../helpers/check-source.js";
import { analyticTopology, DB_ETH0 } from "./analytic-topology.js";
import { reportsOf, spanOf } from "./spans.js";

// A VF would bypass br0's security_groups, so only VMDq (which keeps them) is named as cheaper.
const HELP = "lower the offered rate or spread the interfaces over more cores, or move db.eth0 to a cheaper data path: `vmdq(x710.pf0)`";

/** The busy percentage in a finding's message. */
function percent(message: string): number {
  return Number(/predicted (\d+) % busy/.exec(message)![1]);
}

describe("cpu-saturated", () => {
  it("reports the hypervisor core that the vSwitch path at 1 Mpps saturates, on the interface it serves", () => {
    const text = analyticTopology("      itr = 50us", "traffic t { to = h1.db.eth0  rate = 1Mpps }");
    expect(checkSource(text).filter((d) => d.severity === "error")).toEqual([]);
    const found = reportsOf("cpu-saturated", text);
    expect(found).toEqual([
      {
        file: "example.sriov",
        ...spanOf(text, "eth0", 1),
        message: expect.stringMatching(/^core 0 of host `h1` \(hypervisor\) is predicted \d+ % busy: packets will be dropped; it serves h1\.db\.eth0$/),
        help: HELP,
        related: [],
      },
    ]);
    expect(found[0]!.line).toBe(spanOf(text, DB_ETH0).line);
    expect(percent(found[0]!.message)).toBeGreaterThan(100);
  });

  it("reports a core saturated while its traffic runs, with the figure of that time, however short the traffic's window", () => {
    // 1 Mpps for 1 ms of the 9 ms window: the mean over the window is under 100 %, the load while it runs is not.
    const always = reportsOf("cpu-saturated", analyticTopology("      itr = 50us", "traffic t { to = h1.db.eth0  rate = 1Mpps }"));
    const late = reportsOf("cpu-saturated", analyticTopology("      itr = 50us", "traffic t { to = h1.db.eth0  rate = 1Mpps  start = 9ms }"));
    expect(always).toHaveLength(1);
    expect(late).toEqual(always);
  });

  it("reports a core saturated only during the warm-up, as link-oversubscribed reports a line overloaded then", () => {
    // 1 Mpps until 500 us of the 1 ms warm-up: nothing of it is measured (traffic-after-run says so), but
    // the deployment runs it all the same, and the core cannot keep up then.
    const always = reportsOf("cpu-saturated", analyticTopology("      itr = 50us", "traffic t { to = h1.db.eth0  rate = 1Mpps }"));
    const warmUp = reportsOf("cpu-saturated", analyticTopology("      itr = 50us", "traffic t { to = h1.db.eth0  rate = 1Mpps  stop = 500us }"));
    expect(always).toHaveLength(1);
    expect(warmUp).toEqual(always);
  });

  it("names every interface the core works on, the others as related spans", () => {
    const text = `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2 }
  }
  vm web {
    pin = 2..2
    vcpus = 1
    iface eth0 { attach = vf(x710.pf0) }
    iface eth1 { attach = vf(x710.pf0) }
  }
}
traffic a { to = h1.web.eth0  rate = 2Mpps }
traffic b { to = h1.web.eth1  rate = 2Mpps }
`;
    const found = reportsOf("cpu-saturated", text);
    expect(found).toEqual([
      {
        file: "example.sriov",
        ...spanOf(text, "eth0"),
        message: expect.stringMatching(/^core 2 of host `h1` \(vm:web\) is predicted \d+ % busy: packets will be dropped; it serves h1\.web\.eth0, h1\.web\.eth1$/),
        help: "lower the offered rate or spread the interfaces over more cores: its interfaces already use the cheapest data path the model allows",
        related: [{ file: "example.sriov", ...spanOf(text, "eth1"), message: "also works on this core" }],
      },
    ]);
    expect(percent(found[0]!.message)).toBeGreaterThan(100);
  });

  it("is quiet at 100 kpps", () => {
    expect(reportsOf("cpu-saturated", analyticTopology("      itr = 50us", "traffic t { to = h1.db.eth0  rate = 100Kpps }"))).toEqual([]);
  });

  it("is quiet for a busy core that keeps up: one interrupt per pair of evenly spaced packets, not 100 %", () => {
    // Without moderation, an interrupt that costs more than the gap between two packets once made the
    // estimate settle at exactly 100 % busy (and report it); the simulation has this core at 76.5 %.
    const text = `host h1 {
  vswitch s { }
  vm v { iface e { attach = vswitch(s) } }
}
traffic t { to = h1.v.e  rate = 900Kpps }
`;
    expect(reportsOf("cpu-saturated", text)).toEqual([]);
    expect(checkSource(text).map((d) => d.rule)).toEqual(["interrupt-storm"]);
  });
});

describe("cpu-saturated for a container's veth", () => {
  it("names the container's VF (SR-IOV CNI) as the cheaper path, on a bare-metal worker too", () => {
    const text = `host w1 {
  cores = 4
  hypervisor = none
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2 }
  }
  vswitch br0 {
    type = ovs
    uplinks = [x710.pf0]
  }
  container pod {
    pin = [2]
    iface net1 { attach = vswitch(br0) }
  }
}
traffic t { to = w1.pod.net1  rate = 3Mpps }
`;
    const found = reportsOf("cpu-saturated", text);
    expect(found.map((f) => [f.line, f.column, f.help])).toEqual([
      [spanOf(text, "net1").line, spanOf(text, "net1").column, "lower the offered rate or spread the interfaces over more cores, or move pod.net1 to a cheaper data path: `vf(x710.pf0)`"],
    ]);
    expect(found[0]!.message).toMatch(/^core \d+ of host `w1` \(.+\) is predicted \d+ % busy: packets will be dropped; it serves w1\.pod\.net1$/);
  });
});
