import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./helpers/cli.js";

// The README opens with the two commands a newcomer runs; keep them true.
const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
const firstBlock = /^```sh\n([\s\S]*?)\n```/m.exec(readme)?.[1] ?? "";
const [setup = "", tests = ""] = firstBlock.split("\n");

describe("the README's first two commands", () => {
  it("are exactly two: install, build and run a sample; then the test suite", () => {
    expect(firstBlock.split("\n")).toHaveLength(2);
    expect(setup.startsWith("npm ci && npm run build && ")).toBe(true);
    expect(tests).toBe("npm test");
    expect(readme.indexOf(firstBlock)).toBeLessThan(readme.indexOf("\n## "));
  });

  // npm ci and the build ran before the suite (npm test builds first); the rest is run here as written.
  const runs = setup.split(" && ").slice(2);
  it.each(runs.map((command) => [command]))("`%s` succeeds and prints a result", (command) => {
    expect(command).toMatch(/^node dist\/cli\/bin\.js (check|simulate) samples\/[\w-]+\.sriov$/);
    const result = spawnSync("bash", ["-c", command], { cwd: REPO, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(0);
  });

  it("npm test is the script that builds and prints the N passed, N failed line", () => {
    const scripts = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")).scripts as Record<string, string>;
    expect(scripts["test"]).toBe("npm run build && node scripts/test.mjs");
  });
});
