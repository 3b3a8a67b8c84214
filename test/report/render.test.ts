/**
 * Report renderers against reviewed golden files (regenerate with UPDATE_GOLDEN=1 and review the diff),
 * plus escaping of source text in each format.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/report/json.js";
import { escapeCell, renderMarkdown } from "../../src/report/markdown.js";
import { renderReport, REPORT_FORMATS } from "../../src/report/render.js";
import { renderTable } from "../../src/report/table.js";
import { seconds, si } from "../../src/report/tables.js";
import type { SimReport } from "../../src/sim/report.js";
import { buildPlan } from "../../src/sim/plan.js";
import { comparisonRows, simulate } from "../../src/sim/simulate.js";
import { expectGolden } from "../helpers/golden.js";
import { fixtureIr } from "../sim/ir-fixtures.js";

const GOLDEN = path.join(import.meta.dirname, "golden");

function golden(name: string, actual: string): void {
  expectGolden(actual, path.join(GOLDEN, name));
}

function report(): SimReport {
  const on = (path: "vswitch" | "vmdq" | "vf") => {
    const ir = fixtureIr({ path, ratePps: 250_000, features: ["acl"], durationNs: 5_000_000, warmupNs: 500_000 });
    return { ...ir, ifaces: ir.ifaces.map((f) => ({ ...f, description: "web | front <end>\nsecond line" })) };
  };
  const described = on("vswitch");
  const outcome = simulate(described);
  if (!outcome.ok) throw new Error(outcome.message);
  // The interface on each path it could take, as the driver's `compare` lowers them.
  const rows = comparisonRows((["vswitch", "vmdq", "vf"] as const).map((path) => ({ iface: "h1.web1.eth0", path, current: path === "vswitch", plan: buildPlan(on(path)) })));
  if (!rows.ok) throw new Error(rows.message);
  return { ...outcome.report, comparison: rows.rows };
}

describe("renderers", () => {
  const r = report();
  it("json: the contract's field names, in order", () => {
    const parsed = JSON.parse(renderJson(r)) as SimReport;
    expect(Object.keys(parsed)).toEqual(["seed", "duration_s", "warmup_s", "interfaces", "cores", "queues", "analytic", "comparison"]);
    expect(Object.keys(parsed.interfaces[0]!)).toEqual([
      "id",
      "description",
      "path",
      "offered_pps",
      "delivered_pps",
      "throughput_bps",
      "dropped",
      "queued",
      "latency_s",
      "cycles_per_packet",
      "counts",
    ]);
    expect(Object.keys(parsed.interfaces[0]!.dropped)).toEqual(["link", "ring", "vlan"]);
    expect(Object.keys(parsed.interfaces[0]!.counts)).toEqual(["packets", "hw_irqs", "virtual_irqs", "posted_irqs", "vm_exits", "exits", "copies"]);
    expect(Object.keys(parsed.interfaces[0]!.counts.exits)).toEqual(["external_interrupt", "eoi", "hlt", "timer_ipi", "tx_completion"]);
    expect(Object.keys(parsed.cores[0]!)).toEqual(["host", "core", "role", "utilization", "per_s", "busy_s"]);
    expect(Object.keys(parsed.cores[0]!.per_s)).toEqual(["hw_irqs", "virtual_irqs", "posted_irqs", "vm_exits", "exits"]);
    expect(Object.keys(parsed.queues[0]!)).toEqual(["name", "host", "core", "regime", "packets_per_s", "interrupts_per_s", "packets_per_interrupt"]);
    expect(Object.keys(parsed.analytic)).toEqual(["interfaces", "cores", "queues"]);
    expect(Object.keys(parsed.cores[0]!.busy_s)).toEqual(["irq", "vswitch", "copy", "guest", "exit"]);
    expect(parsed.cores.map((c) => [c.core, c.role])).toEqual([
      [0, "hypervisor"],
      [4, "vm:web1"],
    ]);
    golden("vswitch.json", renderJson(r));
  });
  it("table", () => golden("vswitch.txt", renderTable(r)));
  it("markdown", () => golden("vswitch.md", renderMarkdown(r)));
  it("every format is reachable by name", () => {
    for (const format of REPORT_FORMATS) expect(renderReport(format, r).length).toBeGreaterThan(100);
  });
  it("source text cannot break a Markdown table or inject HTML", () => {
    expect(escapeCell("a | b <i>x</i>\nc `d` *e*")).toBe("a \\| b &lt;i&gt;x&lt;/i&gt;<br>c \\`d\\` \\*e\\*");
    expect(renderMarkdown(r)).toContain("web \\| front &lt;end&gt;<br>second line");
  });
  it("the text table shows descriptions as JSON strings (no raw control characters)", () => {
    expect(renderTable(r)).toContain('h1.web1.eth0: "web | front <end>\\nsecond line"');
  });
});

describe("number display", () => {
  it("SI prefixes with 3 significant digits", () => {
    expect(si(999_100, "pps")).toBe("999 kpps");
    expect(si(1.2e10, "bps")).toBe("12.0 Gbps");
    expect(si(0)).toBe("0");
    expect(si(12)).toBe("12");
    expect(si(999_999.5, "pps")).toBe("1.00 Mpps");
    expect(si(9_994, "pps")).toBe("9.99 kpps");
  });
  it("durations in the unit that suits them", () => {
    expect(seconds(4.1e-6)).toBe("4.10 µs");
    expect(seconds(0.0123)).toBe("12.3 ms");
    expect(seconds(5e-8)).toBe("50.0 ns");
    expect(seconds(null)).toBe("-");
    expect(seconds(0.0009999995)).toBe("1.00 ms");
  });
});
