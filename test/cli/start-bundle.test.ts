import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, REPO } from "../helpers/cli.js";

const BUNDLE = path.join(path.dirname(BIN), "sriovc.cjs");
const CACHE = path.join(path.dirname(BIN), "sriovc.cache");

/** Runs an ES module snippet in a fresh `node` with no V8 flags of the test runner's (they would change what V8 accepts). */
function nodeSnippet(code: string, args: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const { NODE_OPTIONS: _dropped, ...env } = process.env;
  return spawnSync(process.execPath, [...args, "--input-type=module", "-e", code], { cwd: REPO, encoding: "utf8", env });
}

// docs/PERFORMANCE.md, "CLI start" and "The cold front end (session 10)": the launcher runs the bundle from
// V8's code cache built with it (scripts/code-cache.mjs), and a command loads what it needs when it runs.
describe("what every sriovc start loads (the bundle built by npm run build)", () => {
  it("runs the bundle from a code cache that V8 accepts", () => {
    // The launcher's wrapper around the bundle: the cache is for that exact script.
    const wrapper = /new Script\("(\(function \([^"]*\) \{)" \+ readFileSync\(file, "utf8"\) \+ "\\n\}\)"/.exec(readFileSync(BIN, "utf8"));
    expect(wrapper).not.toBeNull();
    const probe = nodeSnippet(
      `import { readFileSync } from "node:fs"; import { Script } from "node:vm";
       const script = new Script(${JSON.stringify(wrapper![1])} + readFileSync(${JSON.stringify(BUNDLE)}, "utf8") + "\\n})", { filename: ${JSON.stringify(BUNDLE)}, cachedData: readFileSync(${JSON.stringify(CACHE)}) });
       process.stdout.write(String(script.cachedDataRejected));`,
    );
    expect(probe.stderr).toBe("");
    expect(probe.stdout).toBe("false");
  });

  it("has no thread pool and no formatter in a check", () => {
    // Every package `require`d from the bundle (node's own modules aside), written out at exit.
    const hook = path.join(REPO, "test/fixtures/cli/record-requires.cjs");
    const run = spawnSync(process.execPath, ["--require", hook, BIN, "check", "samples/bare-metal.sriov"], { cwd: REPO, encoding: "utf8" });
    expect(run.status).toBe(0);
    const loaded = /^required: (.*)$/m.exec(run.stderr)?.[1]?.split(" ") ?? [];
    expect(loaded).toContain("node:fs"); // the hook saw the bundle's requires
    expect(loaded.filter((request) => /tinypool|prettier/.test(request))).toEqual([]);
  });

  it("runs where V8 rejects the cache (other V8 flags), with the same output", () => {
    const plain = spawnSync(process.execPath, [BIN, "check", "--format", "json", "samples/nfv-numa.sriov"], { cwd: REPO, encoding: "utf8" });
    const flagged = spawnSync(process.execPath, ["--no-opt", BIN, "check", "--format", "json", "samples/nfv-numa.sriov"], { cwd: REPO, encoding: "utf8" });
    expect(flagged.status).toBe(plain.status);
    expect(flagged.stderr).toBe(plain.stderr);
    expect(flagged.stdout).toBe(plain.stdout);
  });
});
