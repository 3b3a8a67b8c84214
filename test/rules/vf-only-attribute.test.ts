import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (attach: string, attrs: string) => `host h1 {
  nic x520 {
    model = "intel-82599"
    pf pf0 { vfs = 2 }
    pf pf1 {}
  }
  vswitch br0 { type = ovs  uplinks = [x520.pf1] }
  vm web {
    pin = 2..3
    iface eth0 {
      attach = ${attach}
      ${attrs}
    }
  }
}
`;

describe("vf-only-attribute", () => {
  it("reports `trust` and `spoofchk` on a vSwitch port, at each value", () => {
    const text = topology("vswitch(br0)", "trust = true  spoofchk = false");
    expect(findingsOf("vf-only-attribute", text)).toEqual([
      {
        ...at(text, "true", 0),
        message: "`trust` has no effect on web.eth0: it is a VF setting, and web.eth0 is a vSwitch port (`vswitch(br0)`)",
        help: "remove `trust`, or attach web.eth0 to a VF (`vf(...)`)",
      },
      {
        ...at(text, "false"),
        message: "`spoofchk` has no effect on web.eth0: it is a VF setting, and web.eth0 is a vSwitch port (`vswitch(br0)`)",
        help: "remove `spoofchk`, or attach web.eth0 to a VF (`vf(...)`)",
      },
    ]);
  });

  it("reports them on a VMDq pool and on the host's own PF interface", () => {
    expect(findingsOf("vf-only-attribute", topology("vmdq(x520.pf0)", "spoofchk = true")).map((f) => f.message)).toEqual([
      "`spoofchk` has no effect on web.eth0: it is a VF setting, and web.eth0 is a VMDq pool of x520.pf0 (`vmdq(...)`)",
    ]);
    const host = `host h1 {
  hypervisor = none
  nic x520 {
    model = "intel-82599"
    pf pf0 {}
  }
  iface mgmt { attach = pf(x520.pf0)  trust = false }
}
`;
    expect(findingsOf("vf-only-attribute", host)).toEqual([
      {
        ...at(host, "false"),
        message: "`trust` has no effect on mgmt: it is a VF setting, and mgmt uses the whole PF x520.pf0 (`pf(...)`)",
        help: "remove `trust`, or attach mgmt to a VF (`vf(...)`)",
      },
    ]);
  });

  it("is quiet on a VF and a vDPA device, and when neither is written", () => {
    expect(findingsOf("vf-only-attribute", topology("vf(x520.pf0)", "trust = false  spoofchk = true"))).toEqual([]);
    expect(findingsOf("vf-only-attribute", topology("vswitch(br0)", ""))).toEqual([]);
  });
});
