import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

// STYLE.md: "A stage imports only earlier stages and shared types; data flows forward." The stages, in
// pipeline order; `diagnostics` (the Diagnostic type and its renderers) is shared by every stage, and the
// CLI wires them all.
const ORDER = ["syntax", "semantics", "rules", "lower", "sim", "report"] as const;
const MAY_IMPORT: Record<string, readonly string[]> = {
  diagnostics: ["syntax"],
  format: ["syntax", "diagnostics"],
  cli: [...ORDER, "diagnostics", "format", "interop"],
  // Interop reads other formats into `.sriov` programs (printed by the formatter, checked by the rules)
  // and writes the IR out as deployable config: it sits beside the pipeline and uses any stage of it.
  interop: [...ORDER, "diagnostics", "format"],
  ...Object.fromEntries(ORDER.map((stage, i) => [stage, [...ORDER.slice(0, i), "diagnostics"]])),
};

const SRC = path.resolve(import.meta.dirname, "../src");

function imports(): { file: string; from: string; to: string }[] {
  const out: { file: string; from: string; to: string }[] = [];
  for (const entry of readdirSync(SRC, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".ts")) continue;
    const from = entry.split(path.sep)[0]!;
    const text = readFileSync(path.join(SRC, entry), "utf8");
    // Resolved against the importing file, so a module nested two folders deep (src/interop/check/) is
    // checked too, and its `../import/` is its own stage's folder, not a stage called `import`.
    for (const match of text.matchAll(/\bfrom\s+"(\.\.?\/[^"]+)"/g)) {
      const target = path.relative(SRC, path.resolve(SRC, path.dirname(entry), match[1]!));
      out.push({ file: entry, from, to: target.split(path.sep)[0]! });
    }
  }
  return out;
}

describe("the pipeline's layering", () => {
  it("every folder of src/ is a known stage", () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.filter((f) => !(f in MAY_IMPORT))).toEqual([]);
  });

  it("no stage imports a later one (chevrotain stays behind the CST→AST boundary too)", () => {
    const backwards = imports().filter(({ from, to }) => from !== to && !(MAY_IMPORT[from] ?? []).includes(to));
    expect(backwards.map(({ file, to }) => `${file} imports ../${to}`)).toEqual([]);
    const chevrotain = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter(
      (f) => f.endsWith(".ts") && /from\s+"chevrotain"/.test(readFileSync(path.join(SRC, f), "utf8")),
    );
    expect(chevrotain.every((f) => f.startsWith(`syntax${path.sep}`))).toBe(true);
  });
});
