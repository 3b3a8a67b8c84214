/**
 * The estimate for the rules (src/driver/rule-figures.ts) plans and estimates only the parts of the IR
 * that can raise `interrupt-storm`, `cpu-saturated` or `link-oversubscribed`; the diagnostics must be
 * those of the whole estimate. Checked on generated topologies — the general arbitrary, and hosts with
 * traffic at rates around the rules' thresholds next to hosts without any — and a bound that also skips
 * parts with traffic below a rate (unsound) must fail the same comparison. `figuresForRules`, which splits
 * and compares the resolved model before lowering, must give the same diagnostics too.
 */
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analysisOf } from "../../src/driver/analysis.js";
import { splitIr } from "../../src/driver/estimate-parts.js";
import { createHost } from "../../src/driver/host.js";
import { CompiledProgram } from "../../src/driver/program.js";
import {
  estimateForRules,
  figuresForRules,
  partHasTraffic,
  type PartBound,
} from "../../src/driver/rule-figures.js";
import { openWorkspace } from "../../src/driver/workspace.js";
import type { Ir } from "../../src/lower/ir.js";
import { runRules } from "../../src/rules/registry.js";
import { estimate } from "../../src/sim/analytic.js";
import { buildPlan } from "../../src/sim/plan.js";
import { propertyRuns } from "../helpers/property.js";
import { topologySource } from "./topology-arbitrary.js";

const ROOT = path.resolve("/virtual/rule-figures");
const ENTRY = path.join(ROOT, "t.sriov");
const host = createHost({ cwd: ROOT });
const ANALYSIS_RULES = new Set([
  "interrupt-storm",
  "cpu-saturated",
  "link-oversubscribed",
]);

function load(source: string) {
  host.setFile(ENTRY, source);
  return openWorkspace([ENTRY], { host }).programs[0]!.program;
}

/** The analysis rules' diagnostics with the figures `made` gives (rendered whole: rule, span, message, related, help). */
function ruleDiagnostics(
  program: CompiledProgram,
  made: (ir: Ir) => ReturnType<typeof estimate>,
): string[] {
  const model = program.model!;
  const ir = program.ir!;
  return runRules(model, () => analysisOf(model, made(ir)))
    .filter((d) => ANALYSIS_RULES.has(d.rule))
    .map((d) => JSON.stringify(d));
}

const whole = (ir: Ir) => estimate(buildPlan(ir));

/** A host whose one VM interface is attached as `attach`, on a PF of `speed` with `itr`. */
const nearHost = (name: string, attach: string, pf: string) => `host ${name} {
  cores = 8
  hypervisor = kvm
  hypervisor_cores = 0..1
  nic n { model = intel-x710  pf p { vfs = 4  vmdq_pools = 2  ${pf} } }
  vswitch s { type = ovs  uplinks = [n.p] }
  vm v { vcpus = 1  pin = 2  iface e { attach = ${attach} } }
  vm w { vcpus = 1  pin = 3  iface e { attach = vf(n.p) } }
}
`;

/**
 * Hosts with traffic at rates that put their cores and lines on either side of the thresholds (100,000
 * interrupts/s, 100 % busy, the line rate), and hosts that no traffic reaches.
 */
const nearThreshold: fc.Arbitrary<string> = fc
  .array(
    fc.record({
      attach: fc.constantFrom("vf(n.p)", "vmdq(n.p)", "vswitch(s)", "pf(n.p)"),
      pf: fc.constantFrom(
        "",
        "itr = 0us",
        "itr = 50us",
        "speed = 1Gbps",
        "speed = 10Gbps  itr = 10us",
      ),
      rateKpps: fc.option(fc.integer({ min: 20, max: 4000 }), {
        nil: undefined,
        freq: 3,
      }),
      size: fc.constantFrom("64B", "1500B", "imix"),
      pattern: fc.constantFrom("poisson", "constant", "burst(8)"),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((hosts) => {
    const text = hosts
      .map((h, i) => nearHost(`h${i}`, h.attach, h.pf))
      .join("");
    const traffic = hosts.flatMap((h, i) =>
      h.rateKpps === undefined
        ? []
        : [
            `traffic t${i} { to = h${i}.v.e  rate = ${h.rateKpps}Kpps  size = ${h.size}  pattern = ${h.pattern} }\n`,
          ],
    );
    return `${text}${traffic.join("")}simulation { duration = 200us }\n`;
  });

const both = fc.oneof(topologySource, nearThreshold);

describe("the estimate for the rules", () => {
  it("gives the diagnostics of the whole estimate on generated topologies", () => {
    let skipped = 0;
    let findings = 0;
    fc.assert(
      fc.property(both, (source) => {
        const program = new CompiledProgram(load(source));
        const ir = program.ir;
        if (ir === undefined) return;
        const full = ruleDiagnostics(program, whole);
        expect(ruleDiagnostics(program, (x) => estimateForRules(x))).toEqual(
          full,
        );
        // From the model's parts, one of each shape lowered (a one-shot check's way).
        const viaModel = figuresForRules(program.model!);
        expect(viaModel).toBeDefined();
        expect(ruleDiagnostics(program, () => viaModel!)).toEqual(full);
        if (splitIr(ir).some((part) => !partHasTraffic(part))) skipped++;
        if (full.length > 0) findings++;
      }),
      propertyRuns(300, 20261130),
    );
    // The property must meet programs where a part is skipped, and programs the rules report on.
    expect(skipped).toBeGreaterThan(30);
    expect(findings).toBeGreaterThan(30);
  }, 120_000);

  it("gives a one-shot check the diagnostics of the whole estimate, with a host skipped", () => {
    const source = `${nearHost("a", "vf(n.p)", "itr = 0us")}${nearHost("b", "vf(n.p)", "")}traffic t { to = a.v.e  rate = 2Mpps  size = 64B }\n`;
    const oneShot = new CompiledProgram(load(source));
    const full = new CompiledProgram(load(source));
    expect(full.estimate).toBeDefined(); // the whole estimate made first: the rules read it
    const rendered = (p: CompiledProgram) =>
      p.diagnostics.map((d) => JSON.stringify(d));
    expect(rendered(oneShot)).toEqual(rendered(full));
    expect(oneShot.diagnostics.some((d) => ANALYSIS_RULES.has(d.rule))).toBe(
      true,
    );
    // Host b has no traffic and is not estimated: the figures hold host a's cores over a threshold only.
    const figures = estimateForRules(oneShot.ir!);
    expect(figures.cores.length).toBeGreaterThan(0);
    expect(figures.cores.every((c) => c.host === "a")).toBe(true);
    expect(estimateForRules(oneShot.ir!, () => false).cores).toEqual([]);
  });

  it("fails the comparison with an unsound bound (one that skips parts with traffic under 500 Kpps)", () => {
    const unsound: PartBound = (part) =>
      part.traffic.reduce((sum, t) => sum + (t.ratePps ?? 0), 0) > 500_000;
    const result = fc.check(
      fc.property(nearThreshold, (source) => {
        const program = new CompiledProgram(load(source));
        if (program.ir === undefined) return;
        expect(
          ruleDiagnostics(program, (x) => estimateForRules(x, unsound)),
        ).toEqual(ruleDiagnostics(program, whole));
      }),
      // A fixed seed and count, not PROP_*: this run must find the counterexample the test is about.
      { numRuns: 300, seed: 20261130 },
    );
    expect(result.failed).toBe(true);
    // Failed on the comparison itself (a finding the whole estimate has), not on anything else.
    expect(String(result.errorInstance)).toMatch(/expected .* to deeply equal/);
  }, 120_000);
});
