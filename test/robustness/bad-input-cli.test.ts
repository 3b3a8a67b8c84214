// Issue 2's hostile inputs end to end through the built CLI (the exact spans are unit-tested in
// test/syntax/bad-input.test.ts): each ends with exit 1 and located, capped `syntax` diagnostics — never a
// crash, a stack trace or a hang.
import { rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { looksLikeCrash, randomBytes, rangeProblems, rng, type JsonDiagnostic } from "../../bench/fuzz-inputs.mjs";
import { MAX_NESTING, MAX_SYNTAX_ERRORS_PER_FILE } from "../../src/syntax/limits.js";
import { tempTree } from "../helpers/tmp.js";
import { runCli } from "./run-cli.js";

/** Checks `text` as bad.sriov; asserts the common properties and returns the JSON diagnostics. */
function checkBad(text: string | Buffer): JsonDiagnostic[] {
  const dir = tempTree({});
  const file = path.join(dir, "bad.sriov");
  writeFileSync(file, text);
  const run = runCli(["check", "bad.sriov", "--format", "json"], { cwd: dir });
  rmSync(dir, { recursive: true, force: true });
  expect(run.signal).toBeNull();
  expect(run.code).toBe(1);
  expect(looksLikeCrash(run.stdout + run.stderr)).toBe(false);
  const diagnostics = JSON.parse(run.stdout) as JsonDiagnostic[];
  expect(diagnostics.length).toBeGreaterThan(0);
  expect(diagnostics.length).toBeLessThanOrEqual(MAX_SYNTAX_ERRORS_PER_FILE + 1);
  for (const d of diagnostics) {
    expect(d.file).toBe("bad.sriov");
    expect(d.rule).toBe("syntax");
    expect(d.severity).toBe("error");
  }
  const decoded = typeof text === "string" ? text : text.toString("utf8");
  expect(rangeProblems(decoded, diagnostics)).toEqual([]);
  return diagnostics;
}

const capped = /^…and (at least )?\d+ more syntax errors? in this file/;

describe("hostile input through sriovc check", () => {
  it("binary junk: 100 located errors and one '…and N more'", () => {
    const diagnostics = checkBad(Buffer.from(randomBytes(rng(2024), 100_000), "utf8"));
    expect(diagnostics).toHaveLength(MAX_SYNTAX_ERRORS_PER_FILE + 1);
    expect(diagnostics.at(-1)!.message).toMatch(capped);
    expect(diagnostics.slice(0, -1).every((d) => !capped.test(d.message))).toBe(true);
  });

  it("200k unmatched '{': one nesting error at the first brace too deep", () => {
    const diagnostics = checkBad(`host h {\n${"{".repeat(200_000)}`);
    expect(diagnostics.map((d) => [d.message, d.range.start.line, d.range.start.column])).toEqual([
      [`blocks and lists are nested more than ${MAX_NESTING} levels deep`, 2, MAX_NESTING],
    ]);
  });

  it("20k-deep nested lists: one nesting error, no stack overflow", () => {
    const diagnostics = checkBad(`host h {\n  x = ${"[".repeat(20_000)}${"]".repeat(20_000)}\n}\n`);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toBe(`blocks and lists are nested more than ${MAX_NESTING} levels deep`);
    expect(diagnostics[0]!.range.start.line).toBe(2);
  });

  it("an unterminated string is reported where it starts", () => {
    const diagnostics = checkBad('host h {\n  description = "abc\n  cores = 4\n}\n');
    expect(diagnostics[0]).toMatchObject({ message: "unterminated string", range: { start: { line: 2, column: 17 } } });
  });

  it("a 10 MB file of broken lines: capped errors, parsing stops early", () => {
    const line = "host h1 { cores = = 4 }\n";
    const diagnostics = checkBad(line.repeat(Math.ceil(10e6 / line.length)));
    expect(diagnostics).toHaveLength(MAX_SYNTAX_ERRORS_PER_FILE + 1);
    expect(diagnostics[0]).toMatchObject({ range: { start: { line: 1, column: 19 } } });
    expect(diagnostics.at(-1)!.message).toMatch(capped);
  });
});
