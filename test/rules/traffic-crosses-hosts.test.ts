import { describe, expect, it } from "vitest";
import { at, findingsOf, fixesOf } from "../helpers/check-source.js";

const host = (name: string, mac: string) => `host ${name} {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 1 }
  }
  vm web {
    pin = 2..3
    iface eth0 {
      attach = vf(x710.pf0)
      mac = ${mac}
    }
  }
}
`;

const topology = (macA: string, macB: string, from = "h2.web.eth0") => `${host("h1", macA)}
${host("h2", macB)}
traffic t {
  from = ${from}
  to = h1.web.eth0
  rate = 1Mpps
}
`;

describe("traffic-crosses-hosts", () => {
  it("reports traffic from an interface of another host, at `from`", () => {
    const text = topology("auto", "auto");
    expect(findingsOf("traffic-crosses-hosts", text)).toEqual([
      {
        ...at(text, "h2.web.eth0"),
        message:
          "traffic t comes from h2.web.eth0 on host h2, but goes to h1.web.eth0 on host h1: sriovc simulates one host's receive path, so it would cross h1's PF internal switch, which a frame from another host never does",
        help: "write `from = wire`: frames from another host arrive on h1's wire (the report then shows that path's costs)",
      },
    ]);
  });

  it("offers no fix: the wire path's costs may raise other findings, which the author should see", () => {
    expect(fixesOf("traffic-crosses-hosts", topology("auto", "auto"))).toEqual([]);
  });

  it("with the same MAC on both hosts, duplicate-mac names the two interfaces", () => {
    const text = topology("52:54:00:00:00:01", "52:54:00:00:00:01");
    expect(findingsOf("duplicate-mac", text)).toEqual([
      {
        ...at(text, "52:54:00:00:00:01"),
        message: "MAC 52:54:00:00:00:01 of h1.web.eth0 is also the MAC of h2.web.eth0, which sends it traffic t: the network between the hosts cannot tell them apart",
        help: "give the interfaces different MACs, or use `mac = auto`",
      },
    ]);
  });

  it("is quiet for traffic between interfaces of one host, and from the wire", () => {
    expect(findingsOf("traffic-crosses-hosts", topology("auto", "auto", "wire"))).toEqual([]);
  });
});
