import { truncateSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadWorkspace } from "../../src/semantics/loader.js";
import { MAX_FILE_BYTES } from "../../src/syntax/limits.js";
import { tempTree } from "../helpers/tmp.js";
import { errorLines, report, reportsOf, spanOf } from "./spans.js";

const RELATIVE = "import paths are relative to the importing file";

describe("import-not-found", () => {
  it("reports a missing file at the import's path, with the path it looked for", () => {
    const text = 'host h { }\nimport "./nope.sriov"\nimport "lib/missing.sriov"\n';
    expect(reportsOf("import-not-found", text)).toEqual([
      {
        file: "example.sriov",
        ...spanOf(text, '"./nope.sriov"'),
        message: "cannot import './nope.sriov': no such file (nope.sriov)",
        help: RELATIVE,
        related: [],
      },
      {
        file: "example.sriov",
        ...spanOf(text, '"lib/missing.sriov"'),
        message: "cannot import 'lib/missing.sriov': no such file (lib/missing.sriov)",
        help: RELATIVE,
        related: [],
      },
    ]);
  });

  it("resolves an import relative to the file that holds it, and reports it there", () => {
    const lib = 'import "./other.sriov"\nimport "../common.sriov"\n';
    const text = 'import "./lib/one.sriov"\nhost h { }\n';
    expect(reportsOf("import-not-found", text, { files: { "lib/one.sriov": lib, "common.sriov": "template vm t { }\n" } })).toEqual([
      {
        file: "lib/one.sriov",
        ...spanOf(lib, '"./other.sriov"'),
        message: "cannot import './other.sriov': no such file (lib/other.sriov)",
        help: RELATIVE,
        related: [],
      },
    ]);
  });

  it("reports a directory", () => {
    const text = 'import "./lib"\nhost h { }\n';
    expect(reportsOf("import-not-found", text, { files: { "lib/one.sriov": "host a { }\n" } }).map((r) => [r.line, r.column, r.message, r.help])).toEqual([
      [1, 8, "cannot import './lib': it is a directory (lib)", "import one `.sriov` file; a directory is not imported whole"],
    ]);
  });

  it("refuses a file over the size limit, in bytes when MiB would round to the limit", () => {
    const root = tempTree({ "main.sriov": 'import "./big.sriov"\nimport "./huge.sriov"\nhost h { }\n', "big.sriov": "", "huge.sriov": "" });
    // Sparse files: the loader refuses on the size alone, before reading.
    truncateSync(path.join(root, "big.sriov"), MAX_FILE_BYTES + 1);
    truncateSync(path.join(root, "huge.sriov"), 70 * 1024 * 1024);
    const { workspace } = loadWorkspace([path.join(root, "main.sriov")], { cwd: root });
    expect(workspace.programs[0]!.diagnostics.map(report)).toEqual([
      {
        file: "main.sriov",
        line: 1,
        column: 8,
        endLine: 1,
        endColumn: 21,
        message: "cannot import './big.sriov': big.sriov is 67,108,865 bytes, over the 64.0 MiB limit",
        help: "split the topology into smaller files that import each other",
        related: [],
      },
      {
        file: "main.sriov",
        line: 2,
        column: 8,
        endLine: 2,
        endColumn: 22,
        message: "cannot import './huge.sriov': huge.sriov is 70.0 MiB, over the 64.0 MiB limit",
        help: "split the topology into smaller files that import each other",
        related: [],
      },
    ]);
    expect(workspace.programs[0]!.diagnostics.map((d) => d.rule)).toEqual(["import-not-found", "import-not-found"]);
  });

  it("is quiet when every import is found", () => {
    const text = 'import "./lib/one.sriov"\nhost h { }\n';
    const files = { "lib/one.sriov": 'import "../common.sriov"\nhost a { }\n', "common.sriov": "template vm t { }\n" };
    expect(errorLines(text, { files })).toEqual([]);
  });
});
