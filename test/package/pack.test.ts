/**
 * The package as another project gets it: `npm pack`, installed from the tarball into a fresh project
 * (offline: the lockfile pins the dependencies npm ci already cached), then `import { check, compile,
 * simulate, format } from "sriovc"` from JavaScript, and the same from TypeScript against the shipped
 * type declarations.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/** A lockfile for a project that depends on the tarball only: sriovc's own runtime dependencies, as our lockfile pins them. */
function consumerLock(tarball: string): object {
  const lock = JSON.parse(readFileSync(path.join(REPO, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean }> };
  const manifest = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string>; engines: object };
  const runtime = Object.fromEntries(Object.entries(lock.packages).filter(([key, entry]) => key !== "" && entry.dev !== true));
  return {
    name: "consumer",
    version: "1.0.0",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: "consumer", version: "1.0.0", dependencies: { sriovc: `file:${tarball}` } },
      "node_modules/sriovc": { version: manifest.version, resolved: `file:${tarball}`, dependencies: manifest.dependencies, engines: manifest.engines, bin: { sriovc: "dist/cli/bin.js" } },
      ...runtime,
    },
  };
}

const USE = `
const sample = process.argv[2];
const checked = check(sample);
const compiled = compile(sample);
const simulated = simulate(sample, { durationNs: 1_000_000, seed: 3 });
const formatted = await format("host   h1 {cores=4}\\n");
console.log(JSON.stringify({
  check: [checked.ok, checked.errorCount],
  compile: compiled.ok ? compiled.ir.hosts.map((h) => h.id) : compiled.diagnostics,
  simulate: simulated.ok ? [simulated.report.seed, simulated.report.interfaces.length > 0] : simulated.message,
  format: formatted,
}));
`;

describe("npm pack, install the tarball, import it", () => {
  it("works from JavaScript and type-checks from TypeScript", () => {
    const dir = tempTree({});
    const tarball = execFileSync(NPM, ["pack", "--silent", "--pack-destination", dir], { cwd: REPO, encoding: "utf8" }).trim().split("\n").pop()!;
    const consumer = path.join(dir, "consumer");
    mkdirSync(consumer);
    writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module", dependencies: { sriovc: `file:../${tarball}` } }));
    writeFileSync(path.join(consumer, "package-lock.json"), JSON.stringify(consumerLock(`../${tarball}`)));
    const install = spawnSync(NPM, ["ci", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: consumer, encoding: "utf8" });
    expect(install.status, install.stderr).toBe(0);

    writeFileSync(path.join(consumer, "use.mjs"), `import { check, compile, simulate, format } from "sriovc";\n${USE}`);
    const sample = path.join(REPO, "samples/four-data-paths.sriov");
    const run = spawnSync(process.execPath, ["use.mjs", sample], { cwd: consumer, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ check: [true, 0], compile: ["kvm1"], simulate: [3, true], format: "host h1 {\n  cores = 4\n}\n" });

    // The declarations: a typed consumer compiles, and a wrong use does not. Without @types/node (types: [],
    // none installed) and with the declarations themselves checked (no skipLibCheck): a consumer that does not
    // target Node, or does not have its types, needs nothing more than the package.
    writeFileSync(path.join(consumer, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, noEmit: true, skipLibCheck: false, types: [] } }));
    writeFileSync(
      path.join(consumer, "use.ts"),
      `import { check, compile, simulate, format, type Diagnostic, type Ir, type SimReport } from "sriovc";
declare const process: { argv: string[] };
const diagnostics: readonly Diagnostic[] = check("a.sriov").diagnostics;
const compiled = compile("a.sriov");
const ir: Ir | undefined = compiled.ok ? compiled.ir : undefined;
const simulated = simulate("a.sriov", { whatIfs: ["h1.web.eth0=vf"], seed: 1 });
const report: SimReport | undefined = simulated.ok ? simulated.report : undefined;
export const all = [diagnostics, ir, report, format("host h1 {}\\n"), process.argv];
`,
    );
    const tsc = path.join(REPO, "node_modules/typescript/bin/tsc");
    const typed = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: consumer, encoding: "utf8" });
    expect(typed.stdout + typed.stderr).toBe("");
    writeFileSync(path.join(consumer, "use.ts"), `import { compile } from "sriovc";\nexport const wrong: number = compile("a.sriov");\n`);
    const wrong = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: consumer, encoding: "utf8" });
    expect(wrong.stdout).toMatch(/use\.ts\(2,14\): error TS2322/);
  }, 60_000);
});
