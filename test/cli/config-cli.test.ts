import { describe, expect, it } from "vitest";
import { sriovc } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

const topology = `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 4 }
  }
  iface mgmt { attach = pf(x710.pf0) }
}
`;

describe("sriovc check with sriovc.json", () => {
  it("applies the severities of the nearest sriovc.json", () => {
    const root = tempTree({ "sriovc.json": '{ "rules": { "unused-vf": "error" } }', "net/a.sriov": topology });
    const result = sriovc(["check", "--format", "json", "a.sriov"], { cwd: `${root}/net` });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).map((d: { rule: string; severity: string }) => `${d.rule}:${d.severity}`)).toEqual(["unused-vf:error"]);
  });

  it("finds each file's sriovc.json from the file's directory, not the working directory (as prettier does)", () => {
    const root = tempTree({
      "infra/sriovc.json": '{ "rules": { "unused-vf": "error" } }',
      "infra/a.sriov": topology,
      "lab/sriovc.json": '{ "rules": { "unused-vf": "off" } }',
      "lab/b.sriov": topology,
      "plain/c.sriov": topology,
    });
    const infra = sriovc(["check", "--format", "json", "infra/"], { cwd: root });
    expect(infra.code).toBe(1);
    expect(JSON.parse(infra.stdout).map((d: { file: string; rule: string; severity: string }) => `${d.file} ${d.rule}:${d.severity}`)).toEqual(["infra/a.sriov unused-vf:error"]);
    const all = sriovc(["check", "--format", "json", "."], { cwd: root });
    expect(JSON.parse(all.stdout).map((d: { file: string; rule: string; severity: string }) => `${d.file} ${d.rule}:${d.severity}`)).toEqual([
      "infra/a.sriov unused-vf:error",
      "plain/c.sriov unused-vf:info",
    ]);
    const simulate = sriovc(["compile", "infra/a.sriov"], { cwd: root });
    expect(simulate.code).toBe(1);
    expect(simulate.stdout).toContain("error[unused-vf]");
  });

  it("takes --config over the nearest file, and turns rules off", () => {
    const root = tempTree({ "sriovc.json": '{ "rules": { "unused-vf": "error" } }', "quiet.json": '{ "rules": { "unused-vf": "off" } }', "a.sriov": topology });
    const result = sriovc(["check", "--format", "json", "--config", "quiet.json", "a.sriov"], { cwd: root });
    expect(result).toMatchObject({ code: 0, stdout: "[]\n" });
  });

  it("exits 2 on an invalid config, naming the file, the pointer and what was expected", () => {
    const root = tempTree({ "sriovc.json": '{ "rules": { "numa-mismatch": "fatal" } }', "a.sriov": topology });
    const result = sriovc(["check", "a.sriov"], { cwd: root });
    expect(result).toMatchObject({ code: 2, stdout: "", stderr: "sriovc: sriovc.json:1:31: /rules/numa-mismatch: must be one of error, warning, info, off\n" });
  });

  it("exits 2 on an unknown rule id with the closest ids, and on a missing --config", () => {
    const root = tempTree({ "sriovc.json": '{ "rules": { "unused-vfs": "off" } }', "a.sriov": topology });
    expect(sriovc(["check", "a.sriov"], { cwd: root })).toMatchObject({
      code: 2,
      stderr: "sriovc: sriovc.json:1:28: /rules/unused-vfs: unknown rule 'unused-vfs'; did you mean unused-vf?\n",
    });
    expect(sriovc(["check", "--config", "none.json", "a.sriov"], { cwd: root })).toMatchObject({
      code: 2,
      stderr: "sriovc: cannot read config 'none.json': no such file\n",
    });
  });
});

describe("sriovc explain", () => {
  it("prints the page, or exits 2 with the closest ids", () => {
    const page = sriovc(["explain", "sriov-bypasses-vswitch"]);
    expect(page.code).toBe(0);
    expect(page.stdout).toMatch(/^# `sriov-bypasses-vswitch`\n/);
    const unknown = sriovc(["explain", "sriov-bypass-vswitch"]);
    expect(unknown).toMatchObject({ code: 2, stdout: "" });
    expect(unknown.stderr).toMatch(/^sriovc: unknown rule 'sriov-bypass-vswitch'; did you mean sriov-bypasses-vswitch\?\nThe rules:\n/);
  });
});

describe("--config ''", () => {
  it("says the path is empty, as -o '' does (it named the working directory: 'cannot read config '/w': it is a directory')", () => {
    const root = tempTree({ "a.sriov": topology });
    for (const command of ["check", "compile", "simulate"]) {
      expect(sriovc([command, "a.sriov", "--config", ""], { cwd: root }), command).toEqual({ code: 2, stdout: "", stderr: "sriovc: cannot read config '': the path is empty\n" });
    }
  });
});

describe("JSON inputs that are not JSON: the error quotes no text of the file (docs/SECURITY.md)", () => {
  // Node quotes up to ten characters around the error, with `...` where it cut: `"PATH=/usr/"... is not
  // valid JSON`, or `..."b": xyz}" is not valid JSON` from the middle of a file.
  const secret = "PATH=/usr/local/secret/bin:/usr/bin\nTOKEN=abcdef\n";
  const middle = '{"aaaaaaaaaaaaaaaaaaaa": 1, "b": xyz, "cccccccccccccccccccccccc": 2}\n';

  it("sriovc.json, --config, an IR file and a partial report: the token only, at its line and column, exit as before", () => {
    const root = tempTree({ "sriovc.json": secret, "a.sriov": topology, "env.json": secret, "mid.json": middle });
    expect(sriovc(["check", "a.sriov"], { cwd: root })).toEqual({ code: 2, stdout: "", stderr: "sriovc: sriovc.json:1:1: not valid JSON: Unexpected token 'P'\n" });
    expect(sriovc(["check", "--config", "mid.json", "a.sriov"], { cwd: root })).toEqual({ code: 2, stdout: "", stderr: "sriovc: mid.json:1:34: not valid JSON: Unexpected token 'x'\n" });
    expect(sriovc(["simulate", "env.json"], { cwd: root })).toEqual({ code: 1, stdout: "env.json:1:1: not valid JSON: Unexpected token 'P'\n", stderr: "" });
    expect(sriovc(["merge", "mid.json"], { cwd: root })).toEqual({ code: 2, stdout: "", stderr: "sriovc: mid.json:1:34: not valid JSON: Unexpected token 'x'\n" });
  });
});
