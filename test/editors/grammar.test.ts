/**
 * The TextMate grammar (grammar/sriov.tmLanguage.json, packed into the VS Code extension) tokenizes every
 * sample as recorded in test/editors/golden/*.scopes.txt. The snapshots were reviewed by hand; regenerate
 * them only on purpose with `UPDATE_GOLDEN=1 npx vitest run test/editors/grammar.test.ts` and review the diff.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { expectGolden } from "../helpers/golden.js";
import { scopeSnapshot } from "./grammar.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SAMPLES = [
  ...readdirSync(path.join(ROOT, "samples")).filter((f) => f.endsWith(".sriov")),
  ...readdirSync(path.join(ROOT, "samples/imports")).filter((f) => f.endsWith(".sriov")).map((f) => `imports/${f}`),
];

describe("the TextMate grammar", () => {
  it.each(SAMPLES)("tokenizes samples/%s as its snapshot", async (sample) => {
    const text = readFileSync(path.join(ROOT, "samples", sample), "utf8");
    expectGolden(await scopeSnapshot(text), path.join(import.meta.dirname, "golden", `${sample.replace("/", "-")}.scopes.txt`));
  });

  it("gives block keywords, names, units, references and comments their scopes", async () => {
    const snapshot = await scopeSnapshot('host h1 {\n  speed = 10Gbps // fast\n  attach = vf(x710.pf0)\n  mac = 52:54:00:aa:00:01\n}\n');
    expect(snapshot).toContain('1:1 "host" → storage.type.block.sriov');
    expect(snapshot).toContain('1:6 "h1" → entity.name.section.sriov');
    expect(snapshot).toContain('2:11 "10" → constant.numeric.sriov');
    expect(snapshot).toContain('2:13 "Gbps" → keyword.other.unit.sriov');
    expect(snapshot).toContain('2:18 "// fast" → comment.line.double-slash.sriov');
    expect(snapshot).toContain('3:12 "vf" → support.function.attach.sriov');
    expect(snapshot).toContain('4:9 "52:54:00:aa:00:01" → constant.other.mac.sriov');
  });
});
