/** What-ifs re-attach an interface on the model, and lowering places it as if the source said so. */
import { describe, expect, it } from "vitest";
import { lowerModel } from "../../src/lower/lower.js";
import { validateIr } from "../../src/lower/validate.js";
import { parseWhatIf, possiblePaths, reattach, whatIfTopology } from "../../src/lower/what-if.js";
import { checkSource, modelOf } from "../helpers/check-source.js";

const topology = (attach: string, extra = "") => `host h1 {
  cores = 8
  hypervisor_cores = 0..1
  nic x710 {
    model = "intel-x710"
    pf p0 { vfs = 4  vmdq_pools = 4 }
    pf p1 { vfs = 4  vmdq_pools = 0 }
  }
  vswitch br0 { uplinks = [x710.p1] }
  vm web {
    vcpus = 1
    pin = 4..4
${extra}    iface eth0 { attach = ${attach} }
  }
}
traffic t { to = h1.web.eth0  rate = 10Kpps }
`;

function lower(text: string, whatIfs: { iface: string; path: "pf" | "vswitch" | "vmdq" | "vf" }[] = []) {
  const model = modelOf(text);
  const moved = reattach(model, whatIfs);
  if (!moved.ok) throw new Error(moved.message);
  const lowered = lowerModel(whatIfTopology(model, moved));
  if (!lowered.ok) throw new Error(lowered.errors.map((e) => e.message).join("; "));
  expect(validateIr(JSON.parse(JSON.stringify(lowered.ir))).ok).toBe(true);
  return lowered.ir;
}

/** The interfaces as lowered, without their spans (the two spellings differ in length). */
const placed = (ir: ReturnType<typeof lower>) => ir.ifaces.map(({ span: _span, ...rest }) => rest);

