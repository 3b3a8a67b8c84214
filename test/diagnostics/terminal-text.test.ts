import { describe, expect, it } from "vitest";
import { escapeControls, terminalSafeJson, terminalSafeOutput } from "../../src/diagnostics/render/terminal-text.js";

describe("terminal text", () => {
  it("makes C0, DEL, C1, separators and bidi controls visible", () => {
    expect(escapeControls("a\u001b[2Jb\u0007\u007f\u009b\u2028\u202e\nc\td")).toBe("a\\x1b[2Jb\\x07\\x7f\\x9b\\u2028\\u202e\\x0ac\td");
  });

  it("keeps line breaks, tabs and — with colour — sriovc's own SGR sequences in whole outputs", () => {
    expect(terminalSafeOutput("\u001b[1mok\u001b[22m\n\t\u001b]0;x\u0007", true)).toBe("\u001b[1mok\u001b[22m\n\t\\x1b]0;x\\x07");
    expect(terminalSafeOutput("\u001b[1mok", false)).toBe("\\x1b[1mok");
  });

  it("JSON keeps its value: DEL and C1 become \\u escapes", () => {
    const json = JSON.stringify({ m: "a\u009bb\u007f" });
    expect(terminalSafeJson(json)).toBe('{"m":"a\\u009bb\\u007f"}');
    expect(JSON.parse(terminalSafeJson(json))).toEqual({ m: "a\u009bb\u007f" });
  });
});
