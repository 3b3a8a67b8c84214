/**
 * Parts alike up to their names are estimated once for the rules (src/driver/part-shapes.ts,
 * src/driver/rule-figures.ts), compared as parts of the IR (`estimateForRules`) or, before lowering, as
 * parts of the resolved model (`figuresForRules`, what a one-shot check does). The rules' diagnostics (rule, span, message, related places, help) and the
 * findings themselves must be those of the whole estimate, on topologies made of one host template copied
 * under other names — of the host, of its VM and interfaces, of its traffic — where some copies differ from
 * the template in exactly one figure: a rate, a frame size, a pattern, a flow count, an interrupt interval, a
 * line speed, a ring, a core, a NUMA node, a VLAN, a vSwitch feature or type, a driver, posted interrupts, a
 * clock, a queue count, the hypervisor cores, a vSwitch's uplinks; and under every cost profile.
 */
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analysisOf } from "../../src/driver/analysis.js";
import { splitIr } from "../../src/driver/estimate-parts.js";
import { createHost } from "../../src/driver/host.js";
import { sameShape, shapeOf } from "../../src/driver/part-shapes.js";
import { splitModel } from "../../src/driver/model-parts.js";
import { CompiledProgram } from "../../src/driver/program.js";
import { estimateForRules, figuresForRules } from "../../src/driver/rule-figures.js";
import { coreRaises, linkRaises } from "../../src/driver/analysis.js";
import { openWorkspace } from "../../src/driver/workspace.js";
import type { Ir } from "../../src/lower/ir.js";
import { runRules } from "../../src/rules/registry.js";
import { estimate, type Estimate } from "../../src/sim/analytic.js";
import { buildPlan } from "../../src/sim/plan.js";
import { generateTopology } from "../../bench/generate.mjs";
import { propertyRuns } from "../helpers/property.js";

const ROOT = path.resolve("/virtual/part-shapes");
const ENTRY = path.join(ROOT, "t.sriov");
const host = createHost({ cwd: ROOT });
const ANALYSIS_RULES = new Set(["interrupt-storm", "cpu-saturated", "link-oversubscribed"]);

function load(source: string) {
  host.setFile(ENTRY, source);
  return new CompiledProgram(openWorkspace([ENTRY], { host }).programs[0]!.program);
}

/** The template's figures, each with the values a copy may take instead (the first is the template's usual one). */
const FIGURES = {
  rate: ["80Kpps", "150Kpps", "400Kpps", "1Mpps", "3Mpps"],
  size: ["64B", "1500B", "imix"],
  pattern: ["poisson", "constant", "burst(8)"],
  flows: ["1", "3", "7"],
  itr: ["itr = 50us", "itr = 0us", "itr = 10us", "itr = adaptive", ""],
  speed: ["speed = 10Gbps", "speed = 1Gbps", "speed = 25Gbps"],
  ring: ["", "ring = 64"],
  attach: ["vf(n.p)", "vmdq(n.p)", "vswitch(s)"],
  pinW: ["4", "5", "3"],
  nicNuma: ["0", "1"],
  vlan: ["", "vlan = 100"],
  features: ["[acl]", "[acl, conntrack]", "[]", "[security_groups, mirroring]"],
  switchType: ["ovs", "linux_bridge"],
  driver: ["", "driver = dpdk"],
  posted: ["true", "false"],
  freq: ["2.5GHz", "2.0GHz"],
  queues: ["queues = 2", ""],
  rateW: ["200Kpps", "2Mpps"],
  hypervisorCores: ["0..1", "0", "1"],
  uplinks: ["[n.p]", "[]"],
} as const;
type Figures = { [K in keyof typeof FIGURES]: (typeof FIGURES)[K][number] };
const FIGURE_NAMES = Object.keys(FIGURES) as (keyof typeof FIGURES)[];

/** One host of the template under the names `names`, with figures `f`, and the traffic into it. */
function hostText(names: { host: string; vm: string; iface: string; traffic: string }, f: Figures): string {
  const { host: h, vm, iface, traffic } = names;
  return `host ${h} {
  cores = 8
  freq = ${f.freq}
  numa_nodes = 2
  hypervisor = kvm
  hypervisor_cores = ${f.hypervisorCores}
  posted_interrupts = ${f.posted}
  nic n { model = intel-x710  numa = ${f.nicNuma}  pf p { vfs = 4  vmdq_pools = 2  ${f.speed}  ${f.itr}  ${f.ring} } }
  vswitch s { type = ${f.switchType}  uplinks = ${f.uplinks}  features = ${f.features} }
  vm ${vm} { vcpus = 2  pin = 2..3  iface ${iface} { attach = ${f.attach}  ${f.queues}  ${f.vlan}  ${f.driver} } }
  vm w { vcpus = 1  pin = ${f.pinW}  iface e { attach = vf(n.p) } }
}
traffic ${traffic} { to = ${h}.${vm}.${iface}  rate = ${f.rate}  size = ${f.size}  pattern = ${f.pattern}  flows = ${f.flows}${f.vlan === "" ? "" : "  vlan = 100"} }
traffic ${traffic}_w { to = ${h}.w.e  rate = ${f.rateW} }
`;
}

