import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { progressReporter } from "../../src/cli/progress.js";
import { BIN, REPO } from "../helpers/cli.js";

function fakeStream(isTTY: boolean): { isTTY: boolean; text: string; write(t: string): boolean } {
  return {
    isTTY,
    text: "",
    write(t: string) {
      this.text += t;
      return true;
    },
  };
}

describe("the simulation progress bar", () => {
  it("stays silent for the first second, then redraws one line and clears it at the end", () => {
    let clock = 0;
    const stream = fakeStream(true);
    const progress = progressReporter(stream, () => clock);
    clock = 999;
    progress.onProgress(0.3);
    expect(stream.text).toBe("");
    clock = 1000;
    progress.onProgress(0.5);
    progress.onProgress(1);
    progress.done();
    expect(stream.text).toBe(`\rsimulating [${"#".repeat(15)}${" ".repeat(15)}] 50%\rsimulating [${"#".repeat(30)}] 100%\r\u001b[2K`);
  });

  it("prints nothing when standard error is not a terminal, however long the run", () => {
    let clock = 0;
    const stream = fakeStream(false);
    const progress = progressReporter(stream, () => clock);
    clock = 60_000;
    progress.onProgress(0.5);
    progress.done();
    expect(stream.text).toBe("");
  });

  it("a quick run prints no bar and nothing to clear", () => {
    const stream = fakeStream(true);
    const progress = progressReporter(stream, () => 0);
    progress.onProgress(0.9);
    progress.done();
    expect(stream.text).toBe("");
  });

  const hasScript = spawnSync("script", ["--version"]).status === 0;
  it.skipIf(!hasScript)("`sriovc simulate` on a terminal draws it when the run takes over a second (util-linux `script` gives it a TTY)", () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "sriovc-progress-")), "report.json");
    const command = `"${process.execPath}" "${BIN}" simulate samples/four-data-paths.sriov --duration 5s --format json -o "${out}"`;
    const started = Date.now();
    const result = spawnSync("script", ["-qec", command, "/dev/null"], { cwd: REPO, encoding: "utf8" });
    const elapsed = Date.now() - started;
    expect(result.status).toBe(0);
    // The bar's promise is about wall time: it must show on a run that took over a second (with margin
    // for start-up), and never on the report's stream (the report went to the file).
    if (elapsed > 2000) expect(result.stdout).toMatch(/^\rsimulating \[#* *\] \d+%/);
    expect(result.stdout.endsWith("\r\u001b[2K") || result.stdout === "").toBe(true);
  }, 60_000);
});
