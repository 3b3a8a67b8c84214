import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

// A stage imports only earlier stages and shared types; data flows forward. The stages, in pipeline order;
// `domain` (the closed sets, importing nothing) and `diagnostics` (the Diagnostic type and its renderers)
// are shared by every stage; the driver runs the stages, and the CLI and the public API (src/index.ts,
// the only file at the top) sit on the driver.
const ORDER = ["syntax", "semantics", "rules", "lower", "sim", "report"] as const;
const MAY_IMPORT: Record<string, readonly string[]> = {
  domain: [],
  diagnostics: ["domain", "syntax"],
  format: ["domain", "syntax", "diagnostics"],
  ...Object.fromEntries(ORDER.map((stage, i) => [stage, ["domain", ...ORDER.slice(0, i), "diagnostics"]])),
  // Interop reads other formats into `.sriov` programs (checked by the rules) and writes the IR out as
  // deployable config: it sits beside the pipeline, uses its stages, and the driver checks through it.
  interop: ["domain", ...ORDER, "diagnostics"],
  driver: ["domain", ...ORDER, "diagnostics", "interop"],
  // The language server sits on the driver and the formatter; from the CLI it takes only sriovc.json's reader.
  lsp: ["domain", ...ORDER, "diagnostics", "format", "driver", "cli"],
  cli: ["domain", ...ORDER, "diagnostics", "format", "driver", "lsp", "interop"],
  "(top)": ["domain", ...ORDER, "diagnostics", "format", "driver"],
};

const SRC = path.resolve(import.meta.dirname, "../src");

/** The folder of src/ a path inside it belongs to; `(top)` for a file directly in src/. */
export function stageOf(relative: string): string {
  const parts = relative.split(path.sep);
  return parts.length === 1 ? "(top)" : parts[0]!;
}

/** Every relative import (static or dynamic, `import type` too), as the stage it leaves and the stage it reaches. */
export function importsOf(file: string, text: string): { from: string; to: string; specifier: string }[] {
  const out: { from: string; to: string; specifier: string }[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)"(\.{1,2}\/[^"]+)"/g)) {
    const specifier = match[1]!;
    const target = path.relative(SRC, path.resolve(SRC, path.dirname(file), specifier));
    out.push({ from: stageOf(file), to: target.startsWith("..") ? "(outside src)" : stageOf(target), specifier });
  }
  return out;
}

function imports(): { file: string; from: string; to: string }[] {
  const out: { file: string; from: string; to: string }[] = [];
  for (const entry of readdirSync(SRC, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".ts")) continue;
    const text = readFileSync(path.join(SRC, entry), "utf8");
    for (const { from, to } of importsOf(entry, text)) out.push({ file: entry, from, to });
  }
  return out;
}

describe("the pipeline's layering", () => {
  it("sees imports at any depth of ../, dynamic and type-only ones too", () => {
    const file = path.join("diagnostics", "render", "x.ts");
    expect(importsOf(file, 'import { buildPlan } from "../../sim/plan.js";').map(({ from, to }) => [from, to])).toEqual([["diagnostics", "sim"]]);
    expect(importsOf(file, 'import type { Ir } from "../../lower/ir.js";').map(({ to }) => to)).toEqual(["lower"]);
    expect(importsOf(file, 'const m = await import("../../driver/workspace.js");').map(({ to }) => to)).toEqual(["driver"]);
    expect(importsOf(file, 'import "./pretty.js";').map(({ to }) => to)).toEqual(["diagnostics"]);
    expect(importsOf("index.ts", 'export * from "./driver/host.js";').map(({ to }) => to)).toEqual(["driver"]);
    expect(importsOf("index.ts", 'import { x } from "./driver/host.js";').map(({ from, to }) => [from, to])).toEqual([["(top)", "driver"]]);
  });

  it("every folder of src/ is a known stage", () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.filter((f) => !(f in MAY_IMPORT))).toEqual([]);
  });

  it("no stage imports a later one (chevrotain stays behind the CST→AST boundary too)", () => {
    const backwards = imports().filter(({ from, to }) => from !== to && !(MAY_IMPORT[from] ?? []).includes(to));
    expect(imports().length).toBeGreaterThan(300);
    expect(backwards.map(({ file, to }) => `${file} imports ../${to}`)).toEqual([]);
    const chevrotain = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter(
      (f) => f.endsWith(".ts") && /from\s+"chevrotain"/.test(readFileSync(path.join(SRC, f), "utf8")),
    );
    expect(chevrotain.every((f) => f.startsWith(`syntax${path.sep}`))).toBe(true);
  });
});
