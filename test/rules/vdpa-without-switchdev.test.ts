import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf } from "../helpers/check-source.js";

/** A ConnectX host with a vDPA VM on p0 and `vswitch` (a vSwitch block, or nothing) beside it. */
const host = (vswitch: string, model = "nvidia-cx6") => `host h1 {
  nic cx6 {
    model = "${model}"
    pf p0 { vfs = 2 }
    pf p1 { vfs = 2 }
  }
${vswitch}
  vm web {
    pin = 2..3
    iface eth0 { attach = vdpa(cx6.p0) }
  }
}
`;

describe("vdpa-without-switchdev", () => {
  it("reports a vDPA device on a PF no vSwitch offloads into, at the attachment", () => {
    const text = host("");
    expect(findingsOf("vdpa-without-switchdev", text)).toEqual([
      {
        ...at(text, "vdpa(cx6.p0)"),
        message:
          "web.eth0 is a vDPA device on cx6.p0, but cx6.p0 is not in switchdev mode (no vSwitch with `offload = true` has it as an uplink): the VF's representor is in no bridge, so nothing forwards its traffic",
        help: "add a vSwitch that offloads into cx6.p0 (`vswitch br-int { type = ovs  uplinks = [cx6.p0]  offload = true }`): the vDPA device's representor is its port",
      },
    ]);
  });

  it("names the vSwitch that has the PF as an uplink without offload, with its `offload` as the related span", () => {
    const text = host("  vswitch br-int {\n    uplinks = [cx6.p0]\n    offload = false\n  }");
    const [finding, ...rest] = checkSource(text).filter((d) => d.rule === "vdpa-without-switchdev");
    expect(rest).toEqual([]);
    expect(finding!.span).toMatchObject(at(text, "vdpa(cx6.p0)"));
    expect(finding!.message).toBe(
      "web.eth0 is a vDPA device on cx6.p0, but cx6.p0 is not in switchdev mode (vSwitch br-int has it as an uplink without `offload = true`): the VF's representor is in no bridge, so nothing forwards its traffic",
    );
    expect(finding!.help).toBe("set `offload = true` on vSwitch br-int: the vDPA device's representor is then its port");
    expect(finding!.related.map((r) => ({ line: r.span.line, column: r.span.column, message: r.message }))).toEqual([
      { ...at(text, "false"), message: "vSwitch br-int does not offload into cx6.p0" },
    ]);
  });

  it("points at the vSwitch's name when `offload` is left out (false)", () => {
    const text = host("  vswitch br-int {\n    uplinks = [cx6.p0]\n  }");
    const [finding] = checkSource(text).filter((d) => d.rule === "vdpa-without-switchdev");
    expect(finding!.related.map((r) => ({ line: r.span.line, column: r.span.column }))).toEqual([at(text, "br-int")]);
  });

  it("reports a VMware standard switch with `offload = true`: it cannot offload, so its uplink stays in legacy mode", () => {
    const text = host("  vswitch br-int {\n    type = vss\n    uplinks = [cx6.p0]\n    offload = true\n  }");
    const [finding, ...rest] = checkSource(text).filter((d) => d.rule === "vdpa-without-switchdev");
    expect(rest).toEqual([]);
    expect(finding!.span).toMatchObject(at(text, "vdpa(cx6.p0)"));
    expect(finding!.message).toBe(
      "web.eth0 is a vDPA device on cx6.p0, but cx6.p0 is not in switchdev mode (vSwitch br-int has it as an uplink, but is a VMware standard switch (`type = vss`), which cannot offload): the VF's representor is in no bridge, so nothing forwards its traffic",
    );
    expect(finding!.help).toBe("use `type = ovs` (or `ovs_dpdk`) for vSwitch br-int: the vDPA device's representor is then its port");
    expect(finding!.related.map((r) => ({ line: r.span.line, column: r.span.column, message: r.message }))).toEqual([
      { ...at(text, "vss"), message: "vSwitch br-int is a VMware standard switch" },
    ]);
    // offload-unsupported reports the vss's `offload = true` itself.
    expect(findingsOf("offload-unsupported", text)).toHaveLength(1);
  });

  it("counts only a vSwitch that offloads into the vDPA device's own PF", () => {
    const text = host("  vswitch br-int {\n    uplinks = [cx6.p1]\n    offload = true\n  }");
    expect(findingsOf("vdpa-without-switchdev", text)).toHaveLength(1);
  });

  it("is quiet when an offloading vSwitch has the PF as an uplink, and the whole check is clean", () => {
    const text = host("  vswitch br-int {\n    type = ovs\n    uplinks = [cx6.p0]\n    offload = true\n  }");
    expect(checkSource(text).filter((d) => d.severity === "error" || d.severity === "warning")).toEqual([]);
  });

  it("leaves a model without vDPA to offload-unsupported", () => {
    const text = host("", "nvidia-cx5");
    expect(findingsOf("vdpa-without-switchdev", text)).toEqual([]);
    expect(findingsOf("offload-unsupported", text)).toHaveLength(1);
  });
});
