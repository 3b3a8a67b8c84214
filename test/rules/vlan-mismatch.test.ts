import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (ifaceVlan: string, trafficVlan: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2 }
  }
  vm web {
    pin = 2..3
    iface eth0 {
      attach = vf(x710.pf0)
      ${ifaceVlan}
    }
  }
}

traffic web_in {
  to = h1.web.eth0
  rate = 100Kpps
  ${trafficVlan}
}
`;

describe("vlan-mismatch", () => {
  it("reports traffic tagged with another VLAN than the interface's", () => {
    const text = topology("vlan = 100", "vlan = 200");
    expect(findingsOf("vlan-mismatch", text)).toEqual([
      {
        ...at(text, "200"),
        message: "traffic web_in is tagged with VLAN 200, but h1.web.eth0 only accepts VLAN 100: the NIC's VLAN filter drops them",
        help: "tag the traffic with VLAN 100, or leave `vlan` out to take the VLAN of its interface",
      },
    ]);
  });

  it("reports tagged traffic to an untagged interface, and untagged traffic to a VLAN port", () => {
    const tagged = topology("", "vlan = 300");
    expect(findingsOf("vlan-mismatch", tagged)).toEqual([
      {
        ...at(tagged, "300"),
        message: "traffic web_in is tagged with VLAN 300, but h1.web.eth0 takes untagged frames only (it has no `vlan`): the NIC's VLAN filter drops them",
        help: "set `vlan = 300` on h1.web.eth0, or send untagged traffic (`vlan = none`)",
      },
    ]);
    expect(findingsOf("vlan-mismatch", topology("vlan = 100", "vlan = none")).map((f) => f.message)).toEqual([
      "traffic web_in is untagged, but h1.web.eth0 only accepts VLAN 100: the NIC's VLAN filter drops them",
    ]);
  });

  it("is quiet when the VLANs agree or the traffic takes the interface's", () => {
    expect(findingsOf("vlan-mismatch", topology("vlan = 100", "vlan = 100"))).toEqual([]);
    expect(findingsOf("vlan-mismatch", topology("vlan = 100", ""))).toEqual([]);
  });
});

describe("vlan-mismatch on transmit traffic", () => {
  // A VM sending out of its PF's link (`to = wire`): its frames leave on its interface's VLAN.
  const transmit = (ifaceVlan: string, trafficVlan: string, attach = "vf(x710.pf0)") => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2 }
  }
  vswitch br0 { type = linux_bridge  uplinks = [x710.pf0] }
  vm web {
    pin = 2..3
    iface eth0 {
      attach = ${attach}
      ${ifaceVlan}
    }
  }
}

traffic web_out {
  from = h1.web.eth0
  to = wire
  rate = 100Kpps
  ${trafficVlan}
}
`;

  it("reports traffic sent tagged with another VLAN than the sender's, or tagged from an untagged interface", () => {
    const text = transmit("vlan = 100", "vlan = 200");
    expect(findingsOf("vlan-mismatch", text)).toEqual([
      {
        ...at(text, "200"),
        message: "traffic web_out is tagged with VLAN 200, but h1.web.eth0 only sends on VLAN 100: the NIC's VLAN filter drops them",
        help: "tag the traffic with VLAN 100, or leave `vlan` out to take the VLAN of its interface",
      },
    ]);
    const tagged = transmit("", "vlan = 300");
    expect(findingsOf("vlan-mismatch", tagged)).toEqual([
      {
        ...at(tagged, "300"),
        message: "traffic web_out is tagged with VLAN 300, but h1.web.eth0 sends untagged frames only (it has no `vlan`): the NIC's VLAN filter drops them",
        help: "set `vlan = 300` on h1.web.eth0, or send untagged traffic (`vlan = none`)",
      },
    ]);
  });

  it("reports untagged traffic from a VLAN port: the port tags it", () => {
    expect(findingsOf("vlan-mismatch", transmit("vlan = 100", "vlan = none")).map((f) => f.message)).toEqual([
      "traffic web_out is untagged, but h1.web.eth0 only sends on VLAN 100: the NIC tags them with VLAN 100",
    ]);
    expect(findingsOf("vlan-mismatch", transmit("vlan = 100", "vlan = 7", "vswitch(br0)")).map((f) => f.message)).toEqual([
      "traffic web_out is tagged with VLAN 7, but h1.web.eth0 only sends on VLAN 100: the vSwitch port drops them",
    ]);
  });

  it("is quiet when the VLANs agree or the traffic takes the sender's", () => {
    expect(findingsOf("vlan-mismatch", transmit("vlan = 100", "vlan = 100"))).toEqual([]);
    expect(findingsOf("vlan-mismatch", transmit("vlan = 100", ""))).toEqual([]);
  });
});

