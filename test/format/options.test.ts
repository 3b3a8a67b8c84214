/** Prettier options the printer honours (printWidth, tabWidth, useTabs, endOfLine) and input it normalises (CRLF, BOM). */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { formatSource, resolveFormatOptions } from "../../src/format/format.js";
import plugin from "../../src/format/plugin.js";

const SOURCE = "host h1 { vswitch br0 { features = [security_groups, mirroring] } }\n";

describe("formatter options", () => {
  it("indents by tabWidth spaces", async () => {
    expect(await formatSource(SOURCE, { tabWidth: 4 })).toBe("host h1 {\n    vswitch br0 {\n        features = [security_groups, mirroring]\n    }\n}\n");
  });

  it("indents with tabs under useTabs", async () => {
    expect(await formatSource(SOURCE, { useTabs: true })).toBe("host h1 {\n\tvswitch br0 {\n\t\tfeatures = [security_groups, mirroring]\n\t}\n}\n");
  });

  it("breaks a list exactly when it passes printWidth", async () => {
    // `    features = [security_groups, mirroring]` is 43 columns.
    expect(await formatSource(SOURCE, { printWidth: 43 })).toContain("    features = [security_groups, mirroring]\n");
    expect(await formatSource(SOURCE, { printWidth: 42 })).toContain("    features = [\n      security_groups,\n      mirroring,\n    ]\n");
  });

  it("reads CRLF input and writes the endOfLine asked for", async () => {
    const crlf = "host a {\r\n  x=1 // why\r\n\r\n  y=2\r\n}\r\n";
    expect(await formatSource(crlf)).toBe("host a {\n  x = 1 // why\n\n  y = 2\n}\n");
    expect(await formatSource(crlf, { endOfLine: "crlf" })).toBe("host a {\r\n  x = 1 // why\r\n\r\n  y = 2\r\n}\r\n");
  });

  it("changes nothing under prettier's rangeStart/rangeEnd (as docs/FORMATTING.md says: selections are the language server's)", async () => {
    const messy = "host a {\ncores=4\n}\nhost b {\ncores=2\n}\n";
    expect(await prettier.format(messy, { parser: "sriov", plugins: [plugin], rangeStart: 9, rangeEnd: 17 })).toBe(messy);
    expect(await prettier.format(messy, { parser: "sriov", plugins: [plugin] })).toBe("host a {\n  cores = 4\n}\n\nhost b {\n  cores = 2\n}\n");
  });

  it("keeps a byte-order mark and formats what follows it", async () => {
    expect(await formatSource("\uFEFFhost a {x=1}")).toBe("\uFEFFhost a {\n  x = 1\n}\n");
  });

  it("rejects a .prettierrc width outside prettier's range, which the printer cannot indent by", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sriovc-format-options-"));
    const file = path.join(dir, "t.sriov");
    writeFileSync(path.join(dir, ".prettierrc"), JSON.stringify({ tabWidth: -3 }));
    await expect(resolveFormatOptions(file, { fresh: true })).rejects.toThrow("`tabWidth` must be a whole number, 0 or more: found -3");
    writeFileSync(path.join(dir, ".prettierrc"), JSON.stringify({ printWidth: 2.5 }));
    await expect(resolveFormatOptions(file, { fresh: true })).rejects.toThrow("`printWidth` must be a whole number, 0 or more: found 2.5");
    writeFileSync(path.join(dir, ".prettierrc"), JSON.stringify({ tabWidth: 0, printWidth: 100 }));
    expect(await resolveFormatOptions(file, { fresh: true })).toEqual({ filepath: file, tabWidth: 0, printWidth: 100 });
  });

  it("rejects such a width given as an option (the API's format), a RangeError naming it, not prettier's 'Invalid count value'", async () => {
    await expect(formatSource("host h1 {\ncores = 4\n}\n", { tabWidth: -1 })).rejects.toThrow(new RangeError("`tabWidth` must be a whole number, 0 or more: found -1"));
    await expect(formatSource("host h1 {\ncores = 4\n}\n", { printWidth: -5 })).rejects.toThrow(new RangeError("`printWidth` must be a whole number, 0 or more: found -5"));
  });

  it("rejects a syntax error with its location", async () => {
    await expect(formatSource("host a {\n  x = \n}\n")).rejects.toMatchObject({
      message: expect.stringContaining("expected a value but found '}'"),
      loc: { start: { line: 3, column: 1 } },
    });
  });
});
