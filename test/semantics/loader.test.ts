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

function brief(diagnostics: readonly { rule: string; span: { file: string; line: number; column: number }; message: string }[]) {
  return diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.column} ${d.rule}: ${d.message}`);
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

  it("reports import-not-found at the import's path", () => {
    const { workspace } = load({ "main.sriov": 'host h { }\nimport "./nope.sriov"\n' }, ["main.sriov"]);
    expect(brief(workspace.programs[0]!.diagnostics)).toEqual(["main.sriov:2:8 import-not-found: cannot import './nope.sriov': no such file (nope.sriov)"]);
    expect(workspace.programs[0]!.diagnostics[0]!.help).toBe("import paths are relative to the importing file");
  });

  it("reports an import cycle once, listing it", () => {
    const { workspace } = load(
      {
        "a.sriov": 'import "./b.sriov"\nhost a { }\n',
        "b.sriov": 'import "./c.sriov"\n',
        "c.sriov": 'import "./a.sriov"\n',
      },
      ["a.sriov"],
    );
    expect(brief(workspace.programs[0]!.diagnostics)).toEqual(["c.sriov:1:1 import-cycle: import cycle: a.sriov → b.sriov → c.sriov → a.sriov"]);
  });

  it("reports a file that imports itself", () => {
    const { workspace } = load({ "a.sriov": 'import "./a.sriov"\n' }, ["a.sriov"]);
    expect(brief(workspace.programs[0]!.diagnostics)).toEqual(["a.sriov:1:1 import-cycle: import cycle: a.sriov → a.sriov"]);
  });

  it("returns unreadable entries as entry errors, not diagnostics", () => {
    const { workspace, entryErrors } = load({}, ["missing.sriov"]);
    expect(workspace.programs).toEqual([]);
    expect(entryErrors).toEqual([{ path: "missing.sriov", reason: "no such file" }]);
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

describe("misplaced-block", () => {
  it("says where each misplaced block may go", () => {
    const { workspace } = load(
      {
        "a.sriov": [
          "pf p0 { }",
          "host h {",
          "  pf p1 { }",
          "  traffic t { }",
          "  vm v { nic n { } cost { } }",
          "}",
          "simulation { vm x { } }",
          "template vm t { pf p2 { } }",
          "cost { }",
        ].join("\n"),
      },
      ["a.sriov"],
    );
    const diagnostics = workspace.programs[0]!.diagnostics;
    expect(diagnostics.map((d) => `${d.span.line}:${d.span.column}-${d.span.endColumn} ${d.message} | ${d.help}`)).toEqual([
      "1:1-6 a `pf` block cannot stand at the top level | move it inside a `nic`",
      "3:3-8 a `pf` block cannot stand inside a `host` | move it inside a `nic`",
      "4:3-12 a `traffic` block cannot stand inside a `host` | move it at the top level",
      "5:10-15 a `nic` block cannot stand inside a `vm` | move it inside a `host`",
      "5:20-24 a `cost` block cannot stand inside a `vm` | move it inside a `simulation`",
      "7:14-18 a `vm` block cannot stand inside a `simulation` | move it inside a `host`",
      "8:17-22 a `pf` block cannot stand inside a `vm` | move it inside a `nic`",
      "9:1-5 a `cost` block cannot stand at the top level | move it inside a `simulation`",
    ]);
    expect(new Set(diagnostics.map((d) => d.rule))).toEqual(new Set(["misplaced-block"]));
  });
});
