import { describe, expect, it } from "vitest";
import { errorLines, reportsOf, spanOf } from "./spans.js";

const FILE = "example.sriov";

describe("unknown-template", () => {
  it("suggests the closest template of the same kind", () => {
    const text = "template vm small_vm { vcpus = 2 }\nhost h1 {\n  vm web : smal_vm { }\n}\n";
    expect(reportsOf("unknown-template", text)).toEqual([
      { file: FILE, ...spanOf(text, "smal_vm"), message: "unknown template `smal_vm`", help: "did you mean `small_vm`?", related: [] },
    ]);
  });

  it("says when no template of the kind is declared", () => {
    const text = "host h1 {\n  vm web : base { }\n}\n";
    expect(reportsOf("unknown-template", text)).toEqual([
      { file: FILE, ...spanOf(text, "base"), message: "unknown template `base`", help: "no `vm` template is declared", related: [] },
    ]);
  });

  it("lists the declared templates of the kind when none is close", () => {
    const text = "template vm small { }\ntemplate vm large { }\nhost h1 {\n  vm web : zzzzzz { }\n}\n";
    expect(reportsOf("unknown-template", text)).toEqual([
      { file: FILE, ...spanOf(text, "zzzzzz"), message: "unknown template `zzzzzz`", help: "declared `vm` templates: `small` and `large`", related: [] },
    ]);
  });

  it("refuses a template of another kind, pointing at it", () => {
    const text = "template nic small { }\nhost h1 {\n  vm web : small { }\n}\n";
    expect(reportsOf("unknown-template", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "small", 1),
        message: "`small` is a `nic` template, but this block is a `vm`",
        help: "declare a `template vm ...` to start from",
        related: [{ file: FILE, ...spanOf(text, "small", 0), message: "template declared here" }],
      },
    ]);
  });

  it("suggests a template of the right kind when the named one is of another kind", () => {
    const text = "template nic small { }\ntemplate vm smalll { }\nhost h1 {\n  vm web : small { }\n}\n";
    expect(reportsOf("unknown-template", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "small {", 1, 5),
        message: "`small` is a `nic` template, but this block is a `vm`",
        help: "did you mean `smalll`?",
        related: [{ file: FILE, ...spanOf(text, "small", 0), message: "template declared here" }],
      },
    ]);
  });

  it("finds templates declared in an imported file", () => {
    const text = 'import "./lib.sriov"\nhost h1 {\n  vm web : small { }\n}\n';
    expect(errorLines(text, { files: { "lib.sriov": "template vm small { vcpus = 1 }\n" } })).toEqual([]);
  });
});
