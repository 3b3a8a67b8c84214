import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadWorkspace, STDIN_PATH } from "../../src/semantics/loader.js";
import { tempTree } from "../helpers/tmp.js";

function load(files: Record<string, string>, entries: string[]) {
  const root = tempTree(files);
  return loadWorkspace(
    entries.map((e) => path.join(root, e)),
    { cwd: root },
  );
}

describe("loader", () => {
  it("follows imports relative to the importing file, depth first, each file once", () => {
    const { workspace, entryErrors } = load(
      {
        "main.sriov": 'import "./lib/a.sriov"\nimport "./lib/b.sriov"\nhost main { }\n',
        "lib/a.sriov": 'import "./common.sriov"\nhost a { }\n',
        "lib/b.sriov": 'import "./common.sriov"\nhost b { }\n',
        "lib/common.sriov": "template vm small { }\n",
      },
      ["main.sriov"],
    );
    expect(entryErrors).toEqual([]);
    expect(workspace.programs).toHaveLength(1);
    expect(workspace.programs[0]!.files.map((f) => f.file)).toEqual(["lib/common.sriov", "lib/a.sriov", "lib/b.sriov", "main.sriov"]);
    expect(workspace.programs[0]!.diagnostics).toEqual([]);
  });

  it("treats an input imported by another input as part of that program, not a root of its own", () => {
    const { workspace } = load({ "a.sriov": 'import "./b.sriov"\nhost a { }\n', "b.sriov": "host b { }\n" }, ["a.sriov", "b.sriov"]);
    expect(workspace.programs.map((p) => p.root)).toEqual(["a.sriov"]);
  });

  it("checks unrelated inputs as separate programs", () => {
    const { workspace } = load({ "a.sriov": "host h1 { }\n", "b.sriov": "host h1 { }\n" }, ["a.sriov", "b.sriov"]);
    expect(workspace.programs.map((p) => p.files.map((f) => f.file))).toEqual([["a.sriov"], ["b.sriov"]]);
  });

  it("returns unreadable entries as entry errors, not diagnostics", () => {
    const { workspace, entryErrors } = load({}, ["missing.sriov"]);
    expect(workspace.programs).toEqual([]);
    expect(entryErrors).toEqual([{ path: "missing.sriov", reason: "no such file" }]);
  });

  it("an import of a path with a NUL character says so (it said ERR_INVALID_ARG_VALUE)", () => {
    const { workspace } = load({ "a.sriov": 'import "\\u{0}x.sriov"\nhost h { }\n' }, ["a.sriov"]);
    expect(workspace.programs[0]!.diagnostics.map((d) => [d.rule, d.span.line, d.span.column, d.message, d.help])).toEqual([
      ["import-not-found", 1, 8, "cannot import '\u0000x.sriov': a file name cannot hold a NUL character (U+0000) (\u0000x.sriov)", "remove the NUL character from the path"],
    ]);
  });

  it("reads standard input as <stdin>, with imports relative to the working directory", () => {
    const root = tempTree({ "lib.sriov": "template vm t { }\n" });
    const { workspace } = loadWorkspace([STDIN_PATH], { cwd: root, stdin: '\uFEFFimport "./lib.sriov"\nhost h { }\n' });
    expect(workspace.programs[0]!.files.map((f) => f.file)).toEqual(["lib.sriov", "<stdin>"]);
    expect(workspace.programs[0]!.diagnostics).toEqual([]);
  });

  it("marks a program with syntax errors and skips placement checks on the broken file", () => {
    const { workspace } = load({ "a.sriov": "pf p { \n" }, ["a.sriov"]);
    const program = workspace.programs[0]!;
    expect(program.hasSyntaxErrors).toBe(true);
    expect(program.diagnostics.map((d) => d.rule)).toEqual(["syntax"]);
  });
});
