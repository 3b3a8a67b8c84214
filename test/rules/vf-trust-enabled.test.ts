import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf, fixesOf, withFix } from "../helpers/check-source.js";

const topology = (extra: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2 }
  }
  vm web {
    pin = 2..3
    iface eth0 {
      attach = vf(x710.pf0)
      ${extra}
    }
  }
}
`;

describe("vf-trust-enabled", () => {
  it("reports trust = true on a VF under its own id, not vf-spoofcheck-disabled", () => {
    const text = topology("trust = true");
    expect(findingsOf("vf-trust-enabled", text)).toEqual([
      {
        ...at(text, "true"),
        message: "web.eth0 puts its VF in trusted mode (`trust = true`): the guest can change its MAC and turn on promiscuous mode",
        help: "leave `trust = false` unless the guest needs trusted mode (bonding, VRRP, many VLANs); then say why: `// sriovc-disable-next-line vf-trust-enabled -- reason`",
      },
    ]);
    expect(findingsOf("vf-spoofcheck-disabled", text)).toEqual([]);
  });

  it("offers trust = false, not as a safe fix; applied, it leaves nothing to report", () => {
    const text = topology("trust = true");
    const [fix, ...rest] = fixesOf("vf-trust-enabled", text);
    expect(rest).toEqual([]);
    expect(fix).toMatchObject({ description: "turn trusted mode off: `trust = false`", safe: false });
    expect(checkSource(withFix(text, fix!)).map((d) => d.rule)).toEqual([]);
  });

  it("is quiet with the default and on other paths", () => {
    expect(findingsOf("vf-trust-enabled", topology("trust = false"))).toEqual([]);
    expect(findingsOf("vf-trust-enabled", topology("").replace("vf(x710.pf0)", "vswitch(s)").replace("vm web", "vswitch s { }\n  vm web"))).toEqual([]);
  });
});

describe("vf-trust-enabled outside a VM", () => {
  it("names the container (SR-IOV CNI) or the host that drives the trusted VF", () => {
    const text = `host w1 {
  hypervisor = none
  nic e810 {
    model = "intel-e810"
    pf p0 { vfs = 2 }
  }
  container pod {
    iface net1 {
      attach = vf(e810.p0)
      trust = true
    }
  }
  iface up0 {
    attach = vf(e810.p0)
    trust = true
  }
}
`;
    expect(findingsOf("vf-trust-enabled", text)).toEqual([
      {
        ...at(text, "true"),
        message: "pod.net1 puts its VF in trusted mode (`trust = true`): the container can change its MAC and turn on promiscuous mode",
        help: "leave `trust = false` unless the container needs trusted mode (bonding, VRRP, many VLANs); then say why: `// sriovc-disable-next-line vf-trust-enabled -- reason`",
      },
      {
        ...at(text, "true", 1),
        message: "up0 puts its VF in trusted mode (`trust = true`): the host can change its MAC and turn on promiscuous mode",
        help: "leave `trust = false` unless the host needs trusted mode (bonding, VRRP, many VLANs); then say why: `// sriovc-disable-next-line vf-trust-enabled -- reason`",
      },
    ]);
  });
});
