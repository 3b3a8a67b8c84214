/** The public API (src/index.ts) in process, and the examples of docs/API.md run as a reader would run them. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { check, checkEntries, compile, createHost, format, openWorkspace, simulate, type OpenOptions } from "../src/index.js";
import { REPO, sriovc } from "./helpers/cli.js";
import { tempTree } from "./helpers/tmp.js";

const SAMPLES = path.join(REPO, "samples");

describe("the public API", () => {
  it("check: every diagnostic of the files, counted", () => {
    const result = check("mistakes.sriov", { cwd: SAMPLES });
    // numa-mismatch's four interfaces (one NIC served from the other node) are one grouped warning.
    expect([result.ok, result.errorCount, result.warningCount]).toEqual([false, 7, 13]);
    const first = result.diagnostics[0]!;
    expect([first.rule, first.span.file, first.span.line]).toEqual(["vcpu-overcommit", "mistakes.sriov", 4]);
    expect(check("mistakes.sriov", { cwd: SAMPLES, rules: { "vf-count-exceeds-max": "off" } }).diagnostics.some((d) => d.rule === "vf-count-exceeds-max")).toBe(false);
  });

  it("check's diagnostics are the findings `check --format json` prints, a grouped one once with its `locations` (docs/API.md)", () => {
    const result = check("mistakes.sriov", { cwd: SAMPLES });
    type Entry = { file: string; rule: string; severity: string; range: { start: { line: number; column: number } } };
    const printed = JSON.parse(sriovc(["check", "--format", "json", "mistakes.sriov"], { cwd: SAMPLES }).stdout) as Entry[];
    const places = (diagnostics: typeof result.diagnostics) =>
      diagnostics.flatMap((d) => (d.locations ?? [d]).map(({ span }) => `${span.file}:${span.line}:${span.column} ${d.rule} ${d.severity}`));
    // The JSON's entries of a group stand at their own positions, so compare as sets.
    expect(printed.map((e) => `${e.file}:${e.range.start.line}:${e.range.start.column} ${e.rule} ${e.severity}`).sort()).toEqual(places(result.diagnostics).sort());
    // The one numa-mismatch of four interfaces is one warning here and four entries there.
    expect([result.warningCount, printed.filter((e) => e.severity === "warning").length]).toEqual([13, 16]);
  });

  it("compile: the IR, or the errors; in-memory sources win over the disk", () => {
    const compiled = compile("four-data-paths.sriov", { cwd: SAMPLES });
    if (!compiled.ok) throw new Error("did not compile");
    expect(compiled.ir.ifaces.map((f) => f.attachment.kind)).toEqual(["pf", "vswitch", "vmdq", "vf"]);
    expect(Object.keys(compiled).sort()).toEqual(["ir", "ok", "omitted", "warnings"]);
    const dir = tempTree({ "t.sriov": "host h1 { }\n" });
    const broken = compile("t.sriov", { cwd: dir, sources: { "t.sriov": "host h1 {\n  nic n { pf p { } }\n  iface e { attach = pf(n.q) }\n}\n" } });
    expect(broken.ok ? [] : broken.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}`)).toEqual(["3:25 unknown-reference"]);
  });

  it("with a host and no cwd, relative paths resolve against the host's cwd, which diagnostics are named from", () => {
    const dir = tempTree({ "t.sriov": "host h1 { cores = x }\n" });
    const result = check("t.sriov", { host: createHost({ cwd: dir }) });
    expect(result.diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.column} ${d.rule}`)).toEqual(["t.sriov:1:19 invalid-value"]);
  });

  it("sources hold for the call they are given to, not for later calls on the same host", () => {
    const dir = tempTree({ "t.sriov": "host h1 { cores = 2 }\n" });
    const host = createHost({ cwd: dir });
    const edited = check("t.sriov", { cwd: dir, host, sources: { "t.sriov": "host h1 { cores = x }\n" } });
    expect(edited.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}`)).toEqual(["1:19 invalid-value"]);
    expect(check("t.sriov", { cwd: dir, host }).diagnostics).toEqual([]);
    host.setFile(path.join(dir, "t.sriov"), "host h1 { cores = y }\n");
    expect(check("t.sriov", { cwd: dir, host }).errorCount).toBe(1);
    expect(check("t.sriov", { cwd: dir, host, sources: { "t.sriov": "host h1 { cores = 4 }\n" } }).errorCount).toBe(0);
    expect(check("t.sriov", { cwd: dir, host }).errorCount).toBe(1);
  });

  it("sources hold for operator YAML entries too, a file the disk does not have included", () => {
    const dir = tempTree({});
    const yaml = "apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovNetwork\nmetadata:\n  name: net-a\nspec:\n  resourceName: r\n  minTxRate: 200\n  maxTxRate: 100\n";
    // Before: "cannot read 'n.yaml': no such file" (YAML and XML entries were read from the disk only).
    const checked = check("n.yaml", { cwd: dir, sources: { "n.yaml": yaml } });
    expect(checked.diagnostics.map((d) => `${d.span.file}:${d.span.line} ${d.rule}`)).toEqual(["n.yaml:7 network-tx-rate-inverted"]);
  });

  it("simulate: a report, with what-ifs lowered again from the source", () => {
    const run = simulate("four-data-paths.sriov", { cwd: SAMPLES, durationNs: 1_000_000, seed: 5, whatIfs: ["kvm1.via_vf.eth0=vmdq"] });
    if (!run.ok) throw new Error(run.message);
    expect(run.report.seed).toBe(5);
    expect(run.report.interfaces.find((f) => f.id === "kvm1.via_vf.eth0")!.path).toBe("vmdq");
    expect(simulate("four-data-paths.sriov", { cwd: SAMPLES, whatIfs: [{ iface: "kvm1.mgmt", path: "vf" }] })).toEqual({
      ok: false,
      diagnostics: [],
      message: "cannot re-attach 'kvm1.mgmt' on vf: a host's own interface keeps its pf(...) attachment",
    });
    expect(() => simulate("four-data-paths.sriov", { cwd: SAMPLES, whatIfs: ["kvm1.mgmt"] })).toThrow("what-if expects IFACE=MODE (e.g. h1.db.eth0=vf), got 'kvm1.mgmt'");
    // An object what-if is held to the modes a string is (it ran, as if the interface kept its attachment).
    const bogus = { iface: "kvm1.via_vf.eth0", path: "bogus" } as unknown as { iface: string; path: "vf" };
    expect(() => simulate("four-data-paths.sriov", { cwd: SAMPLES, whatIfs: [bogus] })).toThrow(
      new Error("what-if kvm1.via_vf.eth0=bogus: unknown data path 'bogus'; expected one of pf, vswitch, vmdq, vf, vdpa, vswitch(NAME), kernel, dpdk"),
    );
    const named = simulate("four-data-paths.sriov", { cwd: SAMPLES, durationNs: 1_000_000, whatIfs: [{ iface: "kvm1.via_vf.eth0", path: "vswitch", vswitch: "nope" }] });
    expect(named.ok ? "" : named.message).toBe("cannot re-attach 'kvm1.via_vf.eth0' on vswitch(nope): host 'kvm1' has no vSwitch 'nope'");
  });

  it("simulate: run settings outside the command line's bounds throw, naming the bound (a NaN duration never ended)", () => {
    const run = (settings: { seed?: number; durationNs?: number; eventBudget?: number }) => () => simulate("four-data-paths.sriov", { cwd: SAMPLES, ...settings });
    expect(run({ durationNs: Number.NaN })).toThrow(new RangeError("durationNs NaN is not a whole number of nanoseconds from 100000 (100us) to 9007199254740991 (about 104 days)"));
    expect(run({ durationNs: -1 })).toThrow(new RangeError("durationNs -1 is not a whole number of nanoseconds from 100000 (100us) to 9007199254740991 (about 104 days)"));
    expect(run({ durationNs: 99_999 })).toThrow("durationNs 99999 is not");
    expect(run({ seed: 1.5 })).toThrow(new RangeError("seed 1.5 is not a whole number from 0 to 4294967295"));
    expect(run({ eventBudget: 0 })).toThrow(new RangeError("eventBudget 0 is not a whole number from 1 to 1,000,000,000,000"));
    expect(simulate("four-data-paths.sriov", { cwd: SAMPLES, durationNs: 100_000, seed: 0xffffffff }).ok).toBe(true);
  });

  it("rules and profile are checked as sriovc.json's are: a bad one throws, in the same words", () => {
    const run = (options: object) => () => compile("four-data-paths.sriov", { cwd: SAMPLES, ...options });
    expect(run({ profile: "nope" })).toThrow(new Error("unknown cost profile 'nope'; known profiles: apicv-no-posted, default, legacy-no-posted"));
    expect(() => check("four-data-paths.sriov", { cwd: SAMPLES, profile: "nope" })).toThrow("unknown cost profile 'nope'");
    expect(run({ rules: { "vf-count-exceed-max": "off" } })).toThrow(new Error("unknown rule 'vf-count-exceed-max'; did you mean vf-count-exceeds-max?"));
    expect(run({ rules: { syntax: "off" } })).toThrow(new Error("'syntax' is a structure rule: it is always an error and cannot be configured"));
    expect(run({ rules: { "vf-count-exceeds-max": "fatal" } })).toThrow(new Error('rule \'vf-count-exceeds-max\': "fatal" is not one of error, warning, info, off'));
    expect(compile("four-data-paths.sriov", { cwd: SAMPLES, profile: "legacy-no-posted", rules: { "vf-count-exceeds-max": "off" } }).ok).toBe(true);
    // The driver's own entry points check them too: a plain-JS caller got diagnostics of severity "fatal".
    const entry = path.join(SAMPLES, "mistakes.sriov");
    const fatal = { settings: { rules: { "unused-vf": "fatal" } } } as unknown as OpenOptions;
    expect(() => checkEntries([entry], fatal)).toThrow(new Error('rule \'unused-vf\': "fatal" is not one of error, warning, info, off'));
    expect(() => openWorkspace([entry], { settings: { profile: "nope" } })).toThrow(new Error("unknown cost profile 'nope'; known profiles: apicv-no-posted, default, legacy-no-posted"));
  });

  it("format: the canonical style", async () => {
    expect(await format("host   h1 {cores=4}\n")).toBe("host h1 {\n  cores = 4\n}\n");
    // docs/API.md: a syntax error rejects with `loc`; `filepath` is not in the message (it said "shown in errors").
    const rejection = (await format("host {\n", { filepath: "rack.sriov" }).then(
      () => undefined,
      (error: unknown) => error,
    )) as SyntaxError & { loc: unknown };
    expect([rejection.name, rejection.message, rejection.loc]).toEqual(["SyntaxError", "a `host` block needs a name\n> 1 | host {\n    | ^^^^\n  2 |", { start: { line: 1, column: 1 }, end: { line: 1, column: 5 } }]);
  });

  it("a file that cannot be read throws, naming it", () => {
    expect(() => check("nope.sriov", { cwd: SAMPLES })).toThrow("cannot read 'nope.sriov': no such file");
  });
});

describe("docs/API.md", () => {
  const page = readFileSync(path.join(REPO, "docs/API.md"), "utf8");
  const blocks = [...page.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
  it("has one example per function", () => {
    for (const name of ["check", "compile", "simulate", "format"]) expect(blocks.some((b) => b.includes(`import { ${name} } from "sriovc"`))).toBe(true);
  });
  // The editor example needs an editor; the others run against the built package as written.
  it.each(blocks.filter((b) => !b.includes("editorText")).map((b) => [b.split("\n")[0]!, b]))("`%s` runs", (_, code) => {
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: REPO, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
    // A `console.log(…); // OUTPUT` line promises what it prints: OUTPUT, or the string a JS literal OUTPUT holds.
    for (const [, claim] of code.matchAll(/^console\.log\(.*\); \/\/ (.+)$/gm)) {
      const printed = claim!.startsWith('"') ? (JSON.parse(claim!) as string) : `${claim}\n`;
      expect(run.stdout).toContain(printed);
    }
  });
});
