import { describe, expect, it } from "vitest";
import { sriovc } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

describe("sriovc check: exit codes and streams", () => {
  it("exits 1 with located syntax errors and a summary", () => {
    const dir = tempTree({ "bad.sriov": "host h {\n  cores = = 4\n}\n" });
    const result = sriovc(["check", "bad.sriov"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        "bad.sriov:2:11: error[syntax]: expected a value but found '='",
        "    1 | host h {",
        "  > 2 |   cores = = 4",
        "      |           ^",
        "  help: give `cores` a value: a number, a quantity such as `10Gbps`, a string, a name, a range",
        "        `0..3` or a list `[…]`",
        "",
        "1 error, 0 warnings in 1 file",
        "",
      ].join("\n"),
    );
    expect(result.stderr).toBe("");
  });

  it("exits 2 with one line for a missing file", () => {
    const result = sriovc(["check", "does-not-exist.sriov"]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: "sriovc: cannot read 'does-not-exist.sriov': no such file or directory\n" });
  });

  it("exits 2 with one line for an unknown flag, no stack trace", () => {
    const result = sriovc(["check", "--frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: unknown option '--frobnicate'\n");
  });

  it("exits 2 for an unknown format, naming the choices", () => {
    const result = sriovc(["check", "--format", "xml", "samples"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: option '--format <format>' argument 'xml' is invalid. Allowed choices are pretty, json/);
  });

  it("reads standard input with -", () => {
    const result = sriovc(["check", "--format", "json", "-"], { input: "host h {\n" });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        file: "<stdin>",
        rule: "syntax",
        severity: "error",
        message: "expected '}' to close `host h` but found the end of the file",
        range: { start: { line: 1, column: 9 }, end: { line: 1, column: 9 } },
        related: [{ file: "<stdin>", message: "`host h` opened here", range: { start: { line: 1, column: 8 }, end: { line: 1, column: 9 } } }],
        help: "add `}` after the last member of `host h`",
      },
    ]);
  });

  it("searches directories recursively for .sriov files", () => {
    const dir = tempTree({ "a/one.sriov": "host h {", "a/b/two.sriov": "vm {", "a/notes.txt": "{{{" });
    const result = sriovc(["check", "--format", "json", "a"], { cwd: dir });
    expect([...new Set((JSON.parse(result.stdout) as { file: string }[]).map((d) => d.file))]).toEqual(["a/b/two.sriov", "a/one.sriov"]);
  });

  it("prints --version and --help with exit 0", () => {
    expect(sriovc(["--version"])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    const help = sriovc(["check", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--max-warnings <n>");
  });

  it("--quiet leaves errors only", () => {
    const result = sriovc(["check", "--quiet", "-"], { input: "host h { }\n" });
    expect(result).toMatchObject({ code: 0, stdout: "0 errors, 0 warnings in 1 file\n" });
  });
});
