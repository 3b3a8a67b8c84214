/**
 * A run's what-ifs are checked: the rules run again on the topology the what-ifs make (src/lower/what-if.ts
 * `whatIfTopology`), and what they find there and not in the declared topology is reported, led by the
 * what-ifs (src/driver/program.ts). Exact diagnostics: rule, severity, place, message.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { CompiledProgram, Settings } from "../../src/driver/program.js";
import { openWorkspace } from "../../src/driver/workspace.js";
import { reattach, whatIfTopology } from "../../src/lower/what-if.js";
import { modelOf } from "../helpers/check-source.js";
import { tempTree } from "../helpers/tmp.js";

function programOf(text: string, settings: Settings): CompiledProgram {
  const dir = tempTree({ "t.sriov": text });
  const { programs } = openWorkspace([path.join(dir, "t.sriov")], { cwd: dir, settings });
  return programs[0]!;
}

const line = (d: Diagnostic): string => `${d.span.line}:${d.span.column} ${d.severity}[${d.rule}] ${d.message}`;

const POD = `host w1 {
  cores = 8
  hypervisor = none
  nic e810 {
    model = "intel-e810"
    pf p0 { vfs = 4 }
  }
  container upf {
    pin = 2..3
    iface n3 { attach = vf(e810.p0) }
  }
}
traffic t { to = w1.upf.n3  rate = 100Kpps }
`;

const VSWITCH = (attach: string) => `host h1 {
  cores = 8
  hypervisor_cores = 0..0
  nic x710 { model = "intel-x710"  pf pf0 { vfs = 8  vmdq_pools = 8 } }
  vswitch br0 { uplinks = [x710.pf0]  features = [acl] }
  vm web1 { vcpus = 1  pin = 4..4  iface eth0 { attach = ${attach} } }
}
traffic t1 { to = h1.web1.eth0  rate = 200Kpps }
`;

describe("what-ifs are checked", () => {
  it("a what-if that turns a pod's interface to DPDK without hugepages is dpdk-without-hugepages, an error that stops compile", () => {
    const program = programOf(POD, { whatIfs: [{ iface: "w1.upf.n3", driver: "dpdk" }] });
    expect(program.diagnostics.map(line)).toEqual([
      "10:25 error[dpdk-without-hugepages] what-if w1.upf.n3=dpdk: upf.n3 runs a DPDK poll-mode driver (`driver = dpdk`), but container upf has no hugepages: DPDK takes its memory from hugepages and does not start without them",
    ]);
    // The fix would edit the file for a change the file does not hold.
    expect(program.diagnostics[0]!.fixes).toBeUndefined();
    const compiled = program.compile();
    expect(compiled.ok).toBe(false);
    // The declared topology is clean, and stays so without the what-if.
    expect(programOf(POD, {}).diagnostics).toEqual([]);
  });

  it("a warning the what-if brings is labelled; names every what-if of the run", () => {
    const program = programOf(VSWITCH("vswitch(br0)"), { whatIfs: [{ iface: "h1.web1.eth0", path: "vf" }, { iface: "h1.web1.eth0", driver: "dpdk" }] });
    expect(program.diagnostics.filter((d) => d.severity !== "info").map(line)).toEqual([
      "6:58 warning[sriov-bypasses-vswitch] what-ifs h1.web1.eth0=vf, h1.web1.eth0=dpdk: web1.eth0 uses SR-IOV (`vf(x710.pf0)`), so its traffic bypasses vSwitch br0: acl does not apply to it",
    ]);
    expect(program.compile().ok).toBe(true);
  });

  it("a finding of the declared topology is reported once, as declared, not again as the what-if's", () => {
    const declared = programOf(VSWITCH("vf(x710.pf0)"), {});
    const withWhatIf = programOf(VSWITCH("vf(x710.pf0)"), { whatIfs: [{ iface: "h1.web1.eth0", driver: "dpdk" }] });
    expect(declared.diagnostics.map(line)).toEqual([
      "6:58 warning[sriov-bypasses-vswitch] web1.eth0 uses SR-IOV (`vf(x710.pf0)`), so its traffic bypasses vSwitch br0: acl does not apply to it",
    ]);
    expect(withWhatIf.diagnostics.map(line)).toEqual(declared.diagnostics.map(line));
  });

  it("a what-if that cannot be applied adds no finding: compile says why", () => {
    const program = programOf(POD, { whatIfs: [{ iface: "w1.upf.n9", driver: "dpdk" }] });
    expect(program.diagnostics).toEqual([]);
    const compiled = program.compile();
    expect(compiled.ok ? undefined : compiled.message).toBe("unknown interface 'w1.upf.n9'; interfaces: w1.upf.n3");
  });
});

describe("whatIfTopology", () => {
  it("is the declared model when nothing moves", () => {
    const model = modelOf(POD);
    const moved = reattach(model, []);
    if (!moved.ok) throw new Error(moved.message);
    expect(whatIfTopology(model, moved)).toBe(model);
  });

  it("moves the interface, one object in every list, and the PFs' VF users follow it", () => {
    const model = modelOf(VSWITCH("vf(x710.pf0)").replace("pf pf0 { vfs = 8  vmdq_pools = 8 }", "pf pf0 { vfs = 8  vmdq_pools = 8 }  pf pf1 { vfs = 2 }"));
    const moved = reattach(model, [{ iface: "h1.web1.eth0", path: "vmdq" }, { iface: "h1.web1.eth0", driver: "dpdk" }]);
    if (!moved.ok) throw new Error(moved.message);
    const after = whatIfTopology(model, moved);
    const iface = after.lookup.ifaces.get("h1.web1.eth0")!;
    expect([iface.attachment, iface.driver]).toEqual([{ kind: "vmdq", pf: "h1.x710.pf0", pool: 0 }, "dpdk"]);
    expect(after.ifaces[0]).toBe(iface);
    expect(after.vms[0]!.ifaces[0]).toBe(iface);
    expect(after.lookup.vms.get("h1.web1")).toBe(after.vms[0]);
    expect(after.hosts[0]!.vms[0]).toBe(after.vms[0]);
    const pf = after.lookup.pfs.get("h1.x710.pf0")!;
    expect([pf.vfUsers, pf.vmdqUsers]).toEqual([[], [{ iface: "h1.web1.eth0", pool: 0 }]]);
    expect(after.hosts[0]!.nics[0]!.pfs[0]).toBe(pf);
    expect(after.lookup.nics.get("h1.x710")!.pfs[0]).toBe(pf);
    // The PF the interface did not touch, and the declared model, are as they were.
    expect(after.lookup.pfs.get("h1.x710.pf1")).toBe(model.lookup.pfs.get("h1.x710.pf1"));
    expect(model.lookup.ifaces.get("h1.web1.eth0")!.attachment.kind).toBe("vf");
    expect(model.lookup.pfs.get("h1.x710.pf0")!.vfUsers.map((u) => u.iface)).toEqual(["h1.web1.eth0"]);
  });
});
