import { describe, expect, it } from "vitest";
import { errorLines, reportsOf, spanOf } from "./spans.js";

const HELP = "move the shared declarations into a file that both import";

describe("import-cycle", () => {
  it("reports a cycle once, on the import that closes it, listing the files", () => {
    const b = 'import "./c.sriov"\nhost b { }\n';
    const c = 'host c { }\nimport "./example.sriov"\n';
    const text = 'import "./b.sriov"\nhost a { }\n';
    expect(reportsOf("import-cycle", text, { files: { "b.sriov": b, "c.sriov": c } })).toEqual([
      {
        file: "c.sriov",
        ...spanOf(c, 'import "./example.sriov"'),
        message: "import cycle: example.sriov → b.sriov → c.sriov → example.sriov",
        help: HELP,
        related: [],
      },
    ]);
  });

  it("reports a file that imports itself", () => {
    const text = 'host a { }\nimport "./example.sriov"\n';
    expect(reportsOf("import-cycle", text).map((r) => [r.file, r.line, r.column, r.endColumn, r.message, r.help])).toEqual([
      ["example.sriov", 2, 1, 25, "import cycle: example.sriov → example.sriov", "a file cannot import itself: remove this import"],
    ]);
  });

  it("is quiet for a file imported along two paths (a diamond)", () => {
    const files = {
      "left.sriov": 'import "./common.sriov"\nhost l { }\n',
      "right.sriov": 'import "./common.sriov"\nhost r { }\n',
      "common.sriov": "template vm t { }\n",
    };
    const text = 'import "./left.sriov"\nimport "./right.sriov"\nhost h { }\n';
    expect(errorLines(text, { files })).toEqual([]);
  });
});
