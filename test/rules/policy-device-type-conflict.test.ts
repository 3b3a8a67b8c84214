import { describe, expect, it } from "vitest";
import { findingsIn, NODE_STATE, policy } from "../helpers/check-interop.js";

const findings = (extra: string) => findingsIn("policy-device-type-conflict", { "state.yaml": NODE_STATE, "p.yaml": policy({ extra }) });

describe("policy-device-type-conflict", () => {
  it("vfio-pci with isRdma, at isRdma, with deviceType as related", () => {
    expect(findings("  deviceType: vfio-pci\n  isRdma: true\n")).toEqual([
      {
        at: "p.yaml:14:11",
        message: "`isRdma: true` conflicts with `deviceType: vfio-pci`",
        help: "for RDMA on the host set `deviceType: netdevice`; a VM gets RDMA through vfio-pci with `isRdma: false`",
        related: ["p.yaml:13:15 deviceType set here"],
      },
    ]);
  });

  it("switchdev on InfiniBand; vDPA with vfio-pci and without switchdev", () => {
    expect(findings("  eSwitchMode: switchdev\n  linkType: ib\n").map((f) => `${f.at} ${f.message}`)).toEqual(["p.yaml:14:13 `eSwitchMode: switchdev` can be used only with Ethernet links, not `linkType: ib`"]);
    expect(findings("  deviceType: vfio-pci\n  vdpaType: virtio\n").map((f) => f.message)).toEqual([
      "`vdpaType: virtio` conflicts with `deviceType: vfio-pci`",
      "vDPA requires the device in switchdev mode",
    ]);
  });

  it("netdevice with RDMA, and switchdev with vDPA on Ethernet, are fine", () => {
    expect(findings("  deviceType: netdevice\n  isRdma: true\n")).toEqual([]);
    expect(findings("  eSwitchMode: switchdev\n  linkType: eth\n  vdpaType: virtio\n")).toEqual([]);
  });
});
