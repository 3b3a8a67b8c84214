/**
 * The HTML report: structure (sections, charts with data), escaping of source text, no script or network,
 * determinism, and bar geometry. The browser test (test/browser/) opens real pages in Chromium.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderHtml, SATURATED } from "../../src/report/html.js";
import { PLOT_WIDTH, renderBarChart } from "../../src/report/svg-bars.js";
import { escapeMarkup } from "../../src/report/svg-escape.js";
import { HOSTILE, hostileTopology, lowerFile, lowerText, SAMPLES, shortReport } from "./html-samples.js";
import { propertyRuns } from "../helpers/property.js";

const OUT = path.resolve(import.meta.dirname, "../../test-output/html");

function save(name: string, html: string): void {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, name), html);
}

describe("renderHtml on a sample", () => {
  const ir = lowerFile(path.join(SAMPLES, "four-data-paths.sriov"))!;
  const report = shortReport(ir);
  const html = renderHtml(report, { ir, title: "four-data-paths.sriov", version: "0.1.0" });
  save("four-data-paths.html", html);

  it("is one self-contained page: no script, nothing fetched, a policy that forbids both", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
    expect(html).not.toMatch(/https?:|url\(|@import|@font-face/i);
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash("sha256").update(css).digest("base64");
    expect(html).toContain(`content="default-src 'none'; style-src 'sha256-${hash}';`);
  });

  it("has the topology, interface, core, comparison and figures sections", () => {
    const ids = [...html.matchAll(/<section class="card" id="([a-z]+)">/g)].map((m) => m[1]);
    expect(ids).toEqual(["topology", "interfaces", "cores", "compare", "figures"]);
    expect(html).toContain("<title>sriovc: four-data-paths.sriov</title>");
    expect(html).toContain("Comparison bench: one Intel X710, four receive paths");
  });

  it("draws one utilization row per busy core, stacked by cost category to its utilization", () => {
    const chart = /<svg class="chart" role="img" aria-label="Utilization of each core[^"]*"[\s\S]*?<\/svg>/.exec(html)![0];
    const rows = [...chart.matchAll(/<g class="row">([\s\S]*?)<\/g>/g)].map((m) => m[1]!);
    expect(rows).toHaveLength(report.cores.length);
    const scale = PLOT_WIDTH;
    rows.forEach((row, i) => {
      const core = report.cores[i]!;
      expect(row).toContain(`${core.host} core ${core.core}`);
      const widths = [...row.matchAll(/width="([\d.]+)"/g)].map((m) => Number(m[1]));
      const total = widths.reduce((a, b) => a + b, 0);
      // Full scale is 100 % (no core is over): the stacked widths add up to the utilization.
      expect(total).toBeCloseTo(core.utilization * scale, 0);
      const series = [...row.matchAll(/data-series="([a-z]+)"/g)].map((m) => m[1]);
      const busy = Object.entries(core.busy_s)
        .filter(([, s]) => s > 0)
        .map(([k]) => k);
      expect(series).toEqual(busy);
    });
  });

  it("says which cores are saturated", () => {
    const busy = {
      ...report,
      cores: report.cores.map((c, i) => (i === 0 ? { ...c, utilization: SATURATED } : { ...c, utilization: Math.min(c.utilization, SATURATED - 1e-6) })),
    };
    const page = renderHtml(busy, { ir });
    const chart = /aria-label="Utilization of each core[^"]*"[\s\S]*?<\/svg>/.exec(page)![0];
    expect(chart.match(/saturated/g)).toHaveLength(1);
    expect(chart).toContain(`${busy.cores[0]!.role} · saturated</tspan>`);
  });

  it("draws the interrupt and exit rates of each core with their exact values", () => {
    const chart = /aria-label="Interrupts and VM exits per second on each core"[\s\S]*?<\/svg>/.exec(html)![0];
    const values = [...chart.matchAll(/data-series="(hw|virtual|posted|exits)" data-value="([^"]+)"/g)].map((m) => [m[1], Number(m[2])]);
    const expected = report.cores.flatMap((c) => [
      ["hw", c.per_s.hw_irqs],
      ["virtual", c.per_s.virtual_irqs],
      ["posted", c.per_s.posted_irqs],
      ["exits", c.per_s.vm_exits],
    ]);
    expect(values).toEqual(expected);
  });

  it("puts the data paths of each interface side by side", () => {
    const chart = /aria-label="CPU cycles per packet on each data path"[\s\S]*?<\/svg>/.exec(html)![0];
    const rows = [...chart.matchAll(/<g class="row">([\s\S]*?)<\/g>/g)].map((m) => m[1]!);
    const ids = [...new Set(report.comparison!.map((r) => r.id))];
    expect(rows).toHaveLength(ids.length);
    rows.forEach((row, i) => {
      const drawn = [...row.matchAll(/data-series="([a-z-]+)" data-value="([^"]+)"/g)].map((m) => [m[1], Number(m[2])]);
      const rowsOfId = report.comparison!.filter((r) => r.id === ids[i]);
      // The data paths in their order, then the driver variants (`vf+dpdk`, drawn as series `vf-dpdk`) as they come.
      const order = ["pf", "vswitch", "vmdq", "vf", "vdpa"];
      const paths = rowsOfId.filter((r) => order.includes(r.path)).sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path));
      const variants = rowsOfId.filter((r) => !order.includes(r.path));
      const expected = [...paths, ...variants].map((r) => [r.path.replace("+", "-"), r.cycles_per_packet]);
      expect(drawn).toEqual(expected);
    });
  });

  it("is the same page byte for byte for the same report", () => {
    expect(renderHtml(report, { ir, title: "four-data-paths.sriov", version: "0.1.0" })).toBe(html);
  });

  it("renders without the topology (an IR-less report) and without any traffic", () => {
    const bare = renderHtml({ ...report, interfaces: [], cores: [], comparison: [] });
    expect(bare).not.toContain('id="topology"');
    expect(bare).toContain("No interface received traffic in the measured window.");
    expect(bare).toContain("No core did any work in the measured window.");
    expect(bare).not.toContain('id="compare"');
  });
});

describe("source text is shown as text", () => {
  const ir = lowerText(hostileTopology());
  const report = shortReport(ir);
  const html = renderHtml(report, { ir, title: HOSTILE });
  save("hostile.html", html);

  it("a description that closes a script and opens another stays text, wherever it appears", () => {
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).not.toMatch(/onerror="/);
    const escaped = escapeMarkup(HOSTILE);
    expect(escaped).toContain("&lt;/script&gt;&lt;script&gt;window.pwned=1");
    // Title, the simulation, the host, VM, interface and traffic descriptions.
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(6);
  });

  it("escapeMarkup leaves no markup character and decodes back to the text", () => {
    const decode = (s: string) => s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e]!);
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const out = escapeMarkup(text);
        expect(out).not.toMatch(/[<>"']|&(?!(lt|gt|quot|#39|amp);)/);
        expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
        const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "\ufffd");
        expect(decode(out)).toBe(clean);
      }),
      propertyRuns(100, 6001),
    );
  });
});

describe("bar geometry", () => {
  const row = fc.array(fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1e12, noNaN: true })), { minLength: 2, maxLength: 2 });
  it("grouped: bars stay in the plot and a larger value never gets a shorter bar", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), (rows) => {
        const svg = renderBarChart({
          title: "t",
          series: [
            { key: "a", label: "a" },
            { key: "b", label: "b" },
          ],
          rows: rows.map((values, i) => ({ label: `r${i}`, values })),
          layout: "grouped",
          format: String,
        });
        const bars = [...svg.matchAll(/data-value="([^"]+)" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
        expect(bars).toHaveLength(rows.flat().filter((v) => v !== null).length);
        for (const [, w] of bars) expect(w).toBeLessThanOrEqual(PLOT_WIDTH);
        for (const [v1, w1] of bars) for (const [v2, w2] of bars) if (v1 < v2) expect(w1).toBeLessThanOrEqual(w2);
        const max = Math.max(...bars.map(([v]) => v));
        if (max > 0) expect(Math.max(...bars.map(([, w]) => w))).toBe(PLOT_WIDTH);
      }),
      propertyRuns(100, 6002),
    );
  });
});
