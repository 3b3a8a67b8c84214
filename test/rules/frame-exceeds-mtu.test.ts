import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (iface: string, traffic: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 {
      vfs = 2
      mtu = 9000
    }
  }
  vm web {
    pin = 2..3
    iface eth0 {
      attach = vf(x710.pf0)
      ${iface}
    }
  }
}

traffic web_in {
  to = h1.web.eth0
  rate = 100Kpps
  ${traffic}
}
`;

describe("frame-exceeds-mtu", () => {
  it("reports frames above MTU + 18 B", () => {
    const text = topology("mtu = 1500", "size = 1519B");
    expect(findingsOf("frame-exceeds-mtu", text)).toEqual([
      {
        ...at(text, "1519B"),
        message:
          "traffic web_in sends 1519 B frames, but h1.web.eth0 receives at most 1518 B (MTU 1500 + 18 B of Ethernet header and FCS): those frames are dropped",
        help: "raise the MTU of h1.web.eth0 to 1501 or more, or send frames of at most 1518 B",
      },
    ]);
  });

  it("allows 4 B more with a VLAN tag", () => {
    expect(findingsOf("frame-exceeds-mtu", topology("mtu = 1500\n      vlan = 10", "size = 1522B"))).toEqual([]);
    expect(findingsOf("frame-exceeds-mtu", topology("mtu = 1500\n      vlan = 10", "size = 1523B")).map((f) => f.message)).toEqual([
      "traffic web_in sends 1523 B frames, but h1.web.eth0 receives at most 1522 B (MTU 1500 + 18 B of Ethernet header and FCS + 4 B of VLAN tag): those frames are dropped",
    ]);
  });

  it("counts the largest IMIX frame", () => {
    expect(findingsOf("frame-exceeds-mtu", topology("mtu = 1400", "size = imix")).map((f) => f.message)).toEqual([
      "traffic web_in sends IMIX frames of up to 1500 B, but h1.web.eth0 receives at most 1418 B (MTU 1400 + 18 B of Ethernet header and FCS): those frames are dropped",
    ]);
    expect(findingsOf("frame-exceeds-mtu", topology("mtu = 1500", "size = imix"))).toEqual([]);
  });

  it("uses the PF's MTU when the interface has none", () => {
    expect(findingsOf("frame-exceeds-mtu", topology("", "size = 9018B"))).toEqual([]);
  });
});

describe("frame-exceeds-mtu on transmit", () => {
  it("checks transmit traffic (to = wire) against the sending interface's MTU", () => {
    const text = `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2 }
  }
  vm web {
    iface eth0 { attach = vf(x710.pf0)  mtu = 1400 }
  }
}
traffic out { from = h1.web.eth0  to = wire  rate = 1Kpps  size = 1500B }
`;
    expect(findingsOf("frame-exceeds-mtu", text).map((f) => f.message)).toEqual([
      "traffic out sends 1500 B frames, but h1.web.eth0 sends at most 1418 B (MTU 1400 + 18 B of Ethernet header and FCS): those frames are dropped",
    ]);
  });
});

describe("frame-exceeds-mtu help", () => {
  // Raising only the interface's MTU above its PF's is mtu-exceeds-pf's error: the help names what has to rise.
  it("names the PF when the interface takes the PF's MTU", () => {
    const text = topology("", "size = 9019B");
    expect(findingsOf("frame-exceeds-mtu", text).map((f) => f.help)).toEqual(["raise the MTU of h1.x710.pf0 to 9001 or more, or send frames of at most 9018 B"]);
  });

  it("names the PF and the interface when both are below the frame", () => {
    const text = topology("mtu = 1500", "size = 9019B");
    expect(findingsOf("frame-exceeds-mtu", text).map((f) => f.help)).toEqual([
      "raise the MTU of h1.x710.pf0 and h1.web.eth0 to 9001 or more, or send frames of at most 1518 B",
    ]);
  });

  it("names the vSwitch's uplinks that are below the frame, and a port's written MTU", () => {
    const text = `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { mtu = 9000 }
    pf pf1 { }
  }
  vswitch br0 { uplinks = [x710.pf0, x710.pf1] }
  vm web {
    iface eth0 { attach = vswitch(br0)  mtu = 1500 }
  }
}
traffic web_in { to = h1.web.eth0  rate = 100Kpps  size = 4000B }
`;
    expect(findingsOf("frame-exceeds-mtu", text).map((f) => f.help)).toEqual([
      "raise the MTU of h1.x710.pf1 and h1.web.eth0 to 3982 or more, or send frames of at most 1518 B",
    ]);
  });

  it("names only the interface when its PF already takes the frame", () => {
    const text = topology("mtu = 1500", "size = 1519B");
    expect(findingsOf("frame-exceeds-mtu", text).map((f) => f.help)).toEqual(["raise the MTU of h1.web.eth0 to 1501 or more, or send frames of at most 1518 B"]);
  });
});

describe("frame-exceeds-mtu on a vSwitch port that leaves `mtu` out", () => {
  // Uplinks of 9000 and 1500: the port takes the narrower one's MTU, as a bridge with no MTU of its own
  // does, so jumbo frames into it are said to be dropped; before, it took the first uplink's 9000.
  const text = `host h1 {
  nic x710 {
    model = "intel-x710"
    pf p0 {
      mtu = 9000
    }
    pf p1 {}
  }
  vswitch br {
    uplinks = [x710.p0, x710.p1]
  }
  vm web {
    iface eth0 {
      attach = vswitch(br)
    }
  }
}

