import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf } from "../helpers/check-source.js";

const topology = (migrate: string, attach: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2 }
  }
  vm web {
    pin = 2..3
    live_migration = ${migrate}
    iface eth0 { attach = ${attach} }
  }
}
`;

describe("live-migration-with-vf", () => {
  it("reports a VF on a VM meant to live-migrate", () => {
    const text = topology("true", "vf(x710.pf0)");
    expect(findingsOf("live-migration-with-vf", text)).toEqual([
      {
        ...at(text, "vf(x710.pf0)"),
        message: "vm web is meant to live-migrate, but web.eth0 is a VF of x710.pf0 passed through to it: a VM with a VF cannot be live-migrated",
        help: "attach web.eth0 with `vmdq(x710.pf0)`, or set `live_migration = false`",
      },
    ]);
  });

  it("is quiet without live migration or without a VF", () => {
    expect(findingsOf("live-migration-with-vf", topology("false", "vf(x710.pf0)"))).toEqual([]);
    expect(findingsOf("live-migration-with-vf", topology("true", "vmdq(x710.pf0)"))).toEqual([]);
  });

  it("on a ConnectX-6 Dx in switchdev mode suggests the vSwitch, not vdpa(...), which does not migrate either", () => {
    const cx6 = (extra: string) =>
      topology("true", "vf(cx6.pf0)").replace('nic x710 {\n    model = "intel-x710"', 'nic cx6 {\n    model = "nvidia-cx6"').replace("  vm web {", `${extra}  vm web {`);
    const legacy = cx6("");
    expect(findingsOf("live-migration-with-vf", legacy)).toEqual([
      {
        ...at(legacy, "vf(cx6.pf0)"),
        message: "vm web is meant to live-migrate, but web.eth0 is a VF of cx6.pf0 passed through to it: a VM with a VF cannot be live-migrated",
        help: "set `live_migration = false`",
      },
    ]);
    const switchdev = cx6("  vswitch br-int {\n    uplinks = [cx6.pf0]\n    offload = true\n  }\n");
    expect(findingsOf("live-migration-with-vf", switchdev).map((f) => f.help)).toEqual(["attach web.eth0 with `vswitch(br-int)`, or set `live_migration = false`"]);
    // What the help offers is clean.
    const fixed = switchdev.replace("attach = vf(cx6.pf0)", "attach = vswitch(br-int)");
    expect(checkSource(fixed).filter((d) => d.severity !== "info").map((d) => d.rule)).toEqual([]);
  });

  it("reports vdpa(...): libvirt refuses to migrate it, and Nova unplugs and replugs it", () => {
    const text = topology("true", "vdpa(cx6.pf0)")
      .replace('nic x710 {\n    model = "intel-x710"', 'nic cx6 {\n    model = "nvidia-cx6"')
      .replace("  vm web {", "  vswitch br-int {\n    uplinks = [cx6.pf0]\n    offload = true\n  }\n  vm web {");
    expect(findingsOf("live-migration-with-vf", text)).toEqual([
      {
        ...at(text, "vdpa(cx6.pf0)"),
        message:
          "vm web is meant to live-migrate, but web.eth0 is a vDPA device on a VF of cx6.pf0: libvirt refuses to live-migrate a VM with a vDPA interface (QEMU migrates vhost-vdpa only under its experimental `x-svq` option), and OpenStack Nova migrates it by unplugging the device and plugging a new one on the destination, which the guest sees as its interface removed and added",
        help: "attach web.eth0 with `vswitch(br-int)`, or set `live_migration = false`",
      },
    ]);
    // The rest of the topology is clean: the finding is this rule's alone.
    expect(checkSource(text).filter((d) => d.severity !== "info").map((d) => d.rule)).toEqual(["live-migration-with-vf"]);
    expect(findingsOf("live-migration-with-vf", text.replace("live_migration = true", "live_migration = false"))).toEqual([]);
  });
});
