/** The files whose imports follow a rename: how many, and how much of them, is read. */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { workspaceSources } from "../../src/lsp/file-renames.js";
import { workspace } from "./harness.js";

describe("workspaceSources", () => {
  it("reads at most so many bytes of the folders' files in all, passing over a file larger than what is left", () => {
    const root = workspace({});
    mkdirSync(path.join(root, "sub"));
    // 100, 300 and 100 bytes; the open file's text is the editor's, read from no disk.
    const files = { "a.sriov": `${"/".repeat(99)}\n`, "b.sriov": `${"/".repeat(299)}\n`, "sub/c.sriov": `${"/".repeat(99)}\n`, "open.sriov": "x\n" };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text);
    const open = new Map([[path.join(root, "open.sriov"), 'import "a.sriov"\n']]);
    const read = (bytes: number) => [...workspaceSources([root], open, { files: 10, bytes })].map((f) => path.relative(root, f.absolutePath)).sort();
    expect(read(1000)).toEqual(["a.sriov", "b.sriov", "open.sriov", path.join("sub", "c.sriov")]);
    // a.sriov and c.sriov fit in 250 bytes; b.sriov, 300 bytes, is not read.
    expect(read(250)).toEqual(["a.sriov", "open.sriov", path.join("sub", "c.sriov")]);
    expect(read(150)).toHaveLength(2);
    expect(read(0)).toEqual(["open.sriov"]);
  });
});
