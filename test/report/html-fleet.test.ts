// The HTML report of a large topology (src/report/html-fleet.ts): small per interface, every interface and
// every core that worked findable in the page's text inside its host's section, aggregates per host.
import { createHash } from "node:crypto";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { LINES_PER_HOST, generateTopology } from "../../bench/generate.mjs";
import { checkEntries } from "../../src/driver/workspace.js";
import { lowerModel } from "../../src/lower/lower.js";
import { FLEET_INTERFACES } from "../../src/report/html-fleet.js";
import { renderHtml } from "../../src/report/html.js";
import { simulate } from "../../src/sim/simulate.js";
import { tempTree } from "../helpers/tmp.js";

function fleet(hosts: number) {
  const dir = tempTree({ "fleet.sriov": generateTopology({ lines: hosts * LINES_PER_HOST }).source });
  const model = checkEntries([path.join(dir, "fleet.sriov")]).programs[0]!.model!;
  const lowered = lowerModel(model);
  if (!lowered.ok) throw new Error(JSON.stringify(lowered.errors));
  const outcome = simulate(lowered.ir);
  if (!outcome.ok) throw new Error(outcome.message);
  return { ir: lowered.ir, report: outcome.report, html: renderHtml(outcome.report, { ir: lowered.ir, title: "fleet.sriov", version: "0.1.0" }) };
}

/** The text of each host's section, by host id. */
function hostSections(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<details class="host"><summary>[\s\S]*?<\/summary><div id="host-([^"]+)">([\s\S]*?)<\/div><\/details>/g)].map((m) => [m[1]!, m[2]!]));
}

describe("the HTML report of a large topology", () => {
  const { ir, report, html } = fleet(8);

  it("is used from FLEET_INTERFACES interfaces on, and the topology here is past it", () => {
    expect(ir.ifaces.length).toBeGreaterThanOrEqual(FLEET_INTERFACES);
    expect(html).toContain('<section class="card" id="hosts">');
    expect(html).not.toContain('<section class="card" id="figures">');
  });

  it("has one closed section per host holding every interface of that host, and every core that worked", () => {
    const sections = hostSections(html);
    expect([...sections.keys()]).toEqual(ir.hosts.map((h) => h.id));
    expect(html).not.toMatch(/<details[^>]* open/);
    for (const f of ir.ifaces) expect(sections.get(f.host), f.id).toContain(`<tr><td>${f.id}<td>${f.attachment.kind}<td>`);
    for (const c of report.cores) expect(sections.get(c.host), `${c.host} core ${c.core}`).toContain(`<tr><td>${c.host} core ${c.core}<td>`);
    for (const t of ir.traffic) expect(html).toContain(`<tr><td>${t.id}<td>`);
  });

  it("aggregates one row per host, linking to its section", () => {
    const rows = [...html.matchAll(/<tr><td><a href="#host-([^"]+)">/g)].map((m) => m[1]);
    expect(rows).toEqual(ir.hosts.map((h) => h.id));
  });

  it("stays small: under 200 bytes per interface, no script, and a CSP hash of the whole stylesheet", () => {
    expect(Buffer.byteLength(html) / ir.ifaces.length).toBeLessThan(200);
    expect(html).not.toMatch(/<script/i);
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(html).toContain(`style-src 'sha256-${createHash("sha256").update(css).digest("base64")}'`);
  });

  it("is a pure function of its inputs", () => {
    expect(renderHtml(report, { ir, title: "fleet.sriov", version: "0.1.0" })).toBe(html);
  });
});
