import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./helpers/cli.js";
import { buildProgram } from "../src/cli/main.js";
import { USAGE as STANDALONE_USAGE } from "../src/report/standalone.js";

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

// The Commands table is the CLI's reference: each command's row names every option its --help lists, in
// the help's order (`-o OUT` for `--output`), and no option the command does not have.
describe("the README's Commands table", () => {
  const rows = new Map<string, string>();
  for (const line of readme.split("\n")) {
    const match = /^\| `sriovc ([a-z]+)[^`]*` \| (.*) \|$/.exec(line);
    if (match !== null) rows.set(match[1]!, `${line.split(" | ")[0]} ${match[2]!}`);
  }
  const program = buildProgram();

  it("has a row for every command, in the order of `sriovc --help`", () => {
    expect([...rows.keys()]).toEqual(program.commands.map((command) => command.name()));
  });

  it.each(program.commands.map((command) => [command.name(), command] as const))("`%s` lists its options in --help's order", (name, command) => {
    // Options are the code spans that start with one (and the command's own cell, `sriovc lsp [--stdio]`);
    // `node OUT.mjs [--seed N]` or `simulate --shard I/N` name another program's or command's.
    const spans = [...(rows.get(name) ?? "").matchAll(/`([^`]*)`/g)].map((match) => match[1]!).filter((span, index) => index === 0 || span.startsWith("-"));
    const named = spans.flatMap((span) => [...span.matchAll(/(?<![\w-])(--[a-z][\w-]*|-o)(?![\w-])/g)].map((match) => (match[1] === "-o" ? "--output" : match[1]!)));
    const options = command.options.map((option) => option.long!);
    expect([...new Set(named)]).toEqual(options);
  });
});

it("the README's usage of the program `compile --emit js` writes is the program's own", () => {
  const written = /`node OUT\.mjs ([^`]*)`/.exec(readme)?.[1];
  expect(`usage: node PROGRAM.mjs ${written}\n`).toBe(STANDALONE_USAGE);
});
