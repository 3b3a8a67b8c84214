// `-o PATH` of compile, simulate, merge and import: `-` is standard output, by the usual convention (and as
// `-` is standard input for the input); an empty path is refused as empty, not as "a directory".
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, sriovc } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

const sample = path.join(REPO, "samples/nfv-dpdk.sriov");

describe("-o", () => {
  it("-o - writes to standard output and creates no file named -", () => {
    const cwd = tempTree({});
    const shard = path.join(cwd, "part.json");
    expect(sriovc(["simulate", sample, "--shard", "1/1", "-o", shard]).code).toBe(0);
    const cases: [string[], string[]][] = [
      [["compile", sample, "-o", "-"], ["compile", sample]],
      [["simulate", sample, "--format", "json", "-o", "-"], ["simulate", sample, "--format", "json"]],
      [["simulate", sample, "--shard", "1/1", "-o", "-"], ["simulate", sample, "--shard", "1/1"]],
      [["merge", shard, "--format", "markdown", "-o", "-"], ["merge", shard, "--format", "markdown"]],
    ];
    for (const [args, plain] of cases) {
      const run = sriovc(args, { cwd });
      expect(run.stderr, args.join(" ")).toBe("");
      expect(run.code, args.join(" ")).toBe(0);
      expect(run.stdout, args.join(" ")).toBe(sriovc(plain, { cwd }).stdout);
      expect(existsSync(path.join(cwd, "-")), args.join(" ")).toBe(false);
    }
    // A file named - is still reachable as ./-.
    expect(sriovc(["compile", sample, "-o", "./-"], { cwd }).code).toBe(0);
    expect(readFileSync(path.join(cwd, "-"), "utf8")).toBe(sriovc(["compile", sample], { cwd }).stdout);
  });

  it("-o '' says the path is empty", () => {
    for (const command of [["compile", sample], ["simulate", sample], ["simulate", sample, "--shard", "1/1"]]) {
      const run = sriovc([...command, "-o", ""]);
      expect(run.stderr, command.join(" ")).toBe("sriovc: cannot write '': the path is empty\n");
      expect(run.code, command.join(" ")).toBe(2);
    }
  });

  it("-o NAME longer than the file system allows says so in words, not only ENAMETOOLONG", () => {
    const cwd = tempTree({});
    const long = `${"a".repeat(300)}.json`;
    const run = sriovc(["compile", sample, "-o", long], { cwd });
    expect(run.stderr).toBe(`sriovc: cannot write '${long}': the name is longer than the file system allows (ENAMETOOLONG)\n`);
    expect(run.code).toBe(2);
  });
});
