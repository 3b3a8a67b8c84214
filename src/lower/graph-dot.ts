/**
 * `sriovc compile --emit dot`: the topology graph (graph-model.ts) in Graphviz's DOT language. Every id and
 * label is a quoted string, so no name or description can end a statement or turn into an HTML-like label;
 * descriptions go to tooltips (shown on hover in `dot -Tsvg` output).
 */
import { topologyGraph, WIRE, type EdgeKind, type GraphCluster, type GraphNode, type NodeKind } from "./graph-model.js";
import type { Ir } from "./ir.js";

/**
 * A DOT quoted string holding literal text. Inside one, `"` must be escaped, and Graphviz then reads
 * backslash escapes in labels and tooltips (`\n`, `\l`, `\N`, `\G`...): doubling every backslash keeps
 * them literal. Line breaks become `\n`, tabs spaces; other control characters are not text and become U+FFFD.
 */
export function dotString(text: string): string {
  const body = text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/\t/g, " ")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "\ufffd");
  return `"${body}"`;
}

const NODE_STYLE: Record<NodeKind, string> = {
  wire: 'shape=cds, style=filled, fillcolor="#eeeeee"',
  nic: 'shape=box3d, style=filled, fillcolor="#f2f2f2"',
  pf: 'shape=box, style="filled", fillcolor="#e0e0e0"',
  vf: 'shape=box, style="rounded,filled", fillcolor="#fbd6bf", color="#d55e00"',
  pool: 'shape=box, style="rounded,filled", fillcolor="#d2ebf9", color="#0072b2"',
  vswitch: 'shape=hexagon, style=filled, fillcolor="#c8eee2", color="#009e73"',
  iface: 'shape=ellipse, style=filled, fillcolor="#ffffff"',
};

/** SR-IOV bold orange, VMDq dashed blue, vSwitch solid green, bare metal thin black, traffic dotted grey. */
export const EDGE_STYLE: Record<EdgeKind, string> = {
  port: 'color="#888888", arrowhead=none',
  sriov: 'color="#d55e00", penwidth=3, style=bold',
  vmdq: 'color="#0072b2", penwidth=2, style=dashed',
  uplink: 'color="#009e73", penwidth=2',
  vswitch: 'color="#009e73", penwidth=2',
  pf: 'color="#000000", penwidth=1',
  traffic: 'color="#777777", fontcolor="#555555", style=dotted, constraint=false',
};

function node(n: GraphNode, indent: string): string {
  const tooltip = n.description === undefined ? "" : `, tooltip=${dotString(n.description)}`;
  return `${indent}${dotString(n.id)} [label=${dotString(n.label.join("\n"))}, ${NODE_STYLE[n.kind]}${tooltip}];`;
}

function cluster(c: GraphCluster, byId: ReadonlyMap<string, GraphNode>, indent: string): string[] {
  const inner = `${indent}  `;
  const style = c.kind === "host" ? 'style="rounded"; color="#555555"' : 'style="rounded,dashed"; color="#888888"';
  return [
    `${indent}subgraph ${dotString(`cluster_${c.id}`)} {`,
    `${inner}label=${dotString(c.label)}; ${style};${c.description === undefined ? "" : ` tooltip=${dotString(c.description)};`}`,
    ...c.nodes.map((id) => node(byId.get(id)!, inner)),
    ...c.clusters.flatMap((sub) => cluster(sub, byId, inner)),
    `${indent}}`,
  ];
}

export function emitDot(ir: Ir): string {
  const graph = topologyGraph(ir);
  const lines = [
    "digraph sriovc {",
    '  graph [rankdir=LR, fontname="Helvetica", fontsize=12, nodesep=0.3, ranksep=0.6, newrank=true];',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
    ...graph.nodes.map((n) => node(n, "  ")),
    ...graph.clusters.flatMap((c) => cluster(c, graph.byId, "  ")),
    ...graph.edges.map((e) => {
      const label = e.label === undefined ? "" : `label=${dotString(e.label)}, `;
      const tooltip = e.description === undefined ? "" : `, tooltip=${dotString(e.description)}`;
      return `  ${dotString(e.from)} -> ${dotString(e.to)} [${label}${EDGE_STYLE[e.kind]}${tooltip}];`;
    }),
    // Layout only: the wire to the left of every NIC, so flows from it run left to right.
    ...(graph.byId.has(WIRE) ? ir.nics.map((nic) => `  ${dotString(WIRE)} -> ${dotString(nic.id)} [style=invis];`) : []),
    "}",
    "",
  ];
  return lines.join("\n");
}
