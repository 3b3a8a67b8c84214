/**
 * The fix property, for every rule that offers fixes, over generated topologies: applying a fix removes
 * the diagnostic it was offered for and introduces no new error or warning. The generator is aimed at
 * the fixable findings (VF and pool counts over the model's limits, trust and spoofchk, `numa` and `pin`
 * that disagree, traffic between hosts), mixed with everything else a topology holds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { RULES } from "../../src/rules/registry.js";
import { checkSource, withFix } from "../helpers/check-source.js";
import { propertyRuns } from "../helpers/property.js";

const MODELS = ["intel-82599", "intel-x710", "intel-e810", "nvidia-cx6"] as const;

interface PfSpec {
  readonly vfs: number;
  readonly pools: number | undefined;
}
interface IfaceSpec {
  readonly path: "vf" | "vmdq" | "vswitch";
  readonly pf: number;
  readonly trust: boolean | undefined;
  readonly spoofchk: boolean | undefined;
}
interface VmSpec {
  readonly vcpus: number;
  readonly pin: readonly [number, number] | undefined;
  readonly numa: number | undefined;
  readonly migrate: boolean;
  readonly ifaces: readonly IfaceSpec[];
}
interface HostSpec {
  readonly model: (typeof MODELS)[number];
  readonly iommu: boolean;
  readonly pfs: readonly PfSpec[];
  readonly features: boolean;
  readonly vms: readonly VmSpec[];
}

const pfSpec = fc.record({ vfs: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom(64, 130, 260, 300)), pools: fc.option(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom(17, 65, 1000)), { nil: undefined }) });
const ifaceSpec = fc.record({
  path: fc.constantFrom("vf", "vmdq", "vswitch" as const),
  pf: fc.nat(3),
  trust: fc.option(fc.boolean(), { nil: undefined }),
  spoofchk: fc.option(fc.boolean(), { nil: undefined }),
});
const vmSpec = fc.record({
  vcpus: fc.integer({ min: 1, max: 6 }),
  pin: fc.option(fc.tuple(fc.integer({ min: 2, max: 36 }), fc.integer({ min: 0, max: 5 })).map(([from, extra]) => [from, from + extra] as const), { nil: undefined }),
  numa: fc.option(fc.nat(1), { nil: undefined }),
  migrate: fc.boolean(),
  ifaces: fc.array(ifaceSpec, { minLength: 1, maxLength: 2 }),
});
const hostSpec = fc.record({
  model: fc.constantFrom(...MODELS),
  iommu: fc.boolean(),
  pfs: fc.array(pfSpec, { minLength: 1, maxLength: 2 }),
  features: fc.boolean(),
  vms: fc.array(vmSpec, { minLength: 1, maxLength: 3 }),
});

function hostText(name: string, h: HostSpec): string {
  const pfs = h.pfs.map((pf, i) => `    pf p${i} {\n      vfs = ${pf.vfs}\n${pf.pools === undefined ? "" : `      vmdq_pools = ${pf.pools}\n`}    }\n`).join("");
  const vms = h.vms
    .map((vm, v) => {
      const ifaces = vm.ifaces
        .map((f, i) => {
          const pf = `n.p${f.pf % h.pfs.length}`;
          const attach = f.path === "vswitch" ? "vswitch(s)" : `${f.path}(${pf})`;
          const extra = `${f.trust === undefined ? "" : `      trust = ${f.trust}\n`}${f.spoofchk === undefined ? "" : `      spoofchk = ${f.spoofchk}\n`}`;
          return `    iface e${i} {\n      attach = ${attach}\n${extra}    }\n`;
        })
        .join("");
      const pin = vm.pin === undefined ? "" : `    pin = ${vm.pin[0]}..${vm.pin[1]}\n`;
      const numa = vm.numa === undefined ? "" : `    numa = ${vm.numa}\n`;
      return `  vm v${v} {\n    vcpus = ${vm.vcpus}\n${pin}${numa}    live_migration = ${vm.migrate}\n${ifaces}  }\n`;
    })
    .join("");
  return `host ${name} {\n  cores = 40\n  numa_nodes = 2\n  hypervisor_cores = 0..1\n  iommu = ${h.iommu}\n  nic n {\n    model = "${h.model}"\n${pfs}  }\n  vswitch s {\n    uplinks = [n.p0]\n    features = [${h.features ? "acl" : ""}]\n  }\n${vms}}\n`;
}

const topology = fc
  .record({ a: hostSpec, b: hostSpec, fromOther: fc.boolean(), rate: fc.constantFrom("10Kpps", "100Kpps") })
  .map(({ a, b, fromOther, rate }) => `${hostText("h1", a)}\n${hostText("h2", b)}\ntraffic t {\n  from = ${fromOther ? "h2.v0.e0" : "wire"}\n  to = h1.v0.e0\n  rate = ${rate}\n}\n`);

/** Errors and warnings by rule and line (fixes replace one token: lines do not move). */
function problems(list: readonly Diagnostic[]): string[] {
  return list.filter((d) => d.severity !== "info").flatMap((d) => (d.locations ?? [d]).map((l) => `${d.rule}@${l.span.line}`));
}

