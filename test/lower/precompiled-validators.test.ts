/** The build precompiles every schema a run validates against: a built `simulate` compiles none with ajv. */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { expect, it } from "vitest";
import { REPO } from "../helpers/cli.js";

it("the built driver compiles and simulates a sample without compiling a JSON Schema", () => {
  const script = `
    const { Ajv2020 } = await import("ajv/dist/2020.js");
    let compiled = 0;
    const original = Ajv2020.prototype.compile;
    Ajv2020.prototype.compile = function (...args) { compiled++; return original.apply(this, args); };
    const { simulate } = await import(${JSON.stringify(path.join(REPO, "dist/index.js"))});
    const outcome = simulate(${JSON.stringify(path.join(REPO, "samples/four-data-paths.sriov"))}, { durationNs: 1_000_000 });
    console.log(JSON.stringify({ ok: outcome.ok, compiled }));
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: REPO, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(JSON.parse(run.stdout)).toEqual({ ok: true, compiled: 0 });
});
