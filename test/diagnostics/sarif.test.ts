import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/cli/version.js";
import { checkEntries } from "../../src/driver/workspace.js";
import { diagnostic } from "../../src/diagnostics/diagnostic.js";
import { artifactUri, buildSarif, renderSarif } from "../../src/diagnostics/render/sarif.js";
import { RULES } from "../../src/rules/registry.js";
import { sarifContext } from "../../src/rules/sarif-rules.js";
import { LineIndex } from "../../src/syntax/span.js";
import { REPO, sriovc } from "../helpers/cli.js";
import { sarifSchemaErrors } from "../helpers/sarif-schema.js";
import { propertyRuns } from "../helpers/property.js";

const text = [
  "host lab {",
  "  nic old {",
  "    pf p0 { vfs = 8 }",
  "  }",
  "  vm db {",
  "    iface eth0 { attach = vf(old.p0, 3) }",
  "    iface eth1 { attach = vf(old.p0, 3) }",
  "  }",
  "}",
  "",
].join("\n");
const lines = new LineIndex("samples/my lab.sriov", text);
const at = (needle: string, occurrence = 0) => {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(needle, start + 1);
  return lines.span(start, start + needle.length);
};

const diagnostics = [
  diagnostic("vf-assigned-twice", "error", at("vf(old.p0, 3)", 1), "VF 3 of lab.old.p0 is attached twice", {
    related: [{ span: at("vf(old.p0, 3)"), message: "first attached here (lab.db.eth0)" }],
    help: "give each interface its own VF",
  }),
  diagnostic("unused-vf", "info", at("vfs = 8"), "p0 enables 8 VFs, but no interface uses them"),
  diagnostic("numa-mismatch", "warning", at("vf(old.p0, 3)"), "db runs on NUMA node 0, but old is on node 1"),
];