function without(list: readonly string[], gone: readonly string[]): string[] {
  const rest = [...list];
  for (const item of gone) {
    const at = rest.indexOf(item);
    if (at !== -1) rest.splice(at, 1);
  }
  return rest;
}

const LOAD_DRIVEN = ["interrupt-storm", "cpu-saturated", "link-oversubscribed"];

// `syntax` fixes have their own property test (test/syntax/fix-property.test.ts): mistakes injected into valid files.
// The hygiene fixes that remove a repeated list item or a stale suppression are tested beside their rules
// (test/rules/duplicate-list-item.test.ts, test/diagnostics/suppressions.test.ts): the generator writes neither.
const TESTED_ELSEWHERE = new Set(["syntax", "duplicate-list-item", "unused-suppression"]);
const FIXABLE = RULES.filter((rule) => rule.meta.fixable === true && !TESTED_ELSEWHERE.has(rule.meta.id)).map((rule) => rule.meta.id);

describe("the fix property", () => {
  it("every fixable rule is one of these", () => {
    expect(FIXABLE.sort()).toEqual(
      ["numa-contradicts-pin", "pin-count-mismatch", "vf-count-exceeds-max", "vf-spoofcheck-disabled", "vf-trust-enabled", "vmdq-pools-exceeds-max"].sort(),
    );
  });

  it("applying a fix removes its diagnostic and adds no error or warning (generated topologies)", { timeout: 240_000 }, () => {
    const exercised = new Set<string>();
    fc.assert(
      fc.property(topology, (text) => {
        const before = checkSource(text);
        if (before.some((d) => d.rule === "syntax")) throw new Error(`generated text does not parse:\n${text}`);
        const beforeProblems = problems(before);
        for (const d of before) {
          for (const fix of d.fixes ?? []) {
            exercised.add(d.rule);
            const after = checkSource(withFix(text, fix));
            const fixedHere = (d.locations ?? [d]).map((l) => `${d.rule}@${l.span.line}`);
            const afterProblems = problems(after);
            // The diagnostic is gone from where it was…
            const same = after.filter((a) => a.rule === d.rule && a.span.line === d.span.line && a.span.column === d.span.column);
            expect(same, `${d.rule} still reported after "${fix.description}"\n${text}`).toEqual([]);
            // …and nothing is worse anywhere.
            const allowed = without(beforeProblems, fixedHere);
            const added = without(afterProblems, allowed);
            expect(added, `"${fix.description}" (${d.rule}) introduced ${added.join(", ")}\n${withFix(text, fix)}`).toEqual([]);
          }
        }
      }),
      propertyRuns(60, 20261130),
    );
    // The property was tested for every fixable rule, not vacuously.
    expect([...exercised].sort()).toEqual(FIXABLE.sort());
  });

  it("a help line that names another data path names one the model accepts: attached so, that finding goes and nothing is worse", { timeout: 240_000 }, () => {
    const tried = new Set<string>();
    fc.assert(
      fc.property(topology, (text) => {
        const before = checkSource(text);
        const beforeProblems = problems(before);
        for (const d of before) {
          if (d.help === undefined) continue;
          const spanText = text.slice(d.span.start, d.span.end);
          // Findings reported at an `attach` value whose help names other attach values.
          if (!/^(vf|vmdq|vswitch)\(/.test(spanText)) continue;
          for (const [, alternative] of d.help.matchAll(/`((?:vf|vmdq|vswitch)\([a-z0-9_.]+\))`/g)) {
            tried.add(d.rule);
            const changed = text.slice(0, d.span.start) + alternative + text.slice(d.span.end);
            const after = checkSource(changed);
            const gone = after.filter((a) => a.rule === d.rule && a.span.line === d.span.line);
            expect(gone, `${d.rule} still reported with ${alternative}\n${changed}`).toEqual([]);
            // Load-driven findings (the analytic model's) may change with the path's costs: the help names
            // paths the topology rules accept, which is what a help line can know without a simulation.
            const topologyOnly = (list: string[]) => list.filter((p) => !LOAD_DRIVEN.some((rule) => p.startsWith(`${rule}@`)));
            // Only this interface moves: a finding grouped over several interfaces keeps the others.
            const added = topologyOnly(without(problems(after), without(beforeProblems, [`${d.rule}@${d.span.line}`])));
            expect(added, `${alternative} (from ${d.rule}'s help) introduced ${added.join(", ")}\n${changed}`).toEqual([]);
          }
        }
      }),
      propertyRuns(60, 20261201),
    );
    expect(tried.size).toBeGreaterThan(0);
  });
});
