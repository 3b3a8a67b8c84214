import { spawnSync } from "node:child_process";
import { chmodSync, closeSync, openSync, readFileSync, symlinkSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, sriovc } from "../helpers/cli.js";
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

  it("shows a file whose name starts with `..` by its path from the working directory, as any other file inside it", () => {
    const dir = tempTree({ "..x.sriov": 'import "missing.sriov"\n' });
    const result = sriovc(["check", "--format", "json", "..x.sriov"], { cwd: dir });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { file: string }[]).map((d) => d.file)).toEqual(["..x.sriov"]);
  });

  it("exits 2 with one line for a missing file", () => {
    const result = sriovc(["check", "does-not-exist.sriov"]);
    expect(result).toEqual({ code: 2, stdout: "", stderr: "sriovc: cannot read 'does-not-exist.sriov': no such file or directory\n" });
  });

  it("says why a path cannot be read when it is not that it is missing: a name too long", () => {
    const long = `${"a".repeat(300)}.sriov`;
    expect(sriovc(["check", long])).toEqual({ code: 2, stdout: "", stderr: `sriovc: cannot read '${long}': the name is longer than the file system allows\n` });
  });

  it("exits 2 for an empty path, which named the working directory (check --fix '' fixed every file under it)", () => {
    expect(sriovc(["check", ""])).toEqual({ code: 2, stdout: "", stderr: "sriovc: cannot read '': the path is empty\n" });
    // Every command that reads files says so ('compile' said "it is a directory", 'simulate' "no such file").
    for (const args of [["compile", ""], ["simulate", ""], ["merge", ""], ["import", "k8s", ""], ["check", "a.sriov", ""]])
      expect(sriovc(args), args.join(" ")).toEqual({ code: 2, stdout: "", stderr: "sriovc: cannot read '': the path is empty\n" });
  });

  it("says where a dangling symbolic link points, in the same words as simulate, compile and fmt", () => {
    const root = tempTree({});
    symlinkSync("nowhere.sriov", path.join(root, "b.sriov"));
    const stderr = "sriovc: cannot read 'b.sriov': it is a symbolic link to 'nowhere.sriov', which does not exist\n";
    for (const command of ["check", "simulate", "compile", "fmt"]) {
      expect([command, sriovc([command, "b.sriov"], { cwd: root })]).toEqual([command, { code: 2, stdout: "", stderr }]);
    }
  });

  it("a directory whose .sriov files are symbolic links says they are not followed and how to check them", () => {
    const root = tempTree({ "real.sriov": "host h {\n  cores = 2\n}\n", "d/keep.txt": "" });
    symlinkSync("../real.sriov", path.join(root, "d/a.sriov"));
    symlinkSync("../real.sriov", path.join(root, "d/b.sriov"));
    expect(sriovc(["check", "d"], { cwd: root })).toEqual({
      code: 2,
      stdout: "",
      stderr: "sriovc: no .sriov files in 'd' (2 symbolic links named .sriov, 'd/a.sriov' and others, not followed: a link may lead out of the project; name them on the command line to check them)\n",
    });
    expect(sriovc(["check", "d/a.sriov"], { cwd: root })).toEqual({ code: 0, stdout: "0 errors, 0 warnings in 1 file\n", stderr: "" });
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

  it("standard input that is a directory (`check - < dir`) is a usage error; it read as empty and passed", () => {
    const directory = tempTree({ "a.sriov": "host h {\n" });
    const stdin = openSync(directory, "r");
    try {
      for (const command of [["check", "-"], ["fmt", "-"], ["compile", "-"], ["simulate", "-"]]) {
        const run = spawnSync(process.execPath, [BIN, ...command], { stdio: [stdin, "pipe", "pipe"], encoding: "utf8" });
        expect([run.status, run.stdout, run.stderr], command.join(" ")).toEqual([2, "", "sriovc: cannot read standard input: it is a directory\n"]);
      }
    } finally {
      closeSync(stdin);
    }
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

  it("no command, or help for one that does not exist: the usage on stderr and exit 2 (a usage error)", () => {
    const none = sriovc([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toMatch(/^Usage: sriovc \[options\] \[command\]\n/);
    expect(sriovc(["help", "frobnicate"])).toMatchObject({ code: 2, stdout: "", stderr: expect.stringMatching(/^Usage: sriovc /) });
    expect(sriovc(["help"])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: sriovc /), stderr: "" });
    expect(sriovc(["help", "check"])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: sriovc check /), stderr: "" });
  });

  it("colour: FORCE_COLOR asks for it when piped (a CI log), NO_COLOR and FORCE_COLOR=0 keep it off, --no-color wins", () => {
    const input = "host h {\n  cores = = 4\n}\n";
    const colored = (env: Record<string, string>, flags: string[] = []) => sriovc(["check", ...flags, "-"], { input, env }).stdout.includes("\u001b[");
    expect(colored({ NO_COLOR: "", FORCE_COLOR: "" })).toBe(false);
    expect(colored({ NO_COLOR: "", FORCE_COLOR: "1" })).toBe(true);
    expect(colored({ NO_COLOR: "", FORCE_COLOR: "3" })).toBe(true);
    expect(colored({ NO_COLOR: "", FORCE_COLOR: "0" })).toBe(false);
    expect(colored({ NO_COLOR: "", FORCE_COLOR: "false" })).toBe(false);
    expect(colored({ NO_COLOR: "1", FORCE_COLOR: "1" })).toBe(false);
    expect(colored({ NO_COLOR: "", FORCE_COLOR: "1" }, ["--no-color"])).toBe(false);
    expect(colored({ NO_COLOR: "1", FORCE_COLOR: "0" }, ["--color"])).toBe(true);
  });

  it("--quiet leaves errors only", () => {
    const result = sriovc(["check", "--quiet", "-"], { input: "host h { }\n" });
    expect(result).toMatchObject({ code: 0, stdout: "0 errors, 0 warnings in 1 file\n" });
  });

  it("--quiet hides warnings from the output but not from --max-warnings, which still fails the run on them", () => {
    const overlap = "host h1 {\n  cores = 8\n  vm a {\n    vcpus = 2\n    pin = [2, 3]\n  }\n  vm b {\n    vcpus = 2\n    pin = [3, 4]\n  }\n}\n";
    expect(sriovc(["check", "--quiet", "--max-warnings", "0", "-"], { input: overlap })).toEqual({
      code: 1,
      stdout: "0 errors, 1 warning in 1 file (--quiet left out 1 warning)\n",
      stderr: "sriovc: 1 warning exceeds --max-warnings 0 (--quiet leaves them out of the output; run without it to see them)\n",
    });
    expect(sriovc(["check", "--max-warnings", "0", "--format", "json", "-"], { input: overlap })).toMatchObject({ code: 1, stderr: "sriovc: 1 warning exceeds --max-warnings 0\n" });
    expect(sriovc(["check", "--quiet", "--max-warnings", "1", "-"], { input: overlap })).toMatchObject({ code: 0, stderr: "" });
  });
});

