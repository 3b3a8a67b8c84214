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
        help: "set `hypervisor` on edge to kvm, esxi or hyperv, declare the interfaces on the host itself, or run the workload as a `container` (which bare metal allows)",
      },
    ]);
  });

  it("says nothing of a whole PF attached inside a VM on a hypervisor host: that is invalid-value, at the attach", () => {
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
    expect(findingsOf("vm-on-bare-metal", text)).toEqual([]);
    expect(findingsOf("invalid-value", text)).toEqual([
      {
        ...at(text, "pf(x520.p0)"),
        message: "`pf(...)` is the host's own network stack on the whole port; interface `wan` is in a VM",
        help: "give the VM a share of the port with `vf(x520.p0)`, `vmdq(x520.p0)` or `vswitch(...)`, or declare `wan` on the host itself",
      },
    ]);
  });
});