describe("SARIF output", () => {
  const ctx = sarifContext("1.2.3");
  const log = buildSarif(diagnostics, ctx);
  const run = log.runs[0]!;

  it("validates against the official SARIF 2.1.0 schema", () => {
    expect(sarifSchemaErrors(JSON.parse(renderSarif(diagnostics, ctx)))).toEqual([]);
    expect(sarifSchemaErrors(JSON.parse(renderSarif([], ctx)))).toEqual([]);
    // The check can fail: a region with a column of 0 is not SARIF.
    const broken = JSON.parse(renderSarif(diagnostics, ctx));
    broken.runs[0].results[0].locations[0].physicalLocation.region.startColumn = 0;
    expect(sarifSchemaErrors(broken)).not.toEqual([]);
  });

  it("describes the tool and every registered rule, with help pointing at its doc page", () => {
    expect(run.tool.driver).toMatchObject({ name: "sriovc", version: "1.2.3", informationUri: "https://github.com/sriovc/sriovc" });
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    const bypass = run.tool.driver.rules.find((r) => r.id === "sriov-bypasses-vswitch")!;
    expect(bypass.shortDescription.text).toBe("An SR-IOV interface relies on vSwitch features that its traffic bypasses.");
    expect(bypass.fullDescription.text).toMatch(/^An interface attached with `vf\(p\)` relies on vSwitch features that its traffic never sees/);
    expect(bypass.helpUri).toBe("https://github.com/sriovc/sriovc/blob/main/docs/rules/sriov-bypasses-vswitch.md");
    expect(bypass.help.markdown).toContain("## Failing example");
    expect(bypass.defaultConfiguration.level).toBe("warning");
    expect(run.tool.driver.rules.find((r) => r.id === "unused-vf")!.defaultConfiguration.level).toBe("note");
  });

  it("gives each result its rule, level, message with help, and 1-based region with exclusive end", () => {
    const [twice, unused] = run.results;
    expect(twice).toEqual({
      ruleId: "vf-assigned-twice",
      ruleIndex: RULES.findIndex((r) => r.meta.id === "vf-assigned-twice"),
      level: "error",
      message: { text: "VF 3 of lab.old.p0 is attached twice\nhelp: give each interface its own VF" },
      locations: [
        { physicalLocation: { artifactLocation: { uri: "samples/my%20lab.sriov" }, region: { startLine: 7, startColumn: 27, endLine: 7, endColumn: 40 } } },
      ],
      relatedLocations: [
        {
          id: 1,
          physicalLocation: { artifactLocation: { uri: "samples/my%20lab.sriov" }, region: { startLine: 6, startColumn: 27, endLine: 6, endColumn: 40 } },
          message: { text: "first attached here (lab.db.eth0)" },
        },
      ],
    });
    expect(unused).toMatchObject({ ruleId: "unused-vf", level: "note", message: { text: "p0 enables 8 VFs, but no interface uses them" } });
    expect(unused).not.toHaveProperty("relatedLocations");
  });

  it("links in a rule's help point at the pages on GitHub, not relative to the alert (they were ../SECURITY.md)", () => {
    const help = run.tool.driver.rules.find((r) => r.id === "import-not-found")!.help;
    expect(help.markdown).toContain("[SECURITY.md](https://github.com/sriovc/sriovc/blob/main/docs/SECURITY.md)");
    expect(help.markdown).toContain("[LIMITS.md](https://github.com/sriovc/sriovc/blob/main/docs/LIMITS.md)");
    for (const rule of run.tool.driver.rules) expect(rule.help.markdown ?? "", rule.id).not.toMatch(/\]\((?!https:\/\/)/);
  });

  it("describes a rule the registry does not know, so every ruleIndex is valid", () => {
    const foreign = buildSarif([diagnostic("future-rule", "warning", at("vfs"), "m")], { ...ctx, rules: [] });
    expect(foreign.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(["future-rule"]);
    expect(foreign.runs[0]!.results[0]!.ruleIndex).toBe(0);
  });

  it("in a GitHub workspace, URIs are relative to the repository's root (as code scanning reads them), even when run from a subdirectory", () => {
    const net = new LineIndex("net.sriov", "host h1 {\n  vfs = 99\n}\n");
    const span = net.span(net.text.indexOf("99"), net.text.indexOf("99") + 2);
    const fixes = [{ description: "lower", safe: true, edits: [{ range: span, text: "63" }] }];
    const d = diagnostic("vf-count-exceeds-max", "error", span, "too many", { related: [{ span, message: "here" }], fixes });
    const paths = { cwd: "/home/runner/work/repo/repo/infra", workspace: "/home/runner/work/repo/repo" };
    const [result] = buildSarif([d], ctx, paths).runs[0]!.results;
    expect(result!.locations[0]!.physicalLocation.artifactLocation.uri).toBe("infra/net.sriov");
    expect(result!.relatedLocations![0]!.physicalLocation.artifactLocation.uri).toBe("infra/net.sriov");
    expect(result!.fixes![0]!.artifactChanges[0]!.artifactLocation.uri).toBe("infra/net.sriov");
    // Not on a runner: the path the other formats show.
    expect(buildSarif([d], ctx, { cwd: paths.cwd }).runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe("net.sriov");
  });

  it("turns display paths into URI references", () => {
    expect(artifactUri("samples/imports/rack.sriov")).toBe("samples/imports/rack.sriov");
    expect(artifactUri("<stdin>")).toBe("%3Cstdin%3E");
    expect(artifactUri("/abs/a b#.sriov")).toBe("file:///abs/a%20b%23.sriov");
  });
});

describe("SARIF of a real check", () => {
  it("sriovc check --format sarif on the broken sample validates against the official schema, one result per diagnostic", () => {
    const json = checkEntries([path.join(REPO, "samples/mistakes.sriov")], { cwd: REPO });
    const log = JSON.parse(renderSarif(json.diagnostics, sarifContext("0.0.0")));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(json.diagnostics.map((d) => d.rule));
    expect(log.runs[0].results.length).toBeGreaterThan(10);
  });

  it("the built CLI prints the same log, and exits 1 on the sample's errors", () => {
    const result = sriovc(["check", "--format", "sarif", "samples/mistakes.sriov"]);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].tool.driver.version).toBe(VERSION);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("samples/mistakes.sriov");
  });

  it("the built CLI prints GitHub workflow commands", () => {
    const result = sriovc(["check", "--format", "github", "samples/mistakes.sriov"]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.find((line) => line.includes("title=vf-count-exceeds-max"))).toBe(
      "::error file=samples/mistakes.sriov,line=17,col=13,endLine=17,endColumn=15,title=vf-count-exceeds-max::old.p0 enables 70 VFs, but it supports at most 63 (the intel-82599 limit)%0Ahelp: lower `vfs` on old.p0 to 63 or less",
    );
    expect(lines.every((line) => /^::(error|warning|notice) file=/.test(line))).toBe(true);
  });
});

describe("SARIF (property)", () => {
  it("any diagnostics, on any spans and with any text, give a log the official schema accepts", () => {
    const source = "host h1 {\n  cores = 4\n}\n\ntraffic t {\n  rate = 1Mpps\n}\n";
    const index = new LineIndex("dir with space/ü.sriov", source);
    const arbitraryDiagnostic = fc
      .record({
        rule: fc.constantFrom(...RULES.map((r) => r.meta.id), "not-a-rule"),
        severity: fc.constantFrom("error" as const, "warning" as const, "info" as const),
        start: fc.nat({ max: source.length }),
        length: fc.nat({ max: 20 }),
        message: fc.string({ minLength: 1 }),
        help: fc.option(fc.string(), { nil: undefined }),
        related: fc.array(fc.record({ start: fc.nat({ max: source.length }), message: fc.string({ minLength: 1 }) }), { maxLength: 2 }),
      })
      .map((d) =>
        diagnostic(d.rule, d.severity, index.span(d.start, Math.min(source.length, d.start + d.length)), d.message, {
          help: d.help,
          related: d.related.map((r) => ({ span: index.span(r.start, r.start), message: r.message })),
        }),
      );
    const ctx = sarifContext("1.0.0");
    fc.assert(
      fc.property(fc.array(arbitraryDiagnostic, { maxLength: 5 }), (list) => {
        expect(sarifSchemaErrors(JSON.parse(renderSarif(list, ctx)))).toEqual([]);
      }),
      propertyRuns(60, 4001),
    );
  });
});