describe("sriovc check --fix", () => {
  it("writes only the files named on the command line, never one they import (docs/SECURITY.md)", () => {
    const root = tempTree({ "proj/.git/HEAD": "", "proj/sriovc.json": '{ "importRoots": ["../shared"] }', "proj/a.sriov": 'import "../shared/t.sriov"\nhost h1 {\n  cores: 4\n}\n', "shared/t.sriov": "template vm small {\n  vcpus: 2\n}\n" });
    const run = sriovc(["check", "--fix", "a.sriov"], { cwd: path.join(root, "proj") });
    expect([run.code, run.stderr]).toEqual([1, "sriovc: applied 1 fix in 1 file\n"]);
    expect(readFileSync(path.join(root, "proj/a.sriov"), "utf8")).toBe('import "../shared/t.sriov"\nhost h1 {\n  cores = 4\n}\n');
    expect(readFileSync(path.join(root, "shared/t.sriov"), "utf8")).toBe("template vm small {\n  vcpus: 2\n}\n");
  });

  it("applies the safe fixes in place, reports what is left, and leaves the unsafe ones as suggestions", () => {
    const text = [
      "host h1 {",
      "  cores: 40",
      "  numa_nodes = 2",
      "  nic old {",
      '    model = "intel-82599"',
      "    pf p0 {",
      "      vmdq_pools = 65",
      "      vfs = 2",
      "    }",
      "  }",
      "  vm web {",
      "    vcpus = 2",
      "    pin = 22..23",
      "    numa = 0",
      "    iface eth0 {",
      "      attach = vf(old.p0)",
      "      trust = true",
      "    }",
      "  }",
      "}",
      "",
    ].join("\n");
    const dir = tempTree({ "net.sriov": text });
    // One run: the syntax error first, then (the file parsing again) the safe model fixes; trust = true
    // stays, as its fix changes what the guest may do.
    const run = sriovc(["check", "--fix", "--format", "json", "net.sriov"], { cwd: dir });
    expect(run.stderr).toBe("sriovc: applied 3 fixes in 1 file\n");
    expect(run.code).toBe(0);
    const left = JSON.parse(run.stdout) as { rule: string; fixes?: { safe: boolean }[] }[];
    expect(left.map((d) => d.rule)).toEqual(["numa-mismatch", "vf-trust-enabled"]);
    expect(left[1]!.fixes).toEqual([expect.objectContaining({ safe: false, description: "turn trusted mode off: `trust = false`" })]);
    const fixed = readFileSync(path.join(dir, "net.sriov"), "utf8");
    expect(fixed).toBe(text.replace("cores: 40", "cores = 40").replace("vmdq_pools = 65", "vmdq_pools = 64").replace("numa = 0", "numa = 1"));
    // Nothing safe is left: a third run changes nothing.
    expect(sriovc(["check", "--fix", "net.sriov"], { cwd: dir }).stderr).toBe("");
    expect(readFileSync(path.join(dir, "net.sriov"), "utf8")).toBe(fixed);
  });

  it("keeps the byte-order mark of a file large enough to be resolved while it is parsed", () => {
    // Over 2 × 64 KiB: `check` resolves it part by part as it parses (the streamed path of the loader).
    const hosts = Array.from({ length: 1600 }, (_, i) => `host h${i} {\n  cores = 4\n  nic n {\n    model = "intel-x710"\n    pf p {\n      vfs = ${i === 0 ? 70 : 0}\n    }\n  }\n}\n`).join("");
    expect(hosts.length).toBeGreaterThan(2 * 65536);
    const dir = tempTree({ "big.sriov": `\ufeff${hosts}` });
    const run = sriovc(["check", "--fix", "--format", "json", "big.sriov"], { cwd: dir });
    expect(run.stderr).toBe("sriovc: applied 1 fix in 1 file\n");
    expect(readFileSync(path.join(dir, "big.sriov"), "utf8")).toBe(`\ufeff${hosts.replace("vfs = 70", "vfs = 32")}`);
  });

  it("removes the suppression comments that silence nothing", () => {
    const text = 'host h {\n  nic n {\n    model = "intel-x710"\n    pf p {\n      // sriovc-disable-next-line unused-vf -- spare\n      vfs = 0\n    }\n  }\n}\n';
    const dir = tempTree({ "s.sriov": text });
    const run = sriovc(["check", "--fix", "--format", "json", "s.sriov"], { cwd: dir });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "sriovc: applied 1 fix in 1 file\n" });
    expect((JSON.parse(run.stdout) as { rule: string }[]).map((d) => d.rule)).toEqual(["unused-declaration"]);
    expect(readFileSync(path.join(dir, "s.sriov"), "utf8")).toBe(text.replace("      // sriovc-disable-next-line unused-vf -- spare\n", ""));
  });

  it("names a read-only file it cannot fix as the user named it", () => {
    const dir = tempTree({ "ro.sriov": "host h {\n  cores: 8\n}\n" });
    chmodSync(path.join(dir, "ro.sriov"), 0o444);
    const run = sriovc(["check", "--fix", "ro.sriov"], { cwd: dir });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 2, stderr: "sriovc: cannot write 'ro.sriov': it is read-only\n" });
    expect(readFileSync(path.join(dir, "ro.sriov"), "utf8")).toBe("host h {\n  cores: 8\n}\n");
  });

  it("changes only the fixed ranges: a file's byte-order mark stays (as with sriovc fmt --write)", () => {
    const dir = tempTree({ "bom.sriov": "\ufeffhost h {\n  cores: 8\n}\n" });
    const run = sriovc(["check", "--fix", "bom.sriov"], { cwd: dir });
    expect(run).toEqual({ code: 0, stdout: "0 errors, 0 warnings in 1 file\n", stderr: "sriovc: applied 1 fix in 1 file\n" });
    expect(readFileSync(path.join(dir, "bom.sriov"), "utf8")).toBe("\ufeffhost h {\n  cores = 8\n}\n");
  });
});
