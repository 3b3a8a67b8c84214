/**
 * `--emit dot|mermaid`: the topology graph of every sample and of hostile source text. DOT output is run
 * through Graphviz (`dot -Tsvg`, Debian's graphviz; skipped with a message where it is missing); Mermaid
 * output is parsed back with the statement grammar we emit and checked for structure and escaping.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dotString, EDGE_STYLE, emitDot } from "../../src/lower/graph-dot.js";
import { emitMermaid, MERMAID_LINKS, mermaidText } from "../../src/lower/graph-mermaid.js";
import { topologyGraph, type GraphCluster } from "../../src/lower/graph-model.js";
import type { Ir } from "../../src/lower/ir.js";
import { HOSTILE, hostileTopology, lowerText, sampleIrs } from "./html-samples.js";
import { propertyRuns } from "../helpers/property.js";

const OUT = path.resolve(import.meta.dirname, "../../test-output/graph");
const hasDot = spawnSync("dot", ["-V"]).status === 0;
if (!hasDot) console.warn("graph.test: Graphviz 'dot' is not installed (apt-get install -y graphviz): the dot -Tsvg checks are skipped");

const cases: { name: string; ir: Ir }[] = [...sampleIrs(), { name: "hostile", ir: lowerText(hostileTopology()) }];

function clustersOf(list: readonly GraphCluster[]): GraphCluster[] {
  return list.flatMap((c) => [c, ...clustersOf(c.clusters)]);
}

function renderDot(text: string): { status: number | null; svg: string; stderr: string } {
  const run = spawnSync("dot", ["-Tsvg"], { input: text, encoding: "utf8" });
  return { status: run.status, svg: run.stdout, stderr: run.stderr };
}

describe("the topology graph", () => {
  it("covers the samples", () => expect(cases.map((c) => c.name)).toContain("four-data-paths.sriov"));

  for (const { name, ir } of cases) {
    it(`${name}: every interface hangs off its data path, and every flow is an edge`, () => {
      const graph = topologyGraph(ir);
      for (const f of ir.ifaces) {
        const into = graph.edges.filter((e) => e.to === f.id && e.kind !== "traffic");
        expect(into).toHaveLength(1);
        const expected = { vf: "sriov", vdpa: "sriov", vmdq: "vmdq", vswitch: "vswitch", pf: "pf" }[f.attachment.kind];
        expect(into[0]!.kind).toBe(expected);
      }
      expect(graph.edges.filter((e) => e.kind === "traffic")).toHaveLength(ir.traffic.length);
      expect(graph.edges.filter((e) => e.kind === "uplink")).toHaveLength(ir.vswitches.reduce((n, v) => n + v.uplinks.length, 0));
      for (const e of graph.edges) {
        expect(graph.byId.has(e.from), e.from).toBe(true);
        expect(graph.byId.has(e.to), e.to).toBe(true);
      }
      const placed = [...graph.nodes.map((n) => n.id), ...clustersOf(graph.clusters).flatMap((c) => c.nodes)];
      expect([...placed].sort()).toEqual([...graph.byId.keys()].sort());
    });
  }
});

describe("--emit dot", () => {
  it("draws SR-IOV, VMDq and vSwitch edges differently", () => {
    expect(new Set([EDGE_STYLE.sriov, EDGE_STYLE.vmdq, EDGE_STYLE.vswitch, EDGE_STYLE.pf, EDGE_STYLE.traffic]).size).toBe(5);
    expect(EDGE_STYLE.sriov).toContain("penwidth=3");
    expect(EDGE_STYLE.vmdq).toContain("dashed");
  });

  it("quotes text so that Graphviz reads it back literally", () => {
    expect(dotString('a "b" \\N\nc')).toBe('"a \\"b\\" \\\\N\\nc"');
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const out = dotString(text);
        // Inside the quotes, every `"` is escaped and no raw line break or control character is left.
        expect(out.slice(1, -1)).not.toMatch(/(^|[^\\])(\\\\)*"/);
        expect(out).not.toMatch(/[\u0000-\u001f\u007f]/);
      }),
      propertyRuns(100, 5001),
    );
  });

  for (const { name, ir } of cases) {
    it.skipIf(!hasDot)(`${name}: dot -Tsvg renders it with no warning, a cluster per host, VM and container, every edge`, () => {
      const text = emitDot(ir);
      mkdirSync(OUT, { recursive: true });
      const base = name.replace(/[/\\]/g, "_").replace(/\.sriov$/, "");
      writeFileSync(path.join(OUT, `${base}.dot`), text);
      const { status, svg, stderr } = renderDot(text);
      expect(stderr).toBe("");
      expect(status).toBe(0);
      writeFileSync(path.join(OUT, `${base}.svg`), svg);
      const graph = topologyGraph(ir);
      expect(svg.match(/<g id="clust\d+" class="cluster">/g)?.length ?? 0).toBe(ir.hosts.length + ir.vms.length + ir.containers.length);
      expect(svg.match(/<g id="edge\d+" class="edge">/g)?.length ?? 0).toBe(graph.edges.length);
      expect(svg.match(/<g id="node\d+" class="node">/g)?.length ?? 0).toBe(graph.byId.size);
      // SR-IOV edges are drawn thick and orange; VMDq dashed.
      const sriov = graph.edges.filter((e) => e.kind === "sriov").length;
      expect(svg.match(/<path fill="none" stroke="#d55e00" stroke-width="3"/g)?.length ?? 0).toBe(sriov);
      const vmdq = graph.edges.filter((e) => e.kind === "vmdq").length;
      expect(svg.match(/<path fill="none" stroke="#0072b2" stroke-width="2" stroke-dasharray="5,2"/g)?.length ?? 0).toBe(vmdq);
    });
  }

  it.skipIf(!hasDot)("hostile descriptions stay text in the SVG that Graphviz makes", () => {
    const { svg } = renderDot(emitDot(lowerText(hostileTopology())));
    expect(svg).not.toMatch(/<script|<img/i);
    // The description is a tooltip (an xlink:title), entity-escaped, with `\N` kept literally.
    expect(svg).toContain("&lt;/script&gt;&lt;script&gt;window.pwned=1");
    expect(svg).toMatch(/xlink:title="[^"]*\\N \{a\|b\}/);
  });
});

/** One statement per line, as emitMermaid writes them. */
const STATEMENT = {
  header: /^flowchart LR$/,
  node: /^(n\d+)(\(\[|\[\[|\[|\(|\{\{)"([^"]*)"(\]\)|\]\]|\]|\)|\}\})$/,
  subgraph: /^subgraph (c\d+)\["([^"]*)"\]$/,
  end: /^end$/,
  edge: /^(n\d+) (---|==>|-\.->|-->)(?:\|"([^"]*)"\|)? (n\d+)$/,
  linkStyle: /^linkStyle ([\d,]+) [a-z-]+:[^;"]+$/,
  classDef: /^classDef [a-z]+ [a-z-]+:[^ ]+$/,
  class: /^class ([n\d,]+) [a-z]+$/,
};

function decode(text: string): string[] {
  const named: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">" };
  return text
    .split("<br/>")
    .map((line) => line.replace(/#(\w+);/g, (_, code: string) => (/^\d+$/.test(code) ? String.fromCodePoint(Number(code)) : named[code]!)));
}

function parseMermaid(text: string) {
  const lines = text.trimEnd().split("\n");
  const nodes = new Map<string, string[]>();
  const edges: { from: string; arrow: string; label?: string[]; to: string }[] = [];
  const subgraphs: string[][] = [];
  const styled: number[] = [];
  let depth = 0;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (i === 0) return expect(line).toMatch(STATEMENT.header);
    let m: RegExpExecArray | null;
    if ((m = STATEMENT.node.exec(line))) {
      expect(nodes.has(m[1]!), `${m[1]} defined twice`).toBe(false);
      nodes.set(m[1]!, decode(m[3]!));
    } else if ((m = STATEMENT.subgraph.exec(line))) {
      depth++;
      subgraphs.push(decode(m[2]!));
    } else if (STATEMENT.end.test(line)) {
      depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    } else if ((m = STATEMENT.edge.exec(line))) edges.push({ from: m[1]!, arrow: m[2]!, ...(m[3] === undefined ? {} : { label: decode(m[3]) }), to: m[4]! });
    else if ((m = STATEMENT.linkStyle.exec(line))) styled.push(...m[1]!.split(",").map(Number));
    else if (!STATEMENT.classDef.test(line) && !STATEMENT.class.test(line)) throw new Error(`line ${i + 1} is no Mermaid statement we emit: ${line}`);
  });
  expect(depth).toBe(0);
  return { nodes, edges, subgraphs, styled };
}

describe("--emit mermaid", () => {
  it("escapes with Mermaid's entity codes", () => {
    expect(mermaidText('a "b" #1; <i> `c` 100%')).toBe("a #quot;b#quot; #35;1; #lt;i#gt; #96;c#96; 100#37;");
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const out = mermaidText(text);
        expect(out).not.toMatch(/["<>`%\u0000-\u001f]/);
        expect(decode(out).join("")).toBe(text.replace(/[\u0000-\u001f\u007f]/g, " "));
      }),
      propertyRuns(100, 5002),
    );
  });

  for (const { name, ir } of cases) {
    it(`${name}: a well-formed flowchart with the graph's nodes, clusters and styled edges`, () => {
      const text = emitMermaid(ir);
      mkdirSync(OUT, { recursive: true });
      writeFileSync(path.join(OUT, `${name.replace(/[/\\]/g, "_").replace(/\.sriov$/, "")}.mmd`), text);
      const parsed = parseMermaid(text);
      const graph = topologyGraph(ir);
      expect([...parsed.nodes.values()].map((l) => l.join("\n")).sort()).toEqual([...graph.byId.values()].map((n) => n.label.join("\n")).sort());
      expect(parsed.subgraphs.map((s) => s.join(""))).toEqual(clustersOf(graph.clusters).map((c) => c.label));
      expect(parsed.edges).toHaveLength(graph.edges.length);
      parsed.edges.forEach((e, i) => {
        const want = graph.edges[i]!;
        expect(parsed.nodes.get(e.from)).toEqual(graph.byId.get(want.from)!.label);
        expect(parsed.nodes.get(e.to)).toEqual(graph.byId.get(want.to)!.label);
        expect(e.arrow).toBe(MERMAID_LINKS[want.kind].arrow);
        expect(e.label?.join("")).toBe(want.label);
      });
      expect([...parsed.styled].sort((a, b) => a - b)).toEqual(graph.edges.map((_, i) => i));
    });
  }

  it("hostile source text reaches the labels only as entity codes", () => {
    const text = emitMermaid(lowerText(hostileTopology()));
    expect(text).not.toContain("<script");
    expect(text).not.toContain(HOSTILE);
    // SR-IOV is thick, VMDq dotted, vSwitch plain: three different arrows.
    expect(new Set([MERMAID_LINKS.sriov.arrow, MERMAID_LINKS.vmdq.arrow, MERMAID_LINKS.vswitch.arrow]).size).toBe(3);
  });
});
