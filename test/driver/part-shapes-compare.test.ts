/**
 * The per-kind comparison and hash functions (src/driver/part-shapes-compare.ts) are written ahead from
 * the table `MODEL_FIELDS` (src/driver/part-shapes.ts) by scripts/part-shapes-compare.mjs: the file must
 * be what the table makes, and a check must run where code generation from strings is disallowed (the
 * functions were made with `new Function` until they were written ahead).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { generateTopology } from "../../bench/generate.mjs";
import { compareSource } from "../../scripts/part-shapes-compare.mjs";
import { MODEL_FIELDS } from "../../src/driver/part-shapes.js";
import { BIN, REPO } from "../helpers/cli.js";

describe("part-shapes-compare", () => {
  it("is what MODEL_FIELDS makes (run `npm run build && node scripts/part-shapes-compare.mjs` after changing the table)", () => {
    const written = readFileSync(path.join(REPO, "src/driver/part-shapes-compare.ts"), "utf8");
    expect(written).toBe(compareSource(MODEL_FIELDS));
  });

  it("compares every compared field of every kind, and no unread one", () => {
    const text = compareSource(MODEL_FIELDS);
    for (const [kind, fields] of Object.entries(MODEL_FIELDS)) {
      const body = text.slice(text.indexOf(`    ${kind}: {`), text.indexOf("\n    },", text.indexOf(`    ${kind}: {`)));
      for (const [field, rule] of Object.entries(fields)) {
        const same = body.slice(0, body.indexOf("hash("));
        expect(same.includes(`a["${field}"]`), `${kind}.${field}`).toBe(rule !== "unread");
      }
    }
  });

  it("lets a check compare parts by shape with code generation from strings disallowed", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sriovc-no-codegen-"));
    const file = path.join(dir, "fleet.sriov");
    // Several hosts of one shape: the parts are compared, through the per-kind functions.
    writeFileSync(file, generateTopology({ lines: 3000 }).source);
    const run = (flags: string[]) => spawnSync(process.execPath, [...flags, BIN, "check", file, "--format", "json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const plain = run([]);
    const strict = run(["--disallow-code-generation-from-strings"]);
    expect(strict.stderr).toBe("");
    expect(strict.status).toBe(plain.status);
    expect(strict.stdout).toBe(plain.stdout);
  });
});
