/**
 * `sriovc fmt` against the real prettier CLI with the built plugin (npm test builds dist/ first), and the
 * command's modes: stdout, --check, --write (atomic), standard input, syntax errors, `.prettierrc`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REPO, sriovc } from "../helpers/cli.js";

const PRETTIER = path.join(REPO, "node_modules/.bin/prettier");
const PLUGIN = path.join(REPO, "dist/format/plugin.js");
const GOLDEN = path.join(import.meta.dirname, "golden");

function prettier(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(PRETTIER, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const UNFORMATTED = readFileSync(path.join(GOLDEN, "comments-leading-trailing.input.sriov"), "utf8");
const FORMATTED = readFileSync(path.join(GOLDEN, "comments-leading-trailing.output.sriov"), "utf8");

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), "sriovc-fmt-"));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe("sriovc fmt gives prettier's output byte for byte", () => {
  it("on the samples and the golden inputs, through the package's `sriovc/prettier` export", () => {
    const files = [
      ...readdirSync(path.join(REPO, "samples"))
        .filter((name) => name.endsWith(".sriov"))
        .map((name) => `samples/${name}`),
      ...readdirSync(GOLDEN)
        .filter((name) => name.endsWith(".input.sriov"))
        .map((name) => `test/format/golden/${name}`),
    ];
    expect(files.length).toBeGreaterThan(10);
    // One run each over all files (both print them in the order given; sriovc heads each with its name,
    // prettier prints them back to back): without the names, the same bytes.
    const ours = sriovc(["fmt", ...files]);
    const theirs = prettier(["--plugin", "sriovc/prettier", ...files], REPO);
    expect(theirs.stderr).toBe("");
    expect(ours.code).toBe(0);
    let rest = ours.stdout;
    for (const [i, file] of files.entries()) {
      const header = `${i === 0 ? "" : "\n"}==> ${file} <==\n`;
      expect(rest.indexOf(header), file).toBeGreaterThanOrEqual(0);
      rest = rest.replace(header, "");
    }
    expect(rest).toBe(theirs.stdout);
    expect(ours.stdout).toContain(FORMATTED);
  });

  it("with a .prettierrc (tabWidth 4, printWidth 40) both honour", () => {
    writeFileSync(path.join(directory, ".prettierrc"), JSON.stringify({ tabWidth: 4, printWidth: 40 }));
    writeFileSync(path.join(directory, "lists.sriov"), readFileSync(path.join(GOLDEN, "lists.input.sriov")));
    const ours = sriovc(["fmt", "lists.sriov"], { cwd: directory });
    const theirs = prettier(["--plugin", PLUGIN, "lists.sriov"], directory);
    expect(theirs.code).toBe(0);
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.stdout).toContain("\n    vswitch br0 {\n        uplinks = [x710.pf0]\n");
    expect(ours.stdout).toContain("        features = [\n            security_groups,\n            mirroring,\n        ]\n");
  });
});

describe("sriovc fmt modes", () => {
  it("prints to standard output by default and leaves the file alone", () => {
    const file = path.join(directory, "a.sriov");
    writeFileSync(file, UNFORMATTED);
    const result = sriovc(["fmt", file]);
    expect(result).toEqual({ code: 0, stdout: FORMATTED, stderr: "" });
    expect(readFileSync(file, "utf8")).toBe(UNFORMATTED);
  });

  it("several files: each headed by its name, a blank line between, as head(1) does; one file alone is its text only", () => {
    writeFileSync(path.join(directory, "a.sriov"), "host a {\n}\n");
    writeFileSync(path.join(directory, "b.sriov"), "host   b { cores = 4 }\n");
    const both = sriovc(["fmt", "a.sriov", "b.sriov"], { cwd: directory });
    expect(both).toEqual({ code: 0, stdout: "==> a.sriov <==\nhost a {}\n\n==> b.sriov <==\nhost b {\n  cores = 4\n}\n", stderr: "" });
    // A directory's files are several files too, in the order check reads them.
    expect(sriovc(["fmt", "."], { cwd: directory }).stdout).toBe(both.stdout);
    expect(sriovc(["fmt", "b.sriov"], { cwd: directory }).stdout).toBe("host b {\n  cores = 4\n}\n");
    // A broken file among them is reported on standard error and prints no name; the others still do.
    writeFileSync(path.join(directory, "c.sriov"), "host c {\n  cores = \n}\n");
    const broken = sriovc(["fmt", "c.sriov", "a.sriov"], { cwd: directory });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe("==> a.sriov <==\nhost a {}\n");
    expect(broken.stderr).toContain("c.sriov:3:1: error[syntax]");
  });

  it("--check lists the files that would change and exits 1; 0 when all are formatted", () => {
    writeFileSync(path.join(directory, "messy.sriov"), UNFORMATTED);
    writeFileSync(path.join(directory, "tidy.sriov"), FORMATTED);
    expect(sriovc(["fmt", "--check", "."], { cwd: directory })).toEqual({ code: 1, stdout: "messy.sriov\n", stderr: "" });
    expect(sriovc(["fmt", "--check", "tidy.sriov"], { cwd: directory })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("--write rewrites in place, leaving no temporary file", () => {
    writeFileSync(path.join(directory, "messy.sriov"), UNFORMATTED);
    const result = sriovc(["fmt", "--write", "."], { cwd: directory });
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(path.join(directory, "messy.sriov"), "utf8")).toBe(FORMATTED);
    expect(readdirSync(directory)).toEqual(["messy.sriov"]);
  });

  it("--write '' (an empty shell variable) is refused: it rewrote every .sriov file under the working directory", () => {
    writeFileSync(path.join(directory, "messy.sriov"), UNFORMATTED);
    expect(sriovc(["fmt", "--write", ""], { cwd: directory })).toEqual({ code: 2, stdout: "", stderr: "sriovc: cannot read '': the path is empty\n" });
    expect(readFileSync(path.join(directory, "messy.sriov"), "utf8")).toBe(UNFORMATTED);
  });

  it("- reads standard input and writes standard output (also with --write)", () => {
    expect(sriovc(["fmt", "-"], { input: UNFORMATTED })).toEqual({ code: 0, stdout: FORMATTED, stderr: "" });
    expect(sriovc(["fmt", "--write", "-"], { input: UNFORMATTED })).toEqual({ code: 0, stdout: FORMATTED, stderr: "" });
  });

  it("leaves a file with a syntax error untouched and reports the error with its location; formats the others", () => {
    const broken = "host h1 {\n  cores = \n}\n";
    writeFileSync(path.join(directory, "broken.sriov"), broken);
    writeFileSync(path.join(directory, "messy.sriov"), UNFORMATTED);
    const result = sriovc(["fmt", "--write", "."], { cwd: directory });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("broken.sriov:3:1: error[syntax]: expected a value but found '}'");
    expect(result.stderr).toContain("> 3 | }");
    expect(readFileSync(path.join(directory, "broken.sriov"), "utf8")).toBe(broken);
    expect(readFileSync(path.join(directory, "messy.sriov"), "utf8")).toBe(FORMATTED);
  });

  it("prettier itself refuses the broken file with the location", () => {
    writeFileSync(path.join(directory, "broken.sriov"), "host h1 {\n  cores = \n}\n");
    const result = prettier(["--plugin", PLUGIN, "broken.sriov"], directory);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("broken.sriov: SyntaxError: expected a value but found '}'");
    expect(result.stderr).toContain("> 3 | }");
  });

  it("a broken .prettierrc is a usage error, not a crash", () => {
    writeFileSync(path.join(directory, ".prettierrc"), "{ not json");
    writeFileSync(path.join(directory, "a.sriov"), FORMATTED);
    const result = sriovc(["fmt", "a.sriov"], { cwd: directory });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sriovc: invalid prettier configuration for 'a\.sriov': /);
  });

  it("--check with --write is a usage error", () => {
    writeFileSync(path.join(directory, "a.sriov"), FORMATTED);
    const result = sriovc(["fmt", "--check", "--write", "a.sriov"], { cwd: directory });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("sriovc: use either --check or --write, not both\n");
  });
});
