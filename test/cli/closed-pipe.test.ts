import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

describe("a reader that stops early (`sriovc check | head -1`)", () => {
  it("ends the run quietly with the exit code of what was found, no EPIPE stack trace", () => {
    // 3,000 diagnostics: far more output than a pipe buffer holds.
    const text = `host h {\n${Array.from({ length: 3000 }, (_, i) => `  bogus${i} = 1\n`).join("")}}\n`;
    const file = path.join(tempTree({ "many.sriov": text }), "many.sriov");
    const shell = `"${process.execPath}" "${BIN}" check "${file}" | head -n 1; echo "status=\${PIPESTATUS[0]}" >&2`;
    const result = spawnSync("bash", ["-c", shell], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", COLUMNS: "200" } }); // wide enough that the first diagnostic is one line
    expect(result.stdout).toBe(`${file}:2:3: error[unknown-attribute]: \`bogus0\` is not an attribute of a \`host\`\n`);
    expect(result.stderr).toBe("status=1\n");
  });

  it("standard output on a full disk (/dev/full) is a usage error naming the reason, exit 2, no stack trace (it crashed with exit 1, 'the input has errors')", () => {
    const file = path.join(tempTree({ "a.sriov": "host h { }\n" }), "a.sriov");
    for (const args of [`check "${file}" --format json`, `compile "${file}"`, `fmt "${file}"`]) {
      const shell = `"${process.execPath}" "${BIN}" ${args} > /dev/full; echo "status=$?" >&2`;
      const result = spawnSync("bash", ["-c", shell], { encoding: "utf8" });
      expect(result.stderr, args).toBe("sriovc: cannot write standard output: no space left on device (ENOSPC)\nstatus=2\n");
    }
  });
});
