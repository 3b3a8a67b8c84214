import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

describe("vm-on-bare-metal", () => {
  it("reports a VM on a bare-metal host", () => {
    const text = `host edge {
  hypervisor = none
  vm router {
    vcpus = 2
  }
}
`;
    expect(findingsOf("vm-on-bare-metal", text)).toEqual([
      {
        ...at(text, "router"),
        message: "vm router cannot run on edge: it is bare metal (`hypervisor = none`)",
        help: "set `hypervisor` on edge to kvm, esxi or hyperv, or declare the interfaces on the host itself",
      },
    ]);
  });

  it("reports a whole PF attached inside a VM, not on the host itself", () => {
    const text = `host h1 {
  nic x520 {
    model = "intel-x520"
    pf p0 { speed = 10Gbps }
    pf p1 { speed = 10Gbps }
  }
  vm router {
    pin = 2..3
    iface wan { attach = pf(x520.p0) }
  }
  iface mgmt { attach = pf(x520.p1) }
}
`;
    expect(findingsOf("vm-on-bare-metal", text)).toEqual([
      {
        ...at(text, "pf(x520.p0)"),
        message: "router.wan attaches the whole PF x520.p0 inside vm router: only a host's own interface can use `pf(...)`",
        help: "attach router.wan with `vmdq(x520.p0)`, or declare wan on the host itself",
      },
    ]);
  });
});
