import { readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadWorkspace } from "../src/semantics/loader.js";

const SAMPLES = path.resolve(import.meta.dirname, "../samples");

function sampleFiles(directory = SAMPLES): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const full = path.join(directory, name);
      return statSync(full).isDirectory() ? sampleFiles(full) : name.endsWith(".sriov") ? [full] : [];
    });
}

describe("samples", () => {
  it("there are at least five, covering the required topologies", () => {
    const names = sampleFiles().map((f) => path.relative(SAMPLES, f));
    expect(names).toEqual(expect.arrayContaining(["bare-metal.sriov", "four-data-paths.sriov", "nfv-numa.sriov", "imports/rack.sriov", "mistakes.sriov"]));
  });

  it.each(sampleFiles().map((f) => [path.relative(SAMPLES, f), f]))("%s parses and loads without syntax, import or placement errors", (_, file) => {
    const { workspace, entryErrors } = loadWorkspace([file], { cwd: SAMPLES });
    expect(entryErrors).toEqual([]);
    for (const program of workspace.programs) expect(program.diagnostics).toEqual([]);
  });
});
