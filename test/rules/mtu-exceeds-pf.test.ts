import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (pfMtu: string, attach: string, mtu: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 {
      vfs = 2
      ${pfMtu}
    }
  }
  vm web {
    pin = 2..3
    iface eth0 {
      attach = ${attach}
      ${mtu}
    }
  }
}
`;

describe("mtu-exceeds-pf", () => {
  it("reports a VF's MTU above its PF's, at the interface's mtu", () => {
    const text = topology("mtu = 1500", "vf(x710.pf0)", "mtu = 9000");
    expect(findingsOf("mtu-exceeds-pf", text)).toEqual([
      {
        ...at(text, "9000"),
        message: "the MTU of web.eth0 (9000) is above the MTU of its PF x710.pf0 (1500): the VF cannot carry such frames",
        help: "raise `mtu` on x710.pf0 to 9000, or lower the MTU of web.eth0 to 1500",
      },
    ]);
  });

  it("says pool for VMDq, and uses the PF's default MTU", () => {
    const text = topology("", "vmdq(x710.pf0)", "mtu = 1600");
    expect(findingsOf("mtu-exceeds-pf", text).map((f) => f.message)).toEqual([
      "the MTU of web.eth0 (1600) is above the MTU of its PF x710.pf0 (1500): the VMDq pool cannot carry such frames",
    ]);
  });

  it("reports a host interface on the whole PF whose MTU is above the PF's: one port, two MTUs", () => {
    const text = `host h1 {
  hypervisor = none
  nic x710 {
    model = "intel-x710"
    pf pf0 {}
  }
  iface node0 {
    attach = pf(x710.pf0)
    mtu = 9000
  }
}
`;
    expect(findingsOf("mtu-exceeds-pf", text)).toEqual([
      {
        ...at(text, "9000"),
        message: "the MTU of node0 (9000) is above the MTU of its PF x710.pf0 (1500): the port cannot carry such frames",
        help: "raise `mtu` on x710.pf0 to 9000, or lower the MTU of node0 to 1500",
      },
    ]);
  });

  it("is quiet at the PF's MTU", () => {
    expect(findingsOf("mtu-exceeds-pf", topology("mtu = 9000", "vf(x710.pf0)", "mtu = 9000"))).toEqual([]);
  });
});

describe("mtu-exceeds-pf: a vSwitch interface and its uplinks", () => {
  const text = (ifaceMtu: number) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { mtu = 1500 }
  }
  vswitch br0 { uplinks = [x710.pf0] }
  vm web {
    iface eth0 {
      attach = vswitch(br0)
      mtu = ${ifaceMtu}
    }
  }
}

traffic jumbo {
  to = h1.web.eth0
  rate = 10Kpps
  size = 9018B
}
`;

  it("reports an interface MTU of 9000 behind an uplink PF at 1500 (the issue's case)", () => {
    const t = text(9000);
    expect(findingsOf("mtu-exceeds-pf", t)).toEqual([
      {
        ...at(t, "9000"),
        message: "the MTU of web.eth0 (9000) is above the MTU of x710.pf0 (1500), an uplink of vSwitch br0: frames from the wire larger than 1500 are dropped at the PF",
        help: "raise `mtu` on x710.pf0 to 9000, or lower the MTU of web.eth0 to 1500",
      },
    ]);
  });

  it("is quiet when the uplink carries the interface's MTU", () => {
    expect(findingsOf("mtu-exceeds-pf", text(1500))).toEqual([]);
  });
});
