import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** Writes files (relative path → text) into a fresh temporary directory and returns its path. */
export function tempTree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "sriovc-test-"));
  for (const [name, text] of Object.entries(files)) {
    const full = path.join(root, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}
