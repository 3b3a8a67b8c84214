/** Fixes in the machine formats: JSON `fixes`, SARIF `fixes` (valid against the official schema). */
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/cli/version.js";
import { diagnostic } from "../../src/diagnostics/diagnostic.js";
import { applyEdits, chooseFixes } from "../../src/diagnostics/fixes.js";
import { renderJson } from "../../src/diagnostics/render/json.js";
import { buildSarif } from "../../src/diagnostics/render/sarif.js";
import { sarifContext } from "../../src/rules/sarif-rules.js";
import { LineIndex } from "../../src/syntax/span.js";
import { sarifSchemaErrors } from "../helpers/sarif-schema.js";

const text = "host h1 {\n  cores: 8\n  nic n { pf p { vmdq_pools = 65 } }\n}\n";
const lines = new LineIndex("net.sriov", text);
const at = (needle: string) => lines.span(text.indexOf(needle), text.indexOf(needle) + needle.length);

const colon = diagnostic("syntax", "error", at(":"), "expected '=' after `cores` but found ':'", {
  help: "replace `:` with `=`",
  fixes: [{ description: "replace `:` with `=`", safe: true, edits: [{ range: at(":"), text: " =" }] }],
});
const pools = diagnostic("vmdq-pools-exceeds-max", "error", at("65"), "too many pools", {
  fixes: [
    { description: "lower to 64", safe: true, edits: [{ range: at("65"), text: "64" }] },
    { description: "an overlapping suggestion", safe: false, edits: [{ range: at("65"), text: "0" }] },
  ],
});

describe("fixes in the output", () => {
  it("JSON: description, safe, and each edit's file, 1-based range and text", () => {
    const [first] = JSON.parse(renderJson([colon])) as { fixes: unknown }[];
    expect(first!.fixes).toEqual([
      { description: "replace `:` with `=`", safe: true, edits: [{ file: "net.sriov", range: { start: { line: 2, column: 8 }, end: { line: 2, column: 9 } }, text: " =" }] },
    ]);
  });

  it("SARIF: result.fixes with artifact changes, valid against the official 2.1.0 schema", () => {
    const log = buildSarif([colon, pools], sarifContext(VERSION));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0]!.results[0]).toMatchObject({
      fixes: [
        {
          description: { text: "replace `:` with `=`" },
          artifactChanges: [{ artifactLocation: { uri: "net.sriov" }, replacements: [{ deletedRegion: { startLine: 2, startColumn: 8, endLine: 2, endColumn: 9 }, insertedContent: { text: " =" } }] }],
        },
      ],
    });
  });

  it("the safe fixes apply together; a fix that overlaps one taken waits", () => {
    const chosen = chooseFixes([colon, pools]);
    expect(chosen.map((fix) => fix.description)).toEqual(["replace `:` with `=`", "lower to 64"]);
    expect(applyEdits(text, chosen.flatMap((fix) => fix.edits))).toBe("host h1 {\n  cores = 8\n  nic n { pf p { vmdq_pools = 64 } }\n}\n");
    expect(chooseFixes([pools, pools]).map((fix) => fix.description)).toEqual(["lower to 64"]);
    expect(chooseFixes([pools], () => true).map((fix) => fix.description)).toEqual(["lower to 64"]);
  });
});
