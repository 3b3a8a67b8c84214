/**
 * The driver: the reproductions of "check passes, compile or simulate fails", check and simulate reading
 * one analysis, placement decided once, and the host's parse cache for an editor.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { createHost } from "../../src/driver/host.js";
import { CompiledProgram } from "../../src/driver/program.js";
import { checkEntries, openWorkspace } from "../../src/driver/workspace.js";
import { at, findingsOf } from "../helpers/check-source.js";
import { sriovc } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

function programOf(text: string, settings = {}): CompiledProgram {
  const dir = tempTree({ "t.sriov": text });
  const { programs } = openWorkspace([path.join(dir, "t.sriov")], { cwd: dir, settings });
  return programs[0]!;
}

const NIC = `nic n { model = "intel-x710"  pf p0 { vfs = 2  vmdq_pools = 2 } }`;

describe("a clean check compiles and simulates: the reproductions", () => {
  it("a host's own VF runs on the host kernel path: a hardware interrupt on a host core, no VM exits", () => {
    const program = programOf(`host h1 {
  cores = 4
  hypervisor_cores = 0..1
  ${NIC}
  iface eth0 { attach = vf(n.p0) }
}
traffic t { to = h1.eth0  rate = 50Kpps }
simulation { duration = 2ms }
`);
    expect(program.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const compiled = program.compile();
    if (!compiled.ok) throw new Error("did not compile");
    expect(compiled.ir.ifaces[0]).toMatchObject({ vm: null, attachment: { kind: "vf", pf: "h1.n.p0", vf: 0 }, irqCore: 0, stackCore: 0 });
    const run = program.simulate();
    if (!run.ok) throw new Error(run.message);
    const eth0 = run.report.interfaces[0]!;
    expect(eth0.path).toBe("vf");
    expect(eth0.counts.hw_irqs).toBeGreaterThan(0);
    expect([eth0.counts.vm_exits, eth0.counts.virtual_irqs, eth0.counts.posted_irqs, eth0.counts.copies]).toEqual([0, 0, 0, 0]);
    expect(run.report.cores.map((c) => [c.core, c.role])).toEqual([[0, "hypervisor"]]);
  });

  it.each(["vmdq(n.p0)", "vswitch(s)"])("%s on a host's own interface is a located invalid-value error", (attach) => {
    const text = `host h1 {\n  ${NIC}\n  vswitch s { uplinks = [n.p0] }\n  iface eth0 { attach = ${attach} }\n}\n`;
    const kind = attach.slice(0, attach.indexOf("("));
    expect(findingsOf("invalid-value", text)).toEqual([
      {
        ...at(text, attach),
        message: `\`${kind}(...)\` gives a VM a share of a port; interface \`eth0\` is the host's own`,
        help: "use `pf(...)` for the whole port or `vf(...)` for a VF with the host kernel's driver, or move the interface into a `vm`",
      },
    ]);
  });

  it.each([
    ["65536B", "a frame of 65536 B is larger than any Ethernet frame (at most 65535 B here)", "write the frame size on the wire, such as `1500B` or `9000B`"],
    ["2.5B", "a frame is a whole number of bytes, not 2.5 B", "write `3B`"],
    ["0.5B", "a frame is a whole number of bytes, not 0.5 B", "write `1B`"],
  ])("traffic size = %s is a located invalid-value error", (size, message, help) => {
    const text = `host h1 {\n  ${NIC}\n  iface eth0 { attach = pf(n.p0) }\n}\ntraffic t { to = h1.eth0  rate = 1Kpps  size = ${size} }\n`;
    expect(findingsOf("invalid-value", text)).toEqual([{ ...at(text, size), message, help }]);
  });

  it("an unknown profile or a seed past 32 bits in the source is a located error", () => {
    const text = `host h1 {\n  ${NIC}\n  iface eth0 { attach = pf(n.p0) }\n}\nsimulation { profile = "fast"  seed = 4294967296 }\n`;
    expect(findingsOf("invalid-value", text).map((f) => f.message)).toEqual([
      'unknown cost profile `"fast"`: the profiles are `"apicv-no-posted"`, `"default"` and `"legacy-no-posted"`',
      "`seed` must be from 0 to 4294967295, found 4294967296",
    ]);
  });

  it("with vf-exhausted off, the interface without a VF is left out and simulate says so (exit 0)", () => {
    const dir = tempTree({
      "sriovc.json": '{ "rules": { "vf-exhausted": "off" } }',
      "t.sriov": `host h1 {
  cores = 4
  hypervisor_cores = 0..0
  nic n { model = "intel-x710"  pf p0 { vfs = 1 } }
  vm a { vcpus = 1  pin = 2..2  iface eth0 { attach = vf(n.p0) } }
  vm b { vcpus = 1  pin = 3..3  iface eth0 { attach = vf(n.p0) } }
}
traffic ta { to = h1.a.eth0  rate = 10Kpps }
traffic tb { to = h1.b.eth0  rate = 10Kpps }
simulation { duration = 1ms }
`,
    });
    const out = sriovc(["simulate", "t.sriov", "--format", "json"], { cwd: dir });
    expect(out.code).toBe(0);
    expect(out.stderr).toBe("note: t.sriov:6:55: 'h1.b.eth0' has no VF: 'h1.n.p0' has none free; left out of the IR with its traffic ('vf-exhausted' is off)\n");
    expect(JSON.parse(out.stdout).interfaces.map((f: { id: string }) => f.id)).toEqual(["h1.a.eth0"]);
  });
});

describe("check and simulate read one analysis", () => {
  const source = `host h1 {
  cores = 4
  hypervisor_cores = 0..0
  posted_interrupts = false
  nic n { model = "intel-x710"  pf p0 { itr = 0 } }
  vswitch br0 { uplinks = [n.p0] }
  vm web { vcpus = 1  pin = 2..2  iface eth0 { attach = vswitch(br0) } }
  vm db { vcpus = 1  pin = 3..3  iface eth0 { attach = vswitch(br0) } }
}
traffic t { to = h1.web.eth0  rate = 450Kpps  pattern = poisson }
traffic u { to = h1.db.eth0  rate = 450Kpps  pattern = poisson }
simulation { duration = 2ms }
`;
  const overFull = (report: { analytic: { cores: { core: number; utilization: number }[] } }) => report.analytic.cores.filter((c) => c.utilization > 1).map((c) => c.core);

  it('with "profile": "legacy-no-posted", check reports cpu-saturated exactly on the core simulate shows over 100 %', () => {
    const dir = tempTree({ "sriovc.json": '{ "profile": "legacy-no-posted", "rules": { "interrupt-storm": "off" } }', "t.sriov": source });
    const checked = sriovc(["check", "t.sriov", "--format", "json"], { cwd: dir });
    const saturated = (JSON.parse(checked.stdout) as { rule: string; message: string }[]).filter((d) => d.rule === "cpu-saturated");
    expect(saturated.map((d) => d.message.slice(0, d.message.indexOf(" of host")))).toEqual(["core 0"]);
    const simulated = sriovc(["simulate", "t.sriov", "--format", "json"], { cwd: dir });
    expect(overFull(JSON.parse(simulated.stdout))).toEqual([0]);
    expect(simulated.stderr).toMatch(/^t\.sriov:8:\d+: warning\[cpu-saturated\]: core 0 of host `h1` \(hypervisor\) is predicted 106 % busy/);
  });

  it("with the default profile neither does", () => {
    const dir = tempTree({ "sriovc.json": '{ "rules": { "interrupt-storm": "off" } }', "t.sriov": source });
    expect(JSON.parse(sriovc(["check", "t.sriov", "--format", "json"], { cwd: dir }).stdout)).toEqual([]);
    const simulated = sriovc(["simulate", "t.sriov", "--format", "json"], { cwd: dir });
    expect([overFull(JSON.parse(simulated.stdout)), simulated.stderr]).toEqual([[], ""]);
  });

  it("the rules' analysis is the estimate of the very plan simulate runs", () => {
    const program = programOf(source, { profile: "legacy-no-posted" });
    expect(program.diagnostics.filter((d) => d.rule === "cpu-saturated")).toHaveLength(1);
    expect(program.analysis()!.saturatedCores.map((f) => f.core)).toEqual(program.estimate!.cores.filter((c) => c.utilization > 1));
    const run = program.simulate();
    if (!run.ok) throw new Error(run.message);
    expect(run.report.analytic.cores.find((c) => c.core === 0)!.utilization).toBeCloseTo(program.estimate!.cores.find((c) => c.core === 0)!.utilization, 5);
  });
});

describe("placement is decided by lowering and read by the plan", () => {
  it("a vSwitch interface's queue core is the PF's, whichever interface comes first", () => {
    const program = programOf(`host h1 {
  cores = 6
  hypervisor_cores = 0..1
  nic n { model = "intel-x710"  pf p0 { vmdq_pools = 2 }  pf p1 { } }
  vswitch br0 { uplinks = [n.p1] }
  vm a { vcpus = 1  pin = 4..4  iface eth0 { attach = vmdq(n.p1) } }
  vm b { vcpus = 1  pin = 5..5  iface eth0 { attach = vswitch(br0) } }
}
traffic t { to = h1.b.eth0  rate = 10Kpps }
`);
    const ir = program.ir!;
    expect(ir.pfs.map((p) => [p.id, p.queueCore, p.vswitch])).toEqual([
      ["h1.n.p0", 0, null],
      ["h1.n.p1", 1, "h1.br0"],
    ]);
    expect(ir.ifaces.find((f) => f.id === "h1.b.eth0")!.irqCore).toBe(1);
    const plan = program.plan!;
    const stage = plan.stages.find((s) => s.name === "h1.n.p1:default")!;
    expect(plan.cores[stage.core]).toMatchObject({ host: "h1", core: 1 });
  });
});

describe("each artifact once", () => {
  it("a run is simulated once per settings, and --compare reuses it for every interface's declared path", () => {
    const program = programOf(`host h1 {
  cores = 8
  hypervisor_cores = 0..0
  nic n { model = "intel-x710"  pf p0 { vfs = 4  vmdq_pools = 4 } }
  vm a { vcpus = 1  pin = 2..2  iface eth0 { attach = vf(n.p0) } }
  vm b { vcpus = 1  pin = 3..3  iface eth0 { attach = vmdq(n.p0) } }
}
traffic ta { to = h1.a.eth0  rate = 10Kpps }
traffic tb { to = h1.b.eth0  rate = 10Kpps }
simulation { duration = 1ms }
`);
    const run = program.simulate({ seed: 9 });
    expect(program.simulate({ seed: 9 })).toBe(run);
    expect(program.simulate()).not.toBe(run);
    expect(program.plan).toBe(program.plan);
    const compared = program.compare({ seed: 9 });
    if (!compared.ok || !run.ok) throw new Error("did not run");
    const declared = compared.rows.filter((r) => r.current);
    expect(declared.map((r) => [r.id, r.path])).toEqual([
      ["h1.a.eth0", "vf"],
      ["h1.b.eth0", "vmdq"],
    ]);
    for (const row of declared) expect(row.delivered_pps).toBe(run.report.interfaces.find((f) => f.id === row.id)!.delivered_pps);
  });
});

describe("run settings", () => {
  it("simulate and compare refuse settings outside the command line's bounds with a RangeError: a NaN duration never ended, a negative one made an empty report", () => {
    const program = programOf(`host h1 {
  nic n { model = "intel-x710"  pf p0 { } }
  iface eth0 { attach = pf(n.p0) }
}
traffic t { to = h1.eth0  rate = 10Kpps }
simulation { duration = 1ms }
`);
    const durations = "durationNs NaN is not a whole number of nanoseconds from 100000 (100us) to 9007199254740991 (about 104 days)";
    expect(() => program.simulate({ durationNs: NaN })).toThrow(new RangeError(durations));
    expect(() => program.compare({ durationNs: NaN })).toThrow(new RangeError(durations));
    expect(() => program.simulate({ durationNs: -5 })).toThrow(new RangeError(durations.replace("NaN", "-5")));
    expect(() => program.simulate({ seed: 2 ** 32 })).toThrow(new RangeError("seed 4294967296 is not a whole number from 0 to 4294967295"));
    expect(() => program.simulate({ eventBudget: 0 })).toThrow(new RangeError("eventBudget 0 is not a whole number from 1 to 1,000,000,000,000"));
    expect(program.simulate({ durationNs: 100_000 }).ok).toBe(true);
  });
});

describe("the host: an editor's view of files", () => {
  it("re-parses only the file that changed, and serves in-memory text before the disk", () => {
    const dir = tempTree({
      "shared.sriov": `template vm small { vcpus = 1 }\n`,
      "main.sriov": `import "shared.sriov"\nhost h1 {\n  nic n { model = "intel-x710"  pf p0 { } }\n  iface eth0 { attach = pf(n.p9) }\n}\n`,
    });
    const host = createHost({ cwd: dir });
    const entry = path.join(dir, "main.sriov");
    const first = checkEntries([entry], { host });
    expect(first.diagnostics.map((d) => d.rule)).toEqual(["unknown-reference"]);
    expect(host.parseCount).toBe(2);
    // The editor changes main.sriov (unsaved): only it is parsed again.
    host.setFile(entry, `import "shared.sriov"\nhost h1 {\n  nic n { model = "intel-x710"  pf p0 { } }\n  vm v : small { iface eth0 { attach = vmdq(n.p0) } }\n}\n`);
    const second = checkEntries([entry], { host });
    expect(second.diagnostics.map((d) => d.rule)).toEqual([]);
    expect(host.parseCount).toBe(3);
    expect(checkEntries([entry], { host }).diagnostics).toEqual([]);
    expect(host.parseCount).toBe(3);
    host.closeFile(entry);
    expect(checkEntries([entry], { host }).diagnostics.map((d) => d.rule)).toEqual(["unknown-reference"]);
    expect(host.parseCount).toBe(4);
  });
});
