/**
 * `compile --emit js`: the standalone program runs with Node alone (no node_modules anywhere above it),
 * prints byte for byte what `sriovc simulate` prints for the same seed, and treats source text as data.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { jsonForScript } from "../../src/lower/emit-js.js";
import { sriovc } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";
import { fixtureIr } from "../sim/ir-fixtures.js";

const HOSTILE = 'quote " backtick ` ${process.exit(7)} </script><script>alert(1)</script> \u2028 line\u2029sep & <b> \\ end';

function node(file: string, args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [file, ...args], { cwd, encoding: "utf8", env: { PATH: process.env["PATH"] ?? "" } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

let dir = "";

beforeAll(() => {
  const ir = fixtureIr({ path: "vmdq", ratePps: 300_000, size: { kind: "imix" }, durationNs: 10_000_000, warmupNs: 1_000_000, description: HOSTILE });
  const withDescriptions = { ...ir, ifaces: ir.ifaces.map((f) => ({ ...f, description: HOSTILE })) };
  dir = tempTree({ "topology.ir.json": JSON.stringify(withDescriptions, null, 2) });
  const compiled = sriovc(["compile", "topology.ir.json", "--emit", "js", "-o", "sim.mjs"], { cwd: dir });
  expect(compiled).toEqual({ code: 0, stdout: "", stderr: "" });
});

describe("jsonForScript", () => {
  it("escapes <, >, &, U+2028 and U+2029 and stays JSON", () => {
    const text = jsonForScript({ d: HOSTILE });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ d: HOSTILE });
  });
});

describe("the compiled program", () => {
  it("holds the source text only as escaped data", () => {
    const program = readFileSync(path.join(dir, "sim.mjs"), "utf8");
    expect(program).not.toContain("</script>");
    expect(program).not.toMatch(/[\u2028\u2029]/);
    expect(program).not.toContain("${process.exit(7)}` ");
    expect(existsSync(path.join(dir, "node_modules"))).toBe(false);
  });
  it("prints the same JSON as sriovc simulate for the same seed", () => {
    for (const seed of ["1", "42"]) {
      const standalone = node("sim.mjs", ["--seed", seed, "--json"], dir);
      const cli = sriovc(["simulate", "topology.ir.json", "--seed", seed, "--format", "json"], { cwd: dir });
      expect(standalone.code).toBe(0);
      expect(cli.code).toBe(0);
      expect(standalone.stdout).toBe(cli.stdout);
      expect(JSON.parse(standalone.stdout).interfaces[0].description).toBe(HOSTILE);
    }
  });
  it("prints the same table, and honours --duration", () => {
    const standalone = node("sim.mjs", ["--duration", "5ms"], dir);
    // The generated program prints every column; the CLI fits the terminal unless asked --wide.
    const cli = sriovc(["simulate", "topology.ir.json", "--duration", "5ms", "--wide"], { cwd: dir });
    expect(standalone.stdout).toBe(cli.stdout);
    expect(standalone.stdout).toMatch(/^seed 42, 5\.00 ms simulated, 500 µs warm-up\n/);
  });
  it("rejects bad arguments with exit 2 and a usage line", () => {
    expect(node("sim.mjs", ["--seed", "x"], dir)).toEqual({ code: 2, stdout: "", stderr: "error: --seed expects a whole number below 2^32, got 'x'\n" });
    const unknown = node("sim.mjs", ["--fast"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("error: unknown argument '--fast'\nusage: node PROGRAM.mjs [--seed N] [--duration D] [--event-budget N] [--json]\n");
  });
  it("takes --event-budget, as the message of a budget run out tells the user to raise it", () => {
    const stopped = node("sim.mjs", ["--event-budget", "100"], dir);
    const cli = sriovc(["simulate", "topology.ir.json", "--event-budget", "100"], { cwd: dir });
    expect(cli.stderr).toMatch(/^sriovc: simulation stopped: the event budget of 100 events ran out at .* raise the budget \(--event-budget\)\n$/);
    expect(stopped).toEqual({ code: 2, stdout: "", stderr: cli.stderr.replace(/^sriovc: /, "error: ") });
    const raised = node("sim.mjs", ["--event-budget=60000000", "--json"], dir);
    expect(raised.code).toBe(0);
    expect(raised.stdout).toBe(sriovc(["simulate", "topology.ir.json", "--event-budget", "60000000", "--format", "json"], { cwd: dir }).stdout);
    expect(node("sim.mjs", ["--event-budget", "0"], dir)).toEqual({ code: 2, stdout: "", stderr: "error: --event-budget expects a positive whole number, got '0'\n" });
  });
  it("a failed compile leaves no partial output", () => {
    writeFileSync(path.join(dir, "broken.ir.json"), "{");
    const result = sriovc(["compile", "broken.ir.json", "--emit", "js", "-o", "broken.mjs"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(existsSync(path.join(dir, "broken.mjs"))).toBe(false);
  });
});

describe("compiled from a .sriov source", () => {
  it("carries hostile descriptions as data and matches simulate byte for byte", () => {
    const source = `host h1 {
  description = "host \\"q\\" \`\${globalThis.x = 1}\` </script> \\u{2028} end"
  cores = 4
  nic n { model = "intel-x710"  pf p0 { vfs = 2  itr = 20us } }
  vm web {
    vcpus = 1
    pin = 2..2
    iface eth0 { attach = vf(n.p0)  description = "\\u{2029}\${process.exit(3)}</script><!--" }
  }
}
traffic t { to = h1.web.eth0  rate = 300Kpps  size = imix  pattern = poisson }
simulation { duration = 4ms  seed = 11 }
`;
    const src = tempTree({ "lab.sriov": source });
    expect(sriovc(["compile", "lab.sriov", "--emit", "js", "-o", "lab.mjs"], { cwd: src })).toEqual({ code: 0, stdout: "", stderr: "" });
    const standalone = node("lab.mjs", ["--json"], src);
    const cli = sriovc(["simulate", "lab.sriov", "--format", "json"], { cwd: src });
    expect(standalone.code).toBe(0);
    expect(standalone.stdout).toBe(cli.stdout);
    expect(JSON.parse(standalone.stdout).interfaces[0].description).toBe("\u2029${process.exit(3)}</script><!--");
    const ir = JSON.parse(sriovc(["compile", "lab.sriov"], { cwd: src }).stdout);
    expect(ir.hosts[0].description).toBe("host \"q\" `${globalThis.x = 1}` </script> \u2028 end");
  });
});