const choice = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const figures: fc.Arbitrary<Figures> = fc.record(
  Object.fromEntries(FIGURE_NAMES.map((name) => [name, choice(FIGURES[name])])) as { [K in keyof Figures]: fc.Arbitrary<Figures[K]> },
);

/** A copy of the template: its names, and at most one figure changed. */
const copy = fc.record({
  host: choice(["c", "copy_of_the_template", "r2u14"]),
  vm: choice(["v", "web_server"]),
  iface: choice(["e", "eth0"]),
  traffic: choice(["t", "load_into"]),
  change: fc.option(
    fc.constantFrom(...FIGURE_NAMES).chain((name) => choice(FIGURES[name]).map((value) => ({ name, value }))),
    { nil: undefined, freq: 2 },
  ),
});

const SIMULATIONS = [
  "simulation { duration = 200us }",
  'simulation { duration = 200us  profile = "legacy-no-posted" }',
  'simulation { duration = 200us  profile = "apicv-no-posted" }',
  "simulation { duration = 200us  cost { irq_handler = 6Kcyc  guest_stack = 3Kcyc } }",
];

/** The template, then its copies (each under its own names, one figure maybe changed), under one simulation. */
const fleet = fc
  .record({ template: figures, copies: fc.array(copy, { minLength: 1, maxLength: 5 }), simulation: choice(SIMULATIONS) })
  .map(({ template, copies, simulation }) => {
    const hosts = [hostText({ host: "h", vm: "v", iface: "e", traffic: "t" }, template)];
    copies.forEach((c, i) => {
      const f = c.change === undefined ? template : { ...template, [c.change.name]: c.change.value };
      hosts.push(hostText({ host: `${c.host}${i}`, vm: c.vm, iface: c.iface, traffic: `${c.traffic}${i}` }, f));
    });
    return `${hosts.join("")}${simulation}\n`;
  });

function diagnostics(program: CompiledProgram, made: (ir: Ir) => Estimate): string[] {
  const model = program.model!;
  return runRules(model, () => analysisOf(model, made(program.ir!)))
    .filter((d) => ANALYSIS_RULES.has(d.rule))
    .map((d) => JSON.stringify(d));
}

/** Cores and lines over a threshold, whole, in a stable order. */
function findings(e: Estimate): string[] {
  return [...e.cores.filter(coreRaises), ...e.links.filter(linkRaises)].map((x) => JSON.stringify(x)).sort();
}

const whole = (ir: Ir) => estimate(buildPlan(ir));

