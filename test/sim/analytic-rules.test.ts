/**
 * interrupt-storm, cpu-saturated and link-oversubscribed on real sources: load → resolve → rules, with the
 * exact message, span and help each rule reports.
 */
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { checkProgram } from "../../src/cli/pipeline.js";
import { loadWorkspace } from "../../src/semantics/loader.js";

function check(source: string, rule: string): Diagnostic[] {
  const { workspace } = loadWorkspace(["<stdin>"], { stdin: source });
  const program = workspace.programs[0]!;
  const all = checkProgram(program).diagnostics;
  expect(all.filter((d) => d.severity === "error")).toEqual([]);
  return all.filter((d) => d.rule === rule);
}

function topology(pf: string, traffic: string): string {
  return `host h1 {
  cores = 8
  freq = 2.5GHz
  hypervisor_cores = 0..0
  nic x710 {
    model = "intel-x710"
    pf pf0 {
      speed = 10Gbps
      vfs = 4
${pf}
    }
  }
  vswitch br0 {
    type = ovs
    uplinks = [x710.pf0]
    features = [security_groups]
  }
  vm web {
    vcpus = 1
    pin = 4..4
    iface eth0 { attach = vf(x710.pf0) }
  }
  vm db {
    vcpus = 1
    pin = 5..5
    iface eth0 { attach = vswitch(br0) }
  }
}
${traffic}
simulation { duration = 10ms }
`;
}

describe("interrupt-storm", () => {
  it("an unmoderated VF at 1 Mpps: reported on the interface, with the fix", () => {
    const found = check(topology("", "traffic t { to = h1.web.eth0  rate = 1Mpps  pattern = poisson }"), "interrupt-storm");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^core 4 of host 'h1' \(vm:web\) is predicted to take [\d,]+ interrupts\/s, over 100,000: it serves h1\.web\.eth0$/);
    expect([found[0]!.span.line, found[0]!.span.column]).toEqual([21, 11]);
    expect(found[0]!.help).toBe("set interrupt moderation on the PF (for example `itr = 50us`) so that each interrupt handles a batch of packets");
  });
  it("itr = 50us keeps it quiet", () => {
    expect(check(topology("      itr = 50us", "traffic t { to = h1.web.eth0  rate = 1Mpps  pattern = poisson }"), "interrupt-storm")).toEqual([]);
  });
});

describe("cpu-saturated", () => {
  it("the vSwitch path at 1 Mpps saturates the hypervisor core", () => {
    const found = check(topology("      itr = 50us", "traffic t { to = h1.db.eth0  rate = 1Mpps }"), "cpu-saturated");
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/^core 0 of host 'h1' \(hypervisor\) is predicted \d+ % busy: packets will be dropped; it serves h1\.db\.eth0$/)]);
    expect(found[0]!.span.line).toBe(26);
  });
  it("not at 100 kpps", () => {
    expect(check(topology("      itr = 50us", "traffic t { to = h1.db.eth0  rate = 100Kpps }"), "cpu-saturated")).toEqual([]);
  });
});

describe("link-oversubscribed", () => {
  it("two sources of 64 B frames above 10 Gb/s, counting preamble and gap", () => {
    const found = check(
      topology("      itr = 50us", "traffic a { to = h1.web.eth0  rate = 8Mpps }\ntraffic b { to = h1.db.eth0  rate = 8Mpps }"),
      "link-oversubscribed",
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe("traffic into PF 'h1.x710.pf0' needs 10.8 Gb/s on the wire (counting 20 B of preamble and gap per frame), above its 10 Gb/s line rate");
    expect(found[0]!.span.line).toBe(29);
    expect(found[0]!.related.map((r) => [r.message, r.span.line])).toEqual([
      ["the PF", 7],
      ["also offered to this PF", 30],
    ]);
  });
  it("14.88 Mpps of 64 B frames exactly fill 10 Gb/s: not reported", () => {
    expect(check(topology("      itr = 50us", "traffic a { to = h1.web.eth0  rate = 14.88Mpps }"), "link-oversubscribed")).toEqual([]);
  });
});

describe("interrupt-storm on virtual interrupts", () => {
  it("says where they come from", () => {
    const found = check(topology("", "traffic t { to = h1.db.eth0  rate = 400Kpps  pattern = constant }"), "interrupt-storm");
    expect(found.map((d) => d.help)).toContain(
      "these are virtual interrupts, one per batch the hypervisor hands over: moderate the uplink PF (`itr = 50us`) so batches grow, or attach with `vf(...)`",
    );
  });
});
