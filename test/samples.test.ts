import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { expandInputs } from "../src/cli/inputs.js";
import { checkEntries } from "../src/driver/workspace.js";
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

/** `// expect: rule-a, rule-b` on a line: exactly those rules are reported on that line (by where their span starts). */
function expectedByLine(file: string): string[] {
  const out: string[] = [];
  readFileSync(file, "utf8")
    .split(/\r?\n/)
    .forEach((text, index) => {
      const match = /\/\/ expect: ([a-z-]+(?:, *[a-z-]+)*)\s*$/.exec(text);
      if (match?.[1] !== undefined) for (const rule of match[1].split(/, */)) out.push(`${path.relative(SAMPLES, file)}:${index + 1} ${rule}`);
    });
  return out;
}

describe("samples produce exactly the diagnostics their `expect:` comments name", () => {
  // Checked together, as `sriovc check samples` does: a file imported by another (templates) is part of that program.
  const result = checkEntries(expandInputs([SAMPLES]), { cwd: SAMPLES });
  // One entry per finding, as `--format json` lists them: a grouped diagnostic counts at each of its locations.
  const reported = result.diagnostics.flatMap((d) =>
    (d.locations ?? [d]).map((l) => `${path.relative(SAMPLES, path.resolve(SAMPLES, l.span.file))}:${l.span.line} ${d.rule}`),
  );

  it.each(sampleFiles().map((f) => [path.relative(SAMPLES, f), f]))("%s", (name, file) => {
    const mine = reported.filter((r) => r.startsWith(`${name}:`)).sort();
    expect(mine).toEqual(expectedByLine(file).sort());
  });

  it("the intentional mistakes file trips at least fifteen different rules", () => {
    const rules = new Set(reported.filter((r) => r.startsWith("mistakes.sriov:")).map((r) => r.split(" ")[1]));
    expect(rules.size).toBeGreaterThanOrEqual(15);
  });
});