describe("parts alike up to names, estimated once for the rules", () => {
  it("give the whole estimate's diagnostics and findings on copies of a template, renamed and changed in one figure", () => {
    let valid = 0;
    let reused = 0;
    let reusedInModel = 0;
    let withFindings = 0;
    let copiesDiffer = 0;
    fc.assert(
      fc.property(fleet, (source) => {
        const program = load(source);
        const ir = program.ir;
        if (ir === undefined) return;
        valid++;
        const wholeEstimate = whole(ir);
        const forRules = estimateForRules(ir);
        const full = diagnostics(program, () => wholeEstimate);
        expect(diagnostics(program, () => forRules)).toEqual(full);
        expect(findings(forRules)).toEqual(findings(wholeEstimate));
        // The same, with the parts compared in the model and one part of each shape lowered.
        const viaModel = figuresForRules(program.model!);
        expect(viaModel).toBeDefined();
        expect(diagnostics(program, () => viaModel!)).toEqual(full);
        expect(findings(viaModel!)).toEqual(findings(wholeEstimate));
        const shapes = splitIr(ir).map((part) => shapeOf(part));
        if (shapes.some((s, i) => shapes.slice(0, i).some((t) => sameShape(t, s)))) reused++;
        const modelShapes = splitModel(program.model!).map((part) => shapeOf(part, true));
        if (modelShapes.some((s, i) => modelShapes.slice(0, i).some((t) => sameShape(t, s)))) reusedInModel++;
        if (full.length > 0) withFindings++;
        // Copies whose findings differ from the template's (by count): a changed figure that mattered.
        const perHost = new Map<string, number>();
        for (const c of wholeEstimate.cores.filter(coreRaises)) perHost.set(c.host, (perHost.get(c.host) ?? 0) + 1);
        if (new Set(ir.hosts.map((h) => perHost.get(h.id) ?? 0)).size > 1) copiesDiffer++;
      }),
      propertyRuns(150, 20261201),
    );
    // The property must meet programs with parts reused, with findings, and with copies the change set apart.
    expect(valid).toBeGreaterThan(120);
    expect(reused).toBeGreaterThan(80);
    expect(reusedInModel).toBeGreaterThan(80);
    expect(withFindings).toBeGreaterThan(60);
    expect(copiesDiffer).toBeGreaterThan(10);
  }, 240_000);

  it("treats a copy as alike only when its figures are equal, and a renamed copy as alike", () => {
    const template: Figures = Object.fromEntries(FIGURE_NAMES.map((name) => [name, FIGURES[name][0]])) as Figures;
    const shapes = (second: Figures, names = { host: "other_host", vm: "web_server", iface: "eth0", traffic: "load" }) => {
      const program = load(`${hostText({ host: "h", vm: "v", iface: "e", traffic: "t" }, template)}${hostText(names, second)}${SIMULATIONS[0]}\n`);
      expect(program.ir).toBeDefined();
      const parts = splitIr(program.ir!);
      expect(parts).toHaveLength(2);
      const inIr = sameShape(shapeOf(parts[0]!), shapeOf(parts[1]!));
      // The model's parts are alike exactly when their IR parts are.
      const inModel = splitModel(program.model!);
      expect(inModel).toHaveLength(2);
      expect([names, second, sameShape(shapeOf(inModel[0]!, true), shapeOf(inModel[1]!, true))]).toEqual([names, second, inIr]);
      return inIr;
    };
    expect(shapes(template)).toBe(true);
    const alone = load(`${hostText({ host: "h", vm: "v", iface: "e", traffic: "t" }, template)}${SIMULATIONS[0]}\n`).ir!;
    for (const name of FIGURE_NAMES) {
      for (const value of FIGURES[name].slice(1)) {
        const changed = { ...template, [name]: value };
        const program = load(`${hostText({ host: "h", vm: "v", iface: "e", traffic: "t" }, changed)}${SIMULATIONS[0]}\n`);
        if (program.ir === undefined) continue; // not a valid topology with this figure: nothing to compare
        // A value that is the default changes nothing in the IR (under the same names, spans aside).
        const plain = (ir: Ir) => JSON.stringify(ir, (key, value: unknown) => (key === "span" ? undefined : value));
        if (plain(program.ir) === plain(alone)) continue;
        expect([name, value, shapes(changed)]).toEqual([name, value, false]);
      }
    }
  });

  it("does not take two sources alike when RSS spreads their flows differently (it hashes the source's name)", () => {
    // Three flows over two queues: the hash of the source's name decides the split.
    const f: Figures = { ...(Object.fromEntries(FIGURE_NAMES.map((name) => [name, FIGURES[name][0]])) as Figures), flows: "3", queues: "queues = 2" };
    const split = (traffic: string) => {
      const ir = load(`${hostText({ host: "h", vm: "v", iface: "e", traffic }, f)}${SIMULATIONS[0]}\n`).ir!;
      return whole(ir).interfaces.find((i) => i.id === "h.v.e")!.queues.map((q) => q.flows);
    };
    // Names found by trying: one splits the flows 2/1, the other 1/2 (or 3/0).
    const names = ["t", "u", "x", "load", "a1", "b2"];
    const splits = names.map((n) => JSON.stringify(split(n)));
    const a = names[0]!;
    const b = names[splits.findIndex((s) => s !== splits[0])]!;
    expect(b).toBeDefined();
    const program = load(`${hostText({ host: "h", vm: "v", iface: "e", traffic: a }, f)}${hostText({ host: "g", vm: "v", iface: "e", traffic: b }, f)}${SIMULATIONS[0]}\n`);
    const parts = splitIr(program.ir!);
    expect(sameShape(shapeOf(parts[0]!), shapeOf(parts[1]!))).toBe(false);
    const inModel = splitModel(program.model!);
    expect(sameShape(shapeOf(inModel[0]!, true), shapeOf(inModel[1]!, true))).toBe(false);
  });

  it("finds the bench's full hosts alike, and no two hosts alike in its varied topology", () => {
    const alikePairs = (varied: boolean, inModel = false) => {
      const program = load(generateTopology({ lines: 4000, varied }).source);
      const shapes = inModel ? splitModel(program.model!).map((part) => shapeOf(part, true)) : splitIr(program.ir!).map((part) => shapeOf(part));
      let pairs = 0;
      shapes.forEach((s, i) => shapes.slice(0, i).forEach((t) => (pairs += sameShape(t, s) ? 1 : 0)));
      return { parts: shapes.length, pairs };
    };
    expect(alikePairs(false, true)).toEqual({ parts: 5, pairs: 6 });
    expect(alikePairs(true, true)).toEqual({ parts: 5, pairs: 0 });
    // 4,000 lines: four full hosts (six pairs, all alike) and a partial one.
    expect(alikePairs(false)).toEqual({ parts: 5, pairs: 6 });
    expect(alikePairs(true)).toEqual({ parts: 5, pairs: 0 });
  });
});