describe("vlan-mismatch on traffic from one interface to another", () => {
  // VF to VF through the NIC's switch: the frames leave the sender on its VLAN, which the receiver must take.
  const local = (senderVlan: string, receiverVlan: string, trafficVlan = "") => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2 }
  }
  vm lb {
    pin = 2..3
    iface eth0 {
      attach = vf(x710.pf0)
      ${senderVlan}
    }
  }
  vm web {
    pin = 4..5
    iface eth0 {
      attach = vf(x710.pf0)
      ${receiverVlan}
    }
  }
}

traffic lb_to_web {
  from = h1.lb.eth0
  to = h1.web.eth0
  rate = 100Kpps
  ${trafficVlan}
}
`;

  it("reports a sender on another VLAN than the receiver's, at the traffic's `from`", () => {
    const text = local("vlan = 100", "vlan = 200");
    expect(findingsOf("vlan-mismatch", text)).toEqual([
      {
        ...at(text, "h1.lb.eth0"),
        message: "traffic lb_to_web is tagged with VLAN 100 by h1.lb.eth0, but h1.web.eth0 only accepts VLAN 200: the NIC's VLAN filter drops them",
        help: "put h1.lb.eth0 and h1.web.eth0 on one VLAN (`vlan = 200` on h1.lb.eth0)",
      },
    ]);
  });

  it("reports a tagged sender to an untagged receiver, and an untagged sender to a VLAN port", () => {
    const tagged = local("vlan = 100", "");
    expect(findingsOf("vlan-mismatch", tagged)).toEqual([
      {
        ...at(tagged, "h1.lb.eth0"),
        message: "traffic lb_to_web is tagged with VLAN 100 by h1.lb.eth0, but h1.web.eth0 takes untagged frames only (it has no `vlan`): the NIC's VLAN filter drops them",
        help: "put h1.lb.eth0 and h1.web.eth0 on one VLAN (`vlan = 100` on h1.web.eth0)",
      },
    ]);
    expect(findingsOf("vlan-mismatch", local("", "vlan = 200")).map((f) => f.message)).toEqual([
      "traffic lb_to_web leaves h1.lb.eth0 untagged (it has no `vlan`), but h1.web.eth0 only accepts VLAN 200: the NIC's VLAN filter drops them",
    ]);
  });

  it("reports the ends' VLANs once, even when the traffic writes the receiver's", () => {
    const text = local("vlan = 100", "vlan = 200", "vlan = 200");
    expect(findingsOf("vlan-mismatch", text).map((f) => [f.line, f.column])).toEqual([[at(text, "h1.lb.eth0").line, at(text, "h1.lb.eth0").column]]);
  });

  it("is quiet when both ends are on one VLAN", () => {
    expect(findingsOf("vlan-mismatch", local("vlan = 100", "vlan = 100"))).toEqual([]);
    expect(findingsOf("vlan-mismatch", local("", ""))).toEqual([]);
    expect(findingsOf("vlan-mismatch", local("vlan = 100", "vlan = 100", "vlan = 100"))).toEqual([]);
  });
});
