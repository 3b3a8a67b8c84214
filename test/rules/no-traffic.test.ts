import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const host = `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { speed = 10Gbps }
  }
  iface mgmt { attach = pf(x710.pf0) }
}
`;

describe("no-traffic", () => {
  it("reports a simulation block without traffic, at its keyword", () => {
    const text = `${host}\nsimulation {\n  duration = 10ms\n}\n`;
    expect(findingsOf("no-traffic", text)).toEqual([
      {
        ...at(text, "simulation"),
        message: "this topology has a `simulation` block but no `traffic`: there is nothing to simulate",
        help: "add a `traffic` block, e.g. `traffic web_in { to = h1.web.eth0  rate = 100kpps }`, or remove `simulation`",
      },
    ]);
  });

  it("is quiet with traffic, or without a simulation block", () => {
    expect(findingsOf("no-traffic", `${host}\ntraffic t {\n  to = h1.mgmt\n  rate = 1Kpps\n}\n\nsimulation {\n  duration = 10ms\n}\n`)).toEqual([]);
    expect(findingsOf("no-traffic", host)).toEqual([]);
  });
});
