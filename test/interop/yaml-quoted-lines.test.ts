/** Quoted scalars whose lines are not indented past their key: kubectl (go-yaml) reads them, so sriovc does. */
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../src/interop/yaml.js";
import { originalOffset, underIndentedQuotedLines, withInsertions } from "../../src/interop/yaml-quoted-lines.js";
import { checkFiles, network } from "../helpers/check-interop.js";

// A NetworkAttachmentDefinition as OpenShift's documentation writes it: the closing `}'` at the key's column.
const nad = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: sriov-net1
spec:
  config: '{
    "cniVersion": "0.3.1",
    "type": "sriov",
    "vlan": 100
  }'
`;

describe("quoted scalars with continuation lines at their key's column", () => {
  it("are read as kubectl reads them, with the value go-yaml gives", () => {
    const parsed = parseYaml(nad, "nad.yaml");
    expect(parsed.diagnostics).toEqual([]);
    const spec = parsed.documents[0]!.kind === "map" ? parsed.documents[0]!.entries.find((e) => e.key === "spec")!.value : undefined;
    const config = spec?.kind === "map" ? spec.entries[0]! : undefined;
    expect(config?.value.kind === "scalar" && config.value.value).toBe('{ "cniVersion": "0.3.1", "type": "sriov", "vlan": 100 }');
    expect(`${config!.value.span.line}:${config!.value.span.column}-${config!.value.span.end - config!.value.span.start}`).toBe("6:11-71");
  });

  it("findings after them keep their lines and columns", () => {
    const text = network(`  resourceName: r\n  ipam: '{\n    "type": "host-local"\n  }'\n  minTxRate: 200\n  maxTxRate: 100\n`);
    expect(checkFiles({ "n.yaml": text, "nad.yaml": nad }).map((d) => `${d.span.file}:${d.span.line}:${d.span.column} ${d.rule}`)).toEqual([
      expect.stringMatching(/n\.yaml:10:14 network-tx-rate-inverted$/),
    ]);
  });

  it("a quote that never closes is still an error; block scalars and flow collections are left as they are", () => {
    expect(parseYaml("a:\n  b: '{\n  c\n", "x.yaml").diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.message}`)).toEqual(["4:1 YAML: Missing closing 'quote"]);
    expect(underIndentedQuotedLines("a: |\n  it's\nb\n")).toEqual([]);
    expect(underIndentedQuotedLines("a: ['x,\n y']\n")).toEqual([]);
    const text = "- k: 'a\n  b'\n";
    const insertions = underIndentedQuotedLines(text);
    expect(withInsertions(text, insertions)).toBe("- k: 'a\n   b'\n");
    expect([0, 8, 9, 10, 11].map((o) => originalOffset(o, insertions))).toEqual([0, 8, 8, 9, 10]);
  });
});