describe("what-if", () => {
  it("parses IFACE=MODE and says what is wrong otherwise", () => {
    expect(parseWhatIf("h1.db.eth0=vf")).toEqual({ iface: "h1.db.eth0", path: "vf" });
    expect(parseWhatIf("h1.db.eth0")).toBe("expects IFACE=MODE (e.g. h1.db.eth0=vf), got 'h1.db.eth0'");
    expect(parseWhatIf("=vf")).toBe("expects IFACE=MODE (e.g. h1.db.eth0=vf), got '=vf'");
    expect(parseWhatIf("h1.db.eth0=sriov")).toBe("h1.db.eth0=sriov: unknown data path 'sriov'; expected one of pf, vswitch, vmdq, vf, vdpa, vswitch(NAME), kernel, dpdk");
  });

  it("a re-attached interface lowers exactly as the same topology written that way", () => {
    // The vSwitch serves p1, the host's second PF: its queue is on hypervisor core 1, whichever way it is written.
    const written = lower(topology("vswitch(br0)"));
    const moved = lower(topology("vf(x710.p1)"), [{ iface: "h1.web.eth0", path: "vswitch" }]);
    expect(placed(moved)).toEqual(placed(written));
    expect(moved.ifaces[0]!.irqCore).toBe(1);
    expect(placed(lower(topology("vswitch(br0)"), [{ iface: "h1.web.eth0", path: "vf" }]))).toEqual(placed(lower(topology("vf(x710.p1)"))));
  });

  it("moves to the next free VF or pool, seeing earlier what-ifs", () => {
    const text = topology("vswitch(br0)", "    iface eth1 { attach = vf(x710.p1) }\n");
    const ir = lower(text, [{ iface: "h1.web.eth0", path: "vf" }]);
    expect(ir.ifaces.map((f) => [f.id, f.attachment])).toEqual([
      ["h1.web.eth1", { kind: "vf", pf: "h1.x710.p1", vf: 0 }],
      ["h1.web.eth0", { kind: "vf", pf: "h1.x710.p1", vf: 1 }],
    ]);
  });

  it("allocates VFs as the edited file would: an interface declared after the moved one shifts", () => {
    // eth1 (declared after eth0) holds VF 0 of p1; moving eth0 to vf gives it VF 0, as `vf(x710.p1)` written
    // on eth0 would, and eth1 takes VF 1. Moving it back frees the VF: eth1 is on VF 0 again.
    const text = topology("vswitch(br0)").replace("    iface eth0 { attach = vswitch(br0) }\n", "    iface eth0 { attach = vswitch(br0) }\n    iface eth1 { attach = vf(x710.p1) }\n");
    const ir = lower(text, [{ iface: "h1.web.eth0", path: "vf" }]);
    expect(ir.ifaces.map((f) => [f.id, f.attachment])).toEqual([
      ["h1.web.eth0", { kind: "vf", pf: "h1.x710.p1", vf: 0 }],
      ["h1.web.eth1", { kind: "vf", pf: "h1.x710.p1", vf: 1 }],
    ]);
    const written = text.replace("attach = vswitch(br0)", "attach = vf(x710.p1)");
    expect(lower(written, [{ iface: "h1.web.eth0", path: "vswitch" }]).ifaces.map((f) => f.attachment)).toEqual([
      { kind: "vswitch", vswitch: "h1.br0", pf: "h1.x710.p1" },
      { kind: "vf", pf: "h1.x710.p1", vf: 0 },
    ]);
  });

  it("gives a re-attached interface the default MTU of its new attachment, and keeps a written one", () => {
    // p1 (br0's uplink) has a jumbo MTU, p0 the default: the interface follows its attachment, as written.
    const jumbo = (attach: string, mtu = "") => topology(attach).replace("pf p1 { vfs = 4  vmdq_pools = 0 }", "pf p1 { vfs = 4  vmdq_pools = 0  mtu = 9000 }").replace(`attach = ${attach} }`, `attach = ${attach}${mtu} }`);
    expect(lower(jumbo("vf(x710.p0)"), [{ iface: "h1.web.eth0", path: "vmdq" }]).ifaces[0]!.mtu).toBe(1500);
    expect(lower(jumbo("vf(x710.p1)"), [{ iface: "h1.web.eth0", path: "vswitch" }]).ifaces[0]!.mtu).toBe(9000);
    expect(lower(jumbo("vswitch(br0)"), [{ iface: "h1.web.eth0", path: "vf" }]).ifaces[0]!.mtu).toBe(9000);
    expect(lower(jumbo("vf(x710.p1)", "  mtu = 1400"), [{ iface: "h1.web.eth0", path: "vswitch" }]).ifaces[0]!.mtu).toBe(1400);
  });

  it("refuses more queues than the new VF or pool can open, with the error the edited file gets", () => {
    const message = "`queues = 2` is more than a VMDq pool of the `intel-x710` can open (1)";
    const model = modelOf(topology("vf(x710.p0)  queues = 2"));
    expect(reattach(model, [{ iface: "h1.web.eth0", path: "vmdq" }])).toEqual({ ok: false, message: `cannot re-attach 'h1.web.eth0' on vmdq: ${message}` });
    expect(checkSource(topology("vmdq(x710.p0)  queues = 2")).filter((d) => d.severity === "error").map((d) => [d.rule, d.message])).toEqual([["invalid-value", message]]);
  });

  it("refuses a move onto a PF with no VF left, wherever the edited file would run out", () => {
    const text = topology("vswitch(br0)", "    iface eth1 { attach = vf(x710.p1) }\n").replace("pf p1 { vfs = 4", "pf p1 { vfs = 1");
    expect(reattach(modelOf(text), [{ iface: "h1.web.eth0", path: "vf" }])).toEqual({ ok: false, message: "cannot re-attach 'h1.web.eth0' on vf: 'h1.x710.p1' has no free VF (1 enabled)" });
    // p0's one pool is taken; its VFs are not short, so the message is about pools.
    const pools = topology("vf(x710.p0)", "    iface eth1 { attach = vmdq(x710.p0) }\n").replace("vmdq_pools = 4", "vmdq_pools = 1");
    expect(reattach(modelOf(pools), [{ iface: "h1.web.eth0", path: "vmdq" }])).toEqual({ ok: false, message: "cannot re-attach 'h1.web.eth0' on vmdq: 'h1.x710.p0' has no free VMDq pool (1)" });
  });

  it("explains what cannot be done", () => {
    const model = modelOf(topology("vf(x710.p0)"));
    expect(reattach(model, [{ iface: "h1.web.eth0", path: "pf" }])).toEqual({ ok: false, message: "cannot re-attach 'h1.web.eth0' on pf: pf(...) is only for a host's own interfaces" });
    expect(reattach(model, [{ iface: "h1.web.eth0", path: "vswitch" }])).toEqual({ ok: false, message: "cannot re-attach 'h1.web.eth0' on vswitch: no vSwitch on 'h1' has 'h1.x710.p0' as an uplink" });
    expect(reattach(model, [{ iface: "h1.web9.eth0", path: "vf" }])).toEqual({ ok: false, message: "unknown interface 'h1.web9.eth0'; interfaces: h1.web.eth0" });
  });

  it("lists the paths an interface could use", () => {
    const onP0 = modelOf(topology("vf(x710.p0)"));
    expect(possiblePaths(onP0, onP0.ifaces[0]!)).toEqual(["vmdq", "vf"]);
    const onP1 = modelOf(topology("vswitch(br0)"));
    expect(possiblePaths(onP1, onP1.ifaces[0]!)).toEqual(["vswitch", "vf"]);
  });
});
