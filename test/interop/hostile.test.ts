/**
 * Hostile input: operator YAML and libvirt XML arrive in pull requests. Each limit of
 * src/interop/limits.ts (docs/INTEROP.md, "Security") refuses with one located error, and
 * nothing is fetched, expanded or exhausted.
 */
import { describe, expect, it } from "vitest";
import { MAX_INTEROP_DEPTH, MAX_INTEROP_FILE_BYTES, MAX_INTEROP_NODES, MAX_YAML_ALIASES } from "../../src/interop/limits.js";
import { parseIpLink } from "../../src/interop/import/host.js";
import { importFiles } from "../../src/interop/import/index.js";
import { parseCpuset } from "../../src/interop/import/libvirt.js";
import { parsePfSelector } from "../../src/interop/k8s/objects.js";
import { LineIndex } from "../../src/syntax/span.js";
import { parseXml } from "../../src/interop/xml.js";
import { parseYaml } from "../../src/interop/yaml.js";
import { checkFiles, NODE_STATE } from "../helpers/check-interop.js";

const lineSpan = new LineIndex("p.yaml", "").span(0, 0);
const lines = (diagnostics: readonly { rule: string; span: { line: number; column: number }; message: string }[]) => diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}: ${d.message}`);

describe("XML", () => {
  it("XXE: an external entity is refused at the DTD, and the file it names is never read", () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE domain [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<domain><name>&xxe;</name></domain>\n`;
    const parsed = parseXml(xxe, "x.xml");
    expect(parsed.root).toBeUndefined();
    expect(lines(parsed.diagnostics)).toEqual(["2:1 input-syntax: XML: a document type declaration (<!DOCTYPE) is not accepted"]);
    expect(JSON.stringify(checkFiles({ "x.xml": xxe }))).not.toContain("root:");
  });

  it("billion laughs: nested entity definitions are refused before anything is expanded", () => {
    const defs = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("\n");
    const bomb = `<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n${defs}\n]>\n<domain><name>&lol10;</name></domain>\n`;
    const started = Date.now();
    expect(lines(parseXml(bomb, "b.xml").diagnostics)).toEqual(["1:1 input-syntax: XML: a document type declaration (<!DOCTYPE) is not accepted"]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("an entity without a DTD is an error, not an expansion; XML's own entities still work", () => {
    expect(lines(parseXml("<domain>\n  <name>&lol;</name>\n</domain>\n", "e.xml").diagnostics).map((l) => l.replace(/^\d+:\d+ /, ""))).toEqual(["input-syntax: XML: entity not found:&lol;"]);
    const ok = parseXml("<domain><name>a&amp;b&#65;</name></domain>", "ok.xml");
    expect(ok.diagnostics).toEqual([]);
    expect(ok.root?.getElementsByTagName("name")[0]?.textContent).toBe("a&bA");
  });

  it(`elements nested deeper than ${MAX_INTEROP_DEPTH} levels`, () => {
    expect(lines(parseXml(`${"<a>".repeat(5000)}${"</a>".repeat(5000)}`, "d.xml").diagnostics)).toEqual([`1:1 input-syntax: XML: nested more than ${MAX_INTEROP_DEPTH} elements deep`]);
    expect(parseXml(`${"<a>".repeat(MAX_INTEROP_DEPTH)}${"</a>".repeat(MAX_INTEROP_DEPTH)}`, "ok.xml").diagnostics).toEqual([]);
  });

  it("a cpuset with a CPU number past 2^53 is no CPU set (counting up to it never ended)", () => {
    const started = Date.now();
    expect(parseCpuset("99999999999999999999")).toBeUndefined();
    expect(parseCpuset("9007199254740990-9007199254740999")).toBeUndefined();
    const domain = "<domain type='kvm'>\n  <name>a</name>\n  <vcpu>1</vcpu>\n  <cputune>\n    <vcpupin vcpu='0' cpuset='99999999999999999999'/>\n  </cputune>\n</domain>\n";
    expect(lines(importFiles("libvirt", [{ path: "a.xml", text: domain }]).diagnostics)).toEqual(["5:6 import-unmapped: a vCPU pinned to a set of CPUs, or two vCPUs on one CPU, has no `.sriov` form"]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it(`more than ${MAX_INTEROP_NODES} elements`, () => {
    expect(lines(parseXml(`<a>${"<b/>".repeat(MAX_INTEROP_NODES)}</a>`, "n.xml").diagnostics)).toEqual([`1:1 input-syntax: XML: more than ${MAX_INTEROP_NODES} elements`]);
  });
});

describe("YAML", () => {
  it(`an alias bomb is stopped by the yaml package's maxAliasCount (${MAX_YAML_ALIASES})`, () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]", "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]", "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]", "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]", ""].join("\n");
    const started = Date.now();
    expect(lines(parseYaml(bomb, "bomb.yaml").diagnostics)).toEqual(["1:1 input-syntax: YAML: Excessive alias count indicates a resource exhaustion attack"]);
    expect(Date.now() - started).toBeLessThan(2000);
    // A few aliases are fine.
    expect(parseYaml("a: &a 1\nb: *a\n", "ok.yaml").diagnostics).toEqual([]);
  });

  it("an alias whose anchor is not in its document (anchors end at `---`) is an error at the alias, not at the document's start", () => {
    const parsed = parseYaml("spec:\n  nodeSelector: &sel\n    kubernetes.io/hostname: w1\n---\nspec:\n  numVfs: 8\n  nodeSelector: *sel\n", "a.yaml");
    expect(parsed.diagnostics.map((d) => `${d.span.line}:${d.span.column}-${d.span.endColumn} ${d.rule}: ${d.message} | ${d.help}`)).toEqual([
      "7:17-21 input-syntax: YAML: the alias `*sel` names no anchor `&sel` before it in its document | an anchor reaches only the rest of its own document (not past `---`): write the values out, or define `&sel` in this document",
    ]);
  });

  it("a pfNames VF index past 2^53 is an error, not an endless count", () => {
    const started = Date.now();
    expect(parsePfSelector("ens1f0#99999999999999999999", lineSpan).error).toBe("`99999999999999999999` is past the largest VF index (65534)");
    expect(parsePfSelector("ens1f0#0-99999999999999999999", lineSpan).error).toBe("`0-99999999999999999999` is past the largest VF index (65534)");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("a device plugin entry of 200,000 whole-PF ranges, and 20,000 entries, are checked and imported without a walk per VF and part, and quoted short", () => {
    const state = NODE_STATE.replace("      mtu: 1500\n      totalvfs: 64", "      mtu: 1500\n      numVfs: 64\n      totalvfs: 64");
    const long = `ens1f0#${"0-65534,".repeat(200_000)}x`;
    const many = Array.from({ length: 20_000 }, (_, i) => `ens${i}#0-3`);
    const config = JSON.stringify({ resourceList: [{ resourceName: "a", selectors: { pfNames: [long] } }, { resourceName: "b", selectors: { pfNames: many } }] });
    const started = Date.now();
    expect(checkFiles({ "state.yaml": state, "config.json": config }).map((d) => `${d.rule}: ${d.message}`)).toEqual([
      "plugin-vf-range-invalid: `ens1f0#0-65534,0-65534,0-65534,0-65534,0-65534,0-65534,0-655…` takes VFs 0–65534 of `ens1f0` on node `worker-0`, which has 64 VFs (0–63): its node state gives it 64 (numVfs); the device plugin finds only 64 of them, and `a` gets 64 VFs of it, not 65535",
      "plugin-vf-range-invalid: `ens1f0#0-65534,0-65534,0-65534,0-65534,0-65534,0-65534,0-655…`: `x` is not a VF index or a range `first-last`: the device plugin stops reading the list there, and selects only VFs 0–65534 by it for `a`",
      "plugin-selects-no-vf: device plugin resource `b` selects no VF on any node given (`worker-0`): no PF of them is `ens0`, `ens1`, `ens2`, `ens3`, `ens4`, `ens5`, `ens6`, `ens7` and 19992 more",
    ]);
    expect(importFiles("k8s", [{ path: "state.yaml", text: state }, { path: "config.json", text: config }]).diagnostics.map((d) => `${d.rule}: ${d.message}`)).toEqual([
      "import-unmapped: `ens1f0#0-65534,0-65534,0-65534,0-65534,0-65534,0-65534,0-655…`: `x` is not a VF index or a range `first-last`: the device plugin stops reading the list there, and selects only VFs 0–65534 by it; the import follows it for `a`",
      "import-unmapped: `ens1f0#0-65534,0-65534,0-65534,0-65534,0-65534,0-65534,0-655…` takes VFs 64–65534 of ens1f0 on `worker-0`, which has 64 VFs: they are not imported for `a`",
      "import-unmapped: the selectors of device plugin resource `b` pick no PF of the nodes given: no VF is imported for it",
    ]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it(`flow and block nesting deeper than ${MAX_INTEROP_DEPTH} levels, before the parser's stack runs out`, () => {
    expect(lines(parseYaml(`a: ${"[".repeat(20000)}${"]".repeat(20000)}\n`, "f.yaml").diagnostics)).toEqual([`1:${4 + MAX_INTEROP_DEPTH} input-syntax: nested more than ${MAX_INTEROP_DEPTH} levels deep`]);
    const block = Array.from({ length: 100 }, (_, i) => `${" ".repeat(i * 2)}k:`).join("\n") + " 1\n";
    expect(lines(parseYaml(block, "b.yaml").diagnostics).map((l) => l.replace(/^\d+:\d+ /, ""))).toEqual([`input-syntax: nested more than ${MAX_INTEROP_DEPTH} levels deep`]);
    // Brackets inside quotes and comments do not count.
    expect(parseYaml(`a: "${"[".repeat(100)}" # ${"{".repeat(100)}\n`, "q.yaml").diagnostics).toEqual([]);
  });

  it(`more than ${MAX_INTEROP_NODES} values in a document`, () => {
    expect(lines(parseYaml(`[${"0,".repeat(MAX_INTEROP_NODES)}0]\n`, "n.yaml").diagnostics).map((l) => l.replace(/^\d+:\d+ /, ""))).toEqual([`input-syntax: more than ${MAX_INTEROP_NODES} values in one document`]);
  });

  it(`a file over ${MAX_INTEROP_FILE_BYTES} bytes is refused unread`, () => {
    const started = Date.now();
    const big = `# ${"x".repeat(MAX_INTEROP_FILE_BYTES)}\n`;
    expect(lines(parseYaml(big, "big.yaml").diagnostics)).toEqual([`1:1 input-syntax: the file is ${MAX_INTEROP_FILE_BYTES + 3} bytes, over the ${MAX_INTEROP_FILE_BYTES}-byte limit`]);
    expect(lines(parseXml(big, "big.xml").diagnostics)).toEqual([`1:1 input-syntax: the file is ${MAX_INTEROP_FILE_BYTES + 3} bytes, over the ${MAX_INTEROP_FILE_BYTES}-byte limit`]);
    // `ip link` output too: before, it was dropped without a word and imported as a host with no VFs.
    expect(lines(parseIpLink(big, "big.txt").diagnostics)).toEqual([`1:1 input-syntax: the file is ${MAX_INTEROP_FILE_BYTES + 3} bytes, over the ${MAX_INTEROP_FILE_BYTES}-byte limit`]);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("check turns each of these into located errors and goes on with the other files", () => {
    const found = checkFiles({ "bomb.yaml": "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\nb: [" + "*a, ".repeat(200) + "*a]\n", "ok.yaml": "apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovNetwork\nmetadata:\n  name: n\nspec:\n  resourceName: r\n  minTxRate: 5\n  maxTxRate: 1\n" });
    expect(found.map((d) => `${d.span.file}:${d.span.line} ${d.rule}`)).toEqual(["bomb.yaml:1 input-syntax", "ok.yaml:7 network-tx-rate-inverted"]);
  });
});
