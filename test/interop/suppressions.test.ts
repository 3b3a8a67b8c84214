/** Suppression comments in operator YAML and libvirt XML: the `.sriov` directives, in each format's comment syntax. */
import { describe, expect, it } from "vitest";
import { checkFiles, network } from "../helpers/check-interop.js";

const inverted = (comment: string) => network(`  resourceName: r\n${comment}  minTxRate: 200\n  maxTxRate: 100\n`);
const rules = (found: ReturnType<typeof checkFiles>) => found.map((d) => `${d.span.line}:${d.span.column} ${d.rule}: ${d.message}`);

describe("suppressions in YAML", () => {
  it("# sriovc-disable-next-line silences the rule on the next line", () => {
    expect(rules(checkFiles({ "n.yaml": inverted("  # sriovc-disable-next-line network-tx-rate-inverted -- lab only\n") }))).toEqual([]);
  });

  it("# sriovc-disable silences it in the whole file", () => {
    expect(rules(checkFiles({ "n.yaml": `# sriovc-disable network-tx-rate-inverted\n${inverted("")}` }))).toEqual([]);
  });

  it("a stale or misspelt directive is reported where its id is written", () => {
    expect(rules(checkFiles({ "n.yaml": inverted("  # sriovc-disable-next-line network-tx-rate-invertd\n") }))).toEqual([
      "7:30 unused-suppression: `network-tx-rate-invertd` is not a rule id, so `sriovc-disable-next-line` silences nothing",
      "8:14 network-tx-rate-inverted: `minTxRate: 200` is above `maxTxRate: 100` (Mbps): the driver refuses the VF's rate settings, and the pod's interface is not set up",
    ]);
  });

  it("structure errors cannot be silenced", () => {
    expect(checkFiles({ "n.yaml": "# sriovc-disable input-syntax\na: [\n" }).map((d) => `${d.span.line} ${d.rule}`)).toEqual(["1 unused-suppression", "3 input-syntax"]);
  });
});

describe("suppressions in XML", () => {
  it("<!-- sriovc-disable-next-line … --> silences the rule on the next line", () => {
    const domain = (name: string, comment: string) =>
      `<domain type='kvm'>\n  <name>${name}</name>\n  <vcpu>1</vcpu>\n  <cputune>\n${comment}    <vcpupin vcpu='0' cpuset='2'/>\n  </cputune>\n</domain>\n`;
    const loud = checkFiles({ "a.xml": domain("a", ""), "b.xml": domain("b", "") }).filter((d) => d.rule === "pin-overlap");
    expect(loud.map((d) => `${d.span.file}:${d.span.line}`)).toEqual(["b.xml:5"]);
    const quiet = checkFiles({ "a.xml": domain("a", ""), "b.xml": domain("b", "    <!-- sriovc-disable-next-line pin-overlap -->\n") });
    expect(quiet.map((d) => `${d.span.file}:${d.span.line} ${d.rule}`)).toEqual([]);
  });
});
