import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf } from "../helpers/check-source.js";

const vswitchHost = (model: string, vswitch: string) => `host h1 {
  nic n {
    model = "${model}"
    pf pf0 { vfs = 2 }
  }
  vswitch br-int {
    ${vswitch}
    offload = true
  }
}
`;

describe("offload-unsupported", () => {
  it("reports offload into an uplink whose NIC model has no switchdev mode, at `offload`", () => {
    const text = vswitchHost("intel-x710", "uplinks = [n.pf0]");
    expect(findingsOf("offload-unsupported", text)).toEqual([
      {
        ...at(text, "true"),
        message: "vSwitch br-int offloads its rules into n.pf0, but the intel-x710 has no switchdev mode (no representor ports, no tc-flower offload)",
        help: 'use a NIC model with switchdev for n.pf0 (`"intel-e810"`, `"intel-e823c"`, `"nvidia-cx5"`, `"nvidia-cx6"`, `"broadcom-57414"`), or set `offload = false`',
        // Every model the catalogue gives switchdev (docs/NIC-CATALOGUE.md), the E823-C included.
      },
    ]);
  });

  it("reports offload on a VMware standard switch, which has no representor ports, at `offload` with its type", () => {
    const text = vswitchHost("nvidia-cx6", "type = vss\n    uplinks = [n.pf0]");
    const found = checkSource(text).filter((d) => d.rule === "offload-unsupported");
    expect(found.map((d) => ({ line: d.span.line, column: d.span.column, message: d.message, help: d.help }))).toEqual([
      {
        ...at(text, "true"),
        message: "vSwitch br-int is a VMware standard switch (`type = vss`), which offloads nothing into a NIC's embedded switch: `offload = true` is OVS hardware offload (tc flower on switchdev representors)",
        help: "use `type = ovs` (or `ovs_dpdk`) for an offloading vSwitch, or set `offload = false`",
      },
    ]);
    expect(found[0]!.related.map((r) => ({ line: r.span.line, column: r.span.column, message: r.message }))).toEqual([{ ...at(text, "vss"), message: "type set here" }]);
    expect(findingsOf("offload-unsupported", vswitchHost("nvidia-cx6", "type = ovs_dpdk\n    uplinks = [n.pf0]"))).toEqual([]);
  });

  it("reports offload with no uplink to offload into", () => {
    const text = vswitchHost("nvidia-cx6", "");
    expect(findingsOf("offload-unsupported", text)).toEqual([
      {
        ...at(text, "true"),
        message: "vSwitch br-int has `offload = true` but no uplink: there is no embedded switch to offload its rules into",
        help: "add the switchdev PF to `uplinks` of br-int, or set `offload = false`",
      },
    ]);
  });

  it("accepts offload on switchdev models (E810, E823-C, ConnectX, BCM57414) and treats the generic model as unsupported", () => {
    for (const model of ["intel-e810", "intel-e823c", "nvidia-cx5", "nvidia-cx6", "broadcom-57414"]) expect(findingsOf("offload-unsupported", vswitchHost(model, "uplinks = [n.pf0]")), model).toEqual([]);
    expect(findingsOf("offload-unsupported", vswitchHost("generic", "uplinks = [n.pf0]"))).toHaveLength(1);
  });

  it("reports vdpa(...) on a model without vDPA, at the attachment", () => {
    const text = `host h1 {
  nic cx5 {
    model = "nvidia-cx5"
    pf pf0 { vfs = 2 }
  }
  vm web {
    iface eth0 { attach = vdpa(cx5.pf0) }
  }
}
`;
    expect(findingsOf("offload-unsupported", text)).toEqual([
      {
        ...at(text, "vdpa(cx5.pf0)"),
        message: "web.eth0 asks for a vDPA device on cx5.pf0, but the nvidia-cx5 has no vDPA support (its VFs cannot speak virtio)",
        help: 'use a NIC model with vDPA (`"nvidia-cx6"`), or attach with `vf(cx5.pf0)` or `vswitch(...)` (a VM that must live-migrate: `vswitch(...)`)',
      },
    ]);
    expect(findingsOf("offload-unsupported", text.replace("nvidia-cx5", "nvidia-cx6"))).toEqual([]);
  });
});
