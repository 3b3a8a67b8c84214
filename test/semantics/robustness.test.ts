import { readFileSync } from "node:fs";
import { trafficIface } from "../../src/domain/traffic.js";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveProgram } from "../../src/semantics/resolve.js";
import { parseSource } from "../../src/syntax/parse.js";
import { propertyRuns } from "../helpers/property.js";

const SAMPLE = readFileSync(fileURLToPath(new URL("../../samples/mistakes.sriov", import.meta.url)), "utf8");
const NFV = readFileSync(fileURLToPath(new URL("../../samples/nfv-numa.sriov", import.meta.url)), "utf8");

/** Every value the resolver may meet in some attribute, well-formed or not. */
const VALUES = ["0", "7", "2.5", "-1", "10Gbps", "64B", "50us", "20%", "3cyc", "1Mpps", "2.4GHz", "auto", "true", "none", '"intel-x710"', "0000:3b:00.0", "52:54:00:aa:00:01", "0..3", "[0, 1]", "[]", "vf(old.p0)", "vf(old.p0, 99)", "vmdq(old.p0)", "vswitch(br0)", "pf(old.p1)", "burst(4)", "lab.db.eth0", "imix", "poisson", "kvm", "ovs"];

describe("resolution of damaged programs", () => {
  it("never throws, reports only errors, and leaves no dangling id in the model", () => {
    const lines = SAMPLE.split("\n");
    let resolved = 0;
    const valueLines = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*\w+ = /.test(l));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valueLines.length - 1), fc.constantFrom(...VALUES)), { maxLength: 6 }),
        fc.array(fc.nat(lines.length - 1), { maxLength: 3 }),
        (edits, removed) => {
          const text = [...lines];
          for (const [which, value] of edits) {
            const [line, index] = valueLines[which]!;
            text[index] = line.replace(/= .*$/, `= ${value}`);
          }
          for (const index of removed) if (/^\s*\w+ = /.test(text[index]!)) text[index] = "";
          const source = text.join("\n");
          const parsed = parseSource(source, "fuzz.sriov");
          if (parsed.diagnostics.length > 0) return;
          const { model, diagnostics } = resolveProgram({ files: [parsed.ast], sources: new Map([["fuzz.sriov", source]]) });
          resolved++;
          for (const d of diagnostics) expect(d.severity).toBe("error");
          for (const iface of model.ifaces) {
            const a = iface.attachment;
            if (a.kind === "vswitch") expect(model.lookup.vswitches.has(a.vswitch)).toBe(true);
            else expect(model.lookup.pfs.has(a.pf)).toBe(true);
          }
          for (const t of model.traffic) expect(model.lookup.ifaces.has(trafficIface(t))).toBe(true);
        },
      ),
      propertyRuns(300, 2001),
    );
    // Most mutations keep the syntax intact, so the property really ran on the resolver.
    expect(resolved).toBeGreaterThan(200);
  });

  it("reports every duplicate of a replicated program once and keeps going", () => {
    const doubled = `${NFV}\n${NFV.replace(/simulation \{[\s\S]*$/, "")}`;
    const parsed = parseSource(doubled, "twice.sriov");
    expect(parsed.diagnostics).toEqual([]);
    const { model, diagnostics } = resolveProgram({ files: [parsed.ast], sources: new Map([["twice.sriov", doubled]]) });
    expect(diagnostics.map((d) => d.rule)).toEqual(Array(5).fill("duplicate-name"));
    expect(model.hosts.length).toBe(1);
  });
});
