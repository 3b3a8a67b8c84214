import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";

/**
 * Compares text with a golden file. `UPDATE_GOLDEN=1 npm test` rewrites the goldens instead; the
 * change then shows up in the diff for review. A missing golden fails rather than being created.
 */
export function expectGolden(actual: string, goldenPath: string): void {
  if (process.env["UPDATE_GOLDEN"] === "1") {
    mkdirSync(path.dirname(goldenPath), { recursive: true });
    writeFileSync(goldenPath, actual);
    return;
  }
  if (!existsSync(goldenPath)) throw new Error(`missing golden file ${goldenPath}: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(goldenPath, "utf8"));
}