traffic web_in {
  to = h1.web.eth0
  rate = 100Kpps
  size = 9018B
}
`;
  it("bounds the frames by the smallest uplink's MTU", () => {
    expect(findingsOf("frame-exceeds-mtu", text).map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([
      "22:10 traffic web_in sends 9018 B frames, but h1.web.eth0 receives at most 1518 B (MTU 1500 + 18 B of Ethernet header and FCS): those frames are dropped",
    ]);
    expect(findingsOf("mtu-exceeds-pf", text)).toEqual([]);
  });
});

describe("frame-exceeds-mtu on traffic from one interface to another", () => {
  // The sender's MTU bounds what it sends, whatever the receiver takes.
  const local = (senderMtu: string, receiverMtu: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 {
      vfs = 2
      mtu = 9000
    }
  }
  vm lb {
    pin = 2..3
    iface eth0 {
      attach = vf(x710.pf0)
      ${senderMtu}
    }
  }
  vm web {
    pin = 4..5
    iface eth0 {
      attach = vf(x710.pf0)
      ${receiverMtu}
    }
  }
}

traffic lb_to_web {
  from = h1.lb.eth0
  to = h1.web.eth0
  rate = 100Kpps
  size = 9018B
}
`;

  it("reports frames above the sender's MTU, at the traffic's size", () => {
    const text = local("mtu = 1500", "mtu = 9000");
    expect(findingsOf("frame-exceeds-mtu", text)).toEqual([
      {
        ...at(text, "9018B"),
        message: "traffic lb_to_web sends 9018 B frames, but h1.lb.eth0 sends at most 1518 B (MTU 1500 + 18 B of Ethernet header and FCS): those frames are dropped",
        help: "raise the MTU of h1.lb.eth0 to 9000 or more, or send frames of at most 1518 B",
      },
    ]);
  });

  it("reports the end with the smaller MTU once when both are below the frame", () => {
    expect(findingsOf("frame-exceeds-mtu", local("mtu = 4000", "mtu = 1500")).map((f) => f.message)).toEqual([
      "traffic lb_to_web sends 9018 B frames, but h1.web.eth0 receives at most 1518 B (MTU 1500 + 18 B of Ethernet header and FCS): those frames are dropped",
    ]);
  });

  it("is quiet when both ends take the frames", () => {
    expect(findingsOf("frame-exceeds-mtu", local("mtu = 9000", ""))).toEqual([]);
  });
});
