/**
 * A host resolved while its file is parsed keeps no declarations inside it when its model holds one entity
 * per declaration (src/semantics/host-view.ts): its children are then found through the model. What a
 * traffic reference reads of them — the child by name, its kind, id and parent, the children in order for
 * a message — must be what the declarations gave; and a host whose model leaves a declaration out (an error)
 * keeps its declarations, so that a traffic reference to the one left out still finds it.
 */
import { describe, expect, it } from "vitest";
import { createHost } from "../../src/driver/host.js";
import { CompiledProgram } from "../../src/driver/program.js";
import { checkEntries, dedupe } from "../../src/driver/workspace.js";
import { sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { hostView } from "../../src/semantics/host-view.js";
import { loadWorkspace, STDIN_PATH } from "../../src/semantics/loader.js";
import { resolveProgram } from "../../src/semantics/resolve.js";
import { buildDeclTree, childNamed, childNames, childrenOf, type Decl } from "../../src/semantics/scopes.js";
import { attributeMap, collectTemplates } from "../../src/semantics/templates.js";
import { parseSource } from "../../src/syntax/parse.js";
import { REPO } from "../helpers/cli.js";

// Children of every kind, interleaved: the model keeps one list per kind, the view the order.
const HOST = `host a {
  cores = 16
  nic n { model = "intel-x710"  pf p0 { vfs = 4 }  pf p1 { vfs = 0 } }
  vm v1 { iface eth0 { attach = vf(n.p0) }  iface eth1 { attach = vf(n.p0) } }
  iface mgmt { attach = pf(n.p1) }
  vswitch br { uplinks = [n.p0] }
  container c { iface eth0 { attach = vswitch(br) } }
  vm v2 { iface eth0 { attach = vswitch(br) } }
}
`;

function declsAndModel(text: string): { host: Decl; view: ReturnType<typeof hostView> } {
  const file = parseSource(text, STDIN_PATH, 1 << 20);
  expect(file.diagnostics).toEqual([]);
  const files = [file.ast];
  const diagnostics: never[] = [];
  const tree = buildDeclTree(files, collectTemplates(files, diagnostics), diagnostics);
  const { model } = resolveProgram({ files, sources: new Map([[STDIN_PATH, text]]) });
  const host = tree.root.children[0]!;
  const span = file.ast.span;
  const block = { kind: "Block", blockKind: "host", keywordSpan: span, members: [], span } as const;
  return { host, view: hostView(host, model.hosts[0]!, { block, span, attributes: attributeMap([]) }) };
}

/** A declaration as a traffic reference reads it: kind, name, id, and its children the same way. */
function shape(decl: Decl): unknown {
  return { kind: decl.kind, name: decl.name, id: decl.id, parent: decl.parent.kind === "root" ? "root" : decl.parent.id, children: childrenOf(decl).map(shape) };
}

describe("a resolved host's children through its model", () => {
  it("finds every child by name, with its kind, id, parent and children, in declaration order", () => {
    const { host, view } = declsAndModel(HOST);
    expect(view).toBeDefined();
    const own = host.children.map(shape);
    expect(view!.list().map(shape)).toEqual(own);
    expect(own.map((c) => (c as { name: string }).name)).toEqual(["n", "v1", "mgmt", "br", "c", "v2"]);
    for (const child of host.children) expect(shape(view!.get(child.name)!)).toEqual(shape(child));
    expect(view!.get("nothing")).toBeUndefined();
    // A made-again declaration's children find theirs as the original's did.
    expect(childNamed(view!.get("v1")!, "eth1")!.id).toBe("a.v1.eth1");
    expect([...childNames(view!.get("n")!)]).toEqual(["p0", "p1"]);
  });

  it("is refused when the model leaves a declaration out: an interface without a data path", () => {
    const broken = HOST.replace("iface eth1 { attach = vf(n.p0) }", "iface eth1 { queues = 2 }");
    expect(declsAndModel(broken).view).toBeUndefined();
  });
});

/** Diagnostics and traffic of a check of `text` resolved whole (the editor's path), and resolved while parsed in parts. */
function bothWays(text: string): [[string, string], [string, string]] {
  const whole = checkEntries([STDIN_PATH], { host: createHost({ cwd: REPO }), stdin: text });
  const { workspace } = loadWorkspace([STDIN_PATH], { cwd: REPO, stdin: text, parse: undefined, resolveWhileParsing: { partChars: 128 } });
  const loaded = workspace.programs[0]!;
  expect(loaded.resolved).toBeDefined();
  const program = new CompiledProgram(loaded);
  return [
    [JSON.stringify(whole.diagnostics), JSON.stringify(sortDiagnostics(dedupe(program.diagnostics)))],
    [JSON.stringify(whole.programs[0]!.model!.traffic), JSON.stringify(program.model!.traffic)],
  ];
}

describe("traffic references into hosts resolved while parsed", () => {
  const traffic = (name: string, to: string): string => `traffic ${name} {\n  to = ${to}\n  rate = 1Mpps\n}\n`;
  it("the same findings and traffic as the whole program's, for references found and not", () => {
    const targets = ["a.v1.eth1", "a.c.eth0", "a.mgmt", "a.v1", "a", "a.n", "a.n.p0", "a.br", "a.v3.eth0", "a.v1.eth9", "a.vv1.eth0", "v1.eth0", "b.v1.eth0", "a.v1.eth0.x"];
    const text = HOST + HOST.replace("host a", "host b") + targets.map((to, i) => traffic(`t${i}`, to)).join("");
    for (const [whole, streamed] of bothWays(text)) expect(streamed).toBe(whole);
    // Each reference that does not name an interface of the model is reported.
    expect(JSON.parse(bothWays(text)[0]![0]).filter((d: { rule: string }) => d.rule === "unknown-reference" || d.rule === "invalid-value")).toHaveLength(10);
  });

  it("a reference to an interface left out of the model drops its traffic silently, as before", () => {
    const broken = HOST.replace("iface eth1 { attach = vf(n.p0) }", "iface eth1 { queues = 2 }");
    const text = broken + traffic("t", "a.v1.eth1") + traffic("u", "a.v1.eth0");
    const [[whole, streamed], [wholeTraffic, streamedTraffic]] = bothWays(text);
    expect(streamed).toBe(whole);
    expect(streamedTraffic).toBe(wholeTraffic);
    expect(JSON.parse(streamedTraffic).map((t: { id: string }) => t.id)).toEqual(["u"]);
    expect(JSON.parse(streamed).map((d: { rule: string }) => d.rule)).toEqual(["missing-attribute"]);
  });
});
