/**
 * `sriovc compile --emit mermaid`: the topology graph (graph-model.ts) as a Mermaid flowchart. Node and
 * subgraph ids are generated (`n3`, `c1`), never names, so no name can collide with a keyword such as
 * `end`; every label is a quoted string with Mermaid's entity codes for the characters that would end or
 * change it. Descriptions are left out: Mermaid shows them only through `click` callbacks, which need a
 * loosened security level.
 */
import { topologyGraph, type EdgeKind, type GraphCluster, type NodeKind } from "./graph-model.js";
import type { Ir } from "./ir.js";

const ENTITIES: Readonly<Record<string, string>> = {
  '"': "#quot;",
  "#": "#35;",
  "&": "#amp;",
  "<": "#lt;",
  ">": "#gt;",
  "`": "#96;",
  "%": "#37;",
};

/**
 * Text for inside a quoted Mermaid label. `"` would end the string; `#` would start an entity code; `<`,
 * `>` and `&` would be read as HTML by the renderer; a backtick turns the label into Markdown; `%%`
 * starts a comment. Line breaks and other control characters become spaces.
 */
export function mermaidText(text: string): string {
  return text.replace(/["#&<>`%]/g, (c) => ENTITIES[c]!).replace(/[\u0000-\u001f\u007f]/g, " ");
}

function label(lines: readonly string[]): string {
  return `"${lines.map(mermaidText).join("<br/>")}"`;
}

const SHAPES: Record<NodeKind, readonly [string, string]> = {
  wire: ["([", "])"],
  nic: ["[[", "]]"],
  pf: ["[", "]"],
  vf: ["(", ")"],
  pool: ["(", ")"],
  vswitch: ["{{", "}}"],
  iface: ["([", "])"],
};

const CLASS_STYLE: Record<NodeKind, string> = {
  wire: "fill:#eeeeee,stroke:#777777,color:#222222",
  nic: "fill:#f2f2f2,stroke:#555555,color:#222222",
  pf: "fill:#e0e0e0,stroke:#555555,color:#222222",
  vf: "fill:#fbd6bf,stroke:#d55e00,color:#222222",
  pool: "fill:#d2ebf9,stroke:#0072b2,color:#222222",
  vswitch: "fill:#c8eee2,stroke:#009e73,color:#222222",
  iface: "fill:#ffffff,stroke:#555555,color:#222222",
};

/** The arrow of each kind (thick for SR-IOV, dotted for VMDq and traffic, plain for vSwitch) and its colour. */
export const MERMAID_LINKS: Record<EdgeKind, { readonly arrow: string; readonly style: string }> = {
  port: { arrow: "---", style: "stroke:#888888,stroke-width:1px" },
  sriov: { arrow: "==>", style: "stroke:#d55e00,stroke-width:4px" },
  vmdq: { arrow: "-.->", style: "stroke:#0072b2,stroke-width:2px" },
  uplink: { arrow: "-->", style: "stroke:#009e73,stroke-width:2px" },
  vswitch: { arrow: "-->", style: "stroke:#009e73,stroke-width:2px" },
  pf: { arrow: "-->", style: "stroke:#000000,stroke-width:1px" },
  traffic: { arrow: "-.->", style: "stroke:#777777,stroke-width:1px,stroke-dasharray:2 4" },
};

export function emitMermaid(ir: Ir): string {
  const graph = topologyGraph(ir);
  const ids = new Map<string, string>();
  const idOf = (id: string): string => {
    let short = ids.get(id);
    if (short === undefined) ids.set(id, (short = `n${ids.size}`));
    return short;
  };
  const lines = ["flowchart LR"];
  const nodeLine = (id: string, indent: string): string => {
    const n = graph.byId.get(id)!;
    const [open, close] = SHAPES[n.kind];
    return `${indent}${idOf(n.id)}${open}${label(n.label)}${close}`;
  };
  let clusters = 0;
  const cluster = (c: GraphCluster, indent: string): string[] => [
    `${indent}subgraph c${clusters++}[${label([c.label])}]`,
    ...c.nodes.map((id) => nodeLine(id, `${indent}  `)),
    ...c.clusters.flatMap((sub) => cluster(sub, `${indent}  `)),
    `${indent}end`,
  ];
  // Loops, not push(...list): a topology of 100k nodes would overflow the call stack as arguments.
  for (const n of graph.nodes) lines.push(nodeLine(n.id, "  "));
  for (const c of graph.clusters) for (const line of cluster(c, "  ")) lines.push(line);
  const byKind = new Map<EdgeKind, number[]>();
  graph.edges.forEach((e, i) => {
    const link = MERMAID_LINKS[e.kind];
    const text = e.label === undefined ? "" : `|${label([e.label])}|`;
    lines.push(`  ${idOf(e.from)} ${link.arrow}${text} ${idOf(e.to)}`);
    byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), i]);
  });
  for (const [kind, indices] of byKind) lines.push(`  linkStyle ${indices.join(",")} ${MERMAID_LINKS[kind].style}`);
  const kinds = new Map<NodeKind, string[]>();
  for (const [id, short] of ids) {
    const kind = graph.byId.get(id)!.kind;
    kinds.set(kind, [...(kinds.get(kind) ?? []), short]);
  }
  for (const [kind, members] of kinds) lines.push(`  classDef ${kind} ${CLASS_STYLE[kind]}`, `  class ${members.join(",")} ${kind}`);
  return `${lines.join("\n")}\n`;
}
