import { describe, expect, it } from "vitest";
import { importFiles } from "../../src/interop/import/index.js";
import { checkFiles, findingsIn, network } from "../helpers/check-interop.js";

const at = (f: { at: string; message: string; help: string | undefined }) => `${f.at} ${f.message} | ${f.help}`;
const removes = "has white space, which the operator removes from all of `ipam`, inside strings too: the CNI receives";

// sriov-network-operator api/v1/helper.go, RenderNetAttDef: `"ipam":` + strings.Join(strings.Fields(ipam), "").
describe("ipam-whitespace-stripped", () => {
  it("a string with a space, at the string inside a block, a quoted and a double-quoted value, saying what the CNI receives", () => {
    const files = {
      "block.yaml": network('  resourceName: intelnics\n  ipam: |\n    {\n      "type": "host-local",\n      "dataDir": "/var/lib/cni/my networks"\n    }\n'),
      "single.yaml": network(`  resourceName: intelnics\n  ipam: '{"type": "host-local", "dataDir": "/a b"}'\n`),
      "double.yaml": network('  resourceName: intelnics\n  ipam: "{\\"type\\": \\"host-local\\", \\"dataDir\\": \\"/a b\\"}"\n'),
    };
    expect(findingsIn("ipam-whitespace-stripped", files).map(at)).toEqual([
      `block.yaml:10:18 the string \`"/var/lib/cni/my networks"\` in \`ipam\` ${removes} \`"/var/lib/cni/mynetworks"\` | write the white space as a JSON escape, which the operator keeps: \`"/var/lib/cni/my\\u0020networks"\``,
      `double.yaml:7:50 the string \`"/a b"\` in \`ipam\` ${removes} \`"/ab"\` | write the white space as a JSON escape, which the operator keeps; in this YAML \`"…"\` string: \`\\"/a\\\\u0020b\\"\``,
      `single.yaml:7:44 the string \`"/a b"\` in \`ipam\` ${removes} \`"/ab"\` | write the white space as a JSON escape, which the operator keeps: \`"/a\\u0020b"\``,
    ]);
    // The span is the string itself, quotes included.
    const found = checkFiles(files).filter((d) => d.rule === "ipam-whitespace-stripped" && d.span.file.endsWith("single.yaml"));
    expect(found.map((d) => d.span.endColumn - d.span.column)).toEqual(['"/a b"'.length]);
  });

  it("a key, a number and a Unicode space (Go's strings.Fields splits at U+00A0 too), each its own warning", () => {
    const files = { "n.yaml": network(`  resourceName: intelnics\n  ipam: '{"type": "static", "route table": 1 00, "name": "a\u00a0b"}'\n`) };
    expect(findingsIn("ipam-whitespace-stripped", files).map(at)).toEqual([
      `n.yaml:7:29 the key \`"route table"\` in \`ipam\` ${removes} \`"routetable"\` | write the white space as a JSON escape, which the operator keeps: \`"route\\u0020table"\``,
      `n.yaml:7:44 the value \`1 00\` in \`ipam\` ${removes} \`100\` | remove the white space: \`100\``,
      `n.yaml:7:58 the string \`"a\\u00a0b"\` in \`ipam\` ${removes} \`"ab"\` | write the white space as a JSON escape, which the operator keeps: \`"a\\u00a0b"\``,
    ]);
  });

  it("white space between tokens, an escaped space and an ipam the operator cannot render are not reported (the last is an error of its own)", () => {
    const files = {
      "ok.yaml": network('  resourceName: intelnics\n  ipam: |\n    {\n      "type" : "host-local",\n      "dataDir": "/a\\u0020b"\n    }\n', "net-a"),
      "bad.yaml": network(`  resourceName: intelnics\n  ipam: '{"dataDir": "/a b",}'\n`, "net-b"),
    };
    expect(findingsIn("ipam-whitespace-stripped", files)).toEqual([]);
    expect(findingsIn("invalid-field-value", files).map((f) => f.at)).toEqual(["bad.yaml:7:9"]);
  });

  it("a warning, in `sriovc import` too: the network is imported", () => {
    const imported = importFiles("k8s", [{ path: "n.yaml", text: network(`  resourceName: intelnics\n  ipam: '{"dataDir": "/a b"}'\n`) }]);
    expect(imported.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.severity} ${d.rule}`)).toEqual(["7:22 warning ipam-whitespace-stripped"]);
  });
});
