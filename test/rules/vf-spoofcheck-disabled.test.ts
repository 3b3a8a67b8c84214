import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (attach: string, extra: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 {
      vfs = 2
      vmdq_pools = 2
    }
  }
  vm web {
    pin = 2..3
    iface eth0 {
      attach = ${attach}
      ${extra}
    }
  }
}
`;

describe("vf-spoofcheck-disabled", () => {
  it("reports spoofchk = false on a VF at its attribute (trust = true is vf-trust-enabled)", () => {
    const text = topology("vf(x710.pf0)", "spoofchk = false\n      trust = true");
    expect(findingsOf("vf-spoofcheck-disabled", text)).toEqual([
      {
        ...at(text, "false"),
        message: "web.eth0 turns off MAC anti-spoofing on its VF (`spoofchk = false`): the guest can send frames with any source MAC",
        help: "keep `spoofchk = true` unless the guest needs to send from other MACs (bonding, a virtual router); then say why: `// sriovc-disable-next-line vf-spoofcheck-disabled -- reason`",
      },
    ]);
  });

  it("is quiet with the defaults", () => {
    expect(findingsOf("vf-spoofcheck-disabled", topology("vf(x710.pf0)", "spoofchk = true"))).toEqual([]);
  });

  it("can be silenced on one line with a reason", () => {
    const text = topology("vf(x710.pf0)", "// sriovc-disable-next-line vf-spoofcheck-disabled -- bonded guest\n      spoofchk = false");
    expect(findingsOf("vf-spoofcheck-disabled", text)).toEqual([]);
    expect(findingsOf("unused-suppression", text)).toEqual([]);
  });
});

describe("vf-spoofcheck-disabled in a container", () => {
  it("says the container, not a guest, can send any source MAC", () => {
    const text = `host w1 {
  hypervisor = none
  nic e810 {
    model = "intel-e810"
    pf p0 { vfs = 2 }
  }
  container pod {
    iface net1 {
      attach = vf(e810.p0)
      spoofchk = false
    }
  }
}
`;
    expect(findingsOf("vf-spoofcheck-disabled", text)).toEqual([
      {
        ...at(text, "false"),
        message: "pod.net1 turns off MAC anti-spoofing on its VF (`spoofchk = false`): the container can send frames with any source MAC",
        help: "keep `spoofchk = true` unless the container needs to send from other MACs (bonding, a virtual router); then say why: `// sriovc-disable-next-line vf-spoofcheck-disabled -- reason`",
      },
    ]);
  });
});
