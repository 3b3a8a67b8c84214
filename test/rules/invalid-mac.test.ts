import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (mac: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2 }
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

describe("invalid-mac", () => {
  it("reports a multicast address and suggests the unicast, locally administered one", () => {
    const text = topology("01:00:5e:00:00:01");
    expect(findingsOf("invalid-mac", text)).toEqual([
      {
        ...at(text, "01:00:5e:00:00:01"),
        message:
          "the MAC of web.eth0, 01:00:5e:00:00:01, is a multicast address (the lowest bit of its first byte is set): a NIC will not take it as an interface's own address",
        help: "use a unicast address such as 02:00:5e:00:00:01 (locally administered), or `mac = auto`",
      },
    ]);
  });

  it("reports all zeros and broadcast", () => {
    expect(findingsOf("invalid-mac", topology("00:00:00:00:00:00")).map((f) => [f.message, f.help])).toEqual([
      [
        "the MAC of web.eth0, 00:00:00:00:00:00, is all zeros: a NIC will not take it as an interface's own address",
        "use a unicast address such as 02:00:00:00:00:01 (locally administered), or `mac = auto`",
      ],
    ]);
    expect(findingsOf("invalid-mac", topology("FF:FF:FF:FF:FF:FF")).map((f) => f.message)).toEqual([
      "the MAC of web.eth0, ff:ff:ff:ff:ff:ff, is the broadcast address: a NIC will not take it as an interface's own address",
    ]);
  });

  it("accepts unicast addresses and auto", () => {
    expect(findingsOf("invalid-mac", topology("52:54:00:aa:00:01"))).toEqual([]);
    expect(findingsOf("invalid-mac", topology("auto"))).toEqual([]);
  });
});
