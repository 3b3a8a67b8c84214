import { describe, expect, it } from "vitest";
import { checkSource } from "../helpers/check-source.js";
import { analyticTopology } from "./analytic-topology.js";
import { reportsOf, spanOf } from "./spans.js";

/** The span of a traffic block's name: where the finding points. */
const trafficName = (text: string, name: string) => {
  const block = spanOf(text, `traffic ${name} {`);
  return { ...block, column: block.column + "traffic ".length, endColumn: block.column + "traffic ".length + name.length };
};

const HELP = "lower the offered rates, or spread the traffic over more PFs";

describe("link-oversubscribed", () => {
  it("reports two sources of 64 B frames above 10 Gb/s on the wire, counting preamble and gap", () => {
    // 2 × 8 Mpps × (64 + 20) B × 8 = 10.75 Gb/s.
    const text = analyticTopology("      itr = 50us", "traffic a { to = h1.web.eth0  rate = 8Mpps }\ntraffic b { to = h1.db.eth0  rate = 8Mpps }");
    expect(checkSource(text).filter((d) => d.severity === "error")).toEqual([]);
    expect(reportsOf("link-oversubscribed", text)).toEqual([
      {
        file: "example.sriov",
        ...trafficName(text, "a"),
        message: "traffic into PF `h1.x710.pf0` needs 10.8 Gbps on the wire (counting 20 B of preamble and gap per frame), above its 10 Gbps line rate",
        help: HELP,
        related: [
          { file: "example.sriov", ...spanOf(text, "pf0 {", 0, 3), message: "the PF" },
          { file: "example.sriov", ...trafficName(text, "b"), message: "also offered to this PF" },
        ],
      },
    ]);
  });

  it("counts VF-to-VF traffic against the PF's embedded switch", () => {
    // 20 Mpps × (64 + 20) B × 8 = 13.4 Gb/s between two VFs of one 10 Gb/s PF.
    const text = `host h1 {
  cores = 8
  nic x710 {
    model = "intel-x710"
    pf pf0 { speed = 10Gbps  vfs = 2  itr = 50us }
  }
  vm a {
    pin = 2..3
    iface eth0 { attach = vf(x710.pf0) }
  }
  vm b {
    pin = 4..5
    iface eth0 { attach = vf(x710.pf0) }
  }
}
traffic east { from = h1.a.eth0  to = h1.b.eth0  rate = 20Mpps }
`;
    expect(reportsOf("link-oversubscribed", text)).toEqual([
      {
        file: "example.sriov",
        ...trafficName(text, "east"),
        message:
          "traffic into PF `h1.x710.pf0` needs 13.4 Gbps through its embedded switch (counting 20 B of preamble and gap per frame), above its 10 Gbps line rate",
        help: HELP,
        related: [{ file: "example.sriov", ...spanOf(text, "pf0 {", 0, 3), message: "the PF" }],
      },
    ]);
  });

  it("reports a line overloaded only during the warm-up, as cpu-saturated reports a core saturated then", () => {
    // 2 × 8 Mpps until 500 us of the 1 ms warm-up: none of it is measured, all of it is on the wire.
    const always = reportsOf("link-oversubscribed", analyticTopology("      itr = 50us", "traffic a { to = h1.web.eth0  rate = 8Mpps }\ntraffic b { to = h1.db.eth0  rate = 8Mpps }"));
    const warmUp = reportsOf("link-oversubscribed", analyticTopology("      itr = 50us", "traffic a { to = h1.web.eth0  rate = 8Mpps  stop = 500us }\ntraffic b { to = h1.db.eth0  rate = 8Mpps  stop = 500us }"));
    expect(always).toHaveLength(1);
    expect(warmUp).toEqual(always);
  });

  it("does not add up traffic that is never active at the same time", () => {
    // 2 × 8 Gb/s of 1500 B frames, one until 50 ms and one from 50 ms: 8.1 Gb/s on the wire at any time.
    const text = analyticTopology(
      "      itr = 50us",
      "traffic a { to = h1.web.eth0  rate = 8Gbps  size = 1500B  stop = 50ms }\ntraffic b { to = h1.db.eth0  rate = 8Gbps  size = 1500B  start = 50ms }",
    ).replace("duration = 10ms", "duration = 100ms");
    expect(reportsOf("link-oversubscribed", text)).toEqual([]);
  });

  it("reports traffic whose time windows overlap, with what they offer together", () => {
    // a runs until 60 ms, b from 50 ms: both for 10 ms, 16.2 Gb/s on the wire.
    const text = analyticTopology(
      "      itr = 50us",
      "traffic a { to = h1.web.eth0  rate = 8Gbps  size = 1500B  stop = 60ms }\ntraffic b { to = h1.db.eth0  rate = 8Gbps  size = 1500B  start = 50ms }",
    ).replace("duration = 10ms", "duration = 100ms");
    expect(reportsOf("link-oversubscribed", text)).toEqual([
      {
        file: "example.sriov",
        ...trafficName(text, "a"),
        message: "traffic into PF `h1.x710.pf0` needs 16.2 Gbps on the wire (counting 20 B of preamble and gap per frame), above its 10 Gbps line rate",
        help: HELP,
        related: [
          { file: "example.sriov", ...spanOf(text, "pf0 {", 0, 3), message: "the PF" },
          { file: "example.sriov", ...trafficName(text, "b"), message: "also offered to this PF" },
        ],
      },
    ]);
  });

  it("is quiet when 14.88 Mpps of 64 B frames exactly fill 10 Gb/s", () => {
    expect(reportsOf("link-oversubscribed", analyticTopology("      itr = 50us", "traffic a { to = h1.web.eth0  rate = 14.88Mpps }"))).toEqual([]);
  });
});
