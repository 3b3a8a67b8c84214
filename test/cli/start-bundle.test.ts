import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN } from "../helpers/cli.js";

/** The text of the bundled entry and of every chunk it imports statically (what every `sriovc` start parses). */
function startText(): string {
  const directory = path.dirname(BIN);
  const seen = new Set<string>();
  const pending = [path.basename(BIN)];
  let text = "";
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(path.join(directory, file), "utf8");
    text += source;
    // Static imports only (`from"./chunk-X.js"`, `import"./chunk-X.js"`); `import("./chunk-X.js")` loads on demand.
    for (const match of source.matchAll(/(?:from|import)\s*"\.\/(chunk-[A-Za-z0-9]+\.js)"/g)) pending.push(match[1]!);
  }
  return text;
}

// docs/PERFORMANCE.md, "CLI start": what only some commands or inputs need loads when they run.
describe("what every sriovc start loads (the bundle built by npm run build)", () => {
  it("has no YAML or XML parser, no ajv, no thread pool and no report renderer", () => {
    const text = startText();
    expect(text).toContain("performSelfAnalysis"); // the walk reached the shared chunks (the parser is in one)
    expect({
      yaml: text.includes("YAMLParseError"),
      xmldom: text.includes("DOMParser"),
      ajv: text.includes("MissingRefError"),
      tinypool: text.includes('"tinypool"'),
      reportHtml: text.includes("renderHtml"),
    }).toEqual({ yaml: false, xmldom: false, ajv: false, tinypool: false, reportHtml: false });
  });
});
