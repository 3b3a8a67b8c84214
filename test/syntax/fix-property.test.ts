/**
 * The fix property for `syntax`: a likely mistake injected into a valid topology (the samples, and
 * generated ones) gets a safe fix, and applying the safe fixes gives back a file that checks exactly as
 * the original does: the syntax errors are gone and no other finding appears or disappears.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateTopology } from "../../bench/generate.mjs";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { applyEdits, chooseFixes } from "../../src/diagnostics/fixes.js";
import { checkSource } from "../helpers/check-source.js";
import { REPO } from "../helpers/cli.js";

const VALID = [
  ...["four-data-paths.sriov", "nfv-numa.sriov", "bare-metal.sriov"].map((f) => readFileSync(path.join(REPO, "samples", f), "utf8")),
  generateTopology({ lines: 120 }).source as string,
];

/** Each mistake: where it can be made in a text (offsets), and the broken text. */
const MISTAKES: Record<string, { readonly sites: (text: string) => number[]; readonly make: (text: string, at: number) => string }> = {
  "`:` for `=`": { sites: (t) => matches(t, /^[ \t]+[a-z_]+ = /gm, (m) => m.index + m[0].length - 2), make: (t, at) => `${t.slice(0, at - 1)}:${t.slice(at + 1)}` },
  "space in a quantity": { sites: (t) => matches(t, /= \d+(?=[A-Za-z])/g, (m) => m.index + m[0].length), make: (t, at) => `${t.slice(0, at)} ${t.slice(at)}` },
  "trailing comma": { sites: (t) => matches(t, /^[ \t]+[a-z_]+ = [^\n{}[\]/]+$/gm, (m) => m.index + m[0].length), make: (t, at) => `${t.slice(0, at)},${t.slice(at)}` },
  "`;` after a block": { sites: (t) => matches(t, /^}$/gm, (m) => m.index + 1), make: (t, at) => `${t.slice(0, at)};${t.slice(at)}` },
  "# comment": { sites: (t) => matches(t, /^[ \t]*\/\/ /gm, (m) => m.index + m[0].indexOf("//"), true), make: (t, at) => `${t.slice(0, at)}#${t.slice(at + 2)}` },
  "missing `=`": { sites: (t) => matches(t, /^[ \t]+[a-z_]+ = (?=\d)/gm, (m) => m.index + m[0].length - 3), make: (t, at) => `${t.slice(0, at)}${t.slice(at + 2)}` },
  "dash range": { sites: (t) => matches(t, /\d+\.\.\d+/g, (m) => m.index + m[0].indexOf("..")), make: (t, at) => `${t.slice(0, at)}-${t.slice(at + 2)}` },
};

/** Sites in code: not inside a comment or a string (the line before the site holds no `//` and an even number of quotes). */
function matches(text: string, pattern: RegExp, site: (m: RegExpExecArray) => number, inComments = false): number[] {
  const out: number[] = [];
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const at = site(m);
    const before = text.slice(text.lastIndexOf("\n", at - 1) + 1, at);
    if (inComments || (!before.includes("//") && (before.match(/"/g) ?? []).length % 2 === 0)) out.push(at);
  }
  return out;
}

/** Findings as `rule line:column message`, the file name left out. */
function shape(list: readonly Diagnostic[]): string[] {
  return list.map((d) => `${d.rule} ${d.span.line}:${d.span.column} ${d.message}`);
}

describe("syntax fixes", () => {
  it("every kind of mistake has a site in the valid files", () => {
    for (const [name, mistake] of Object.entries(MISTAKES)) expect(VALID.some((text) => mistake.sites(text).length > 0), name).toBe(true);
  });

  it("a likely mistake gets a safe fix that restores a file checking as the original", { timeout: 180_000 }, () => {
    const expected = VALID.map((text) => shape(checkSource(text)));
    const cases = fc.tuple(fc.nat(VALID.length - 1), fc.constantFrom(...Object.keys(MISTAKES)), fc.nat(1000));
    const seen = new Set<string>();
    fc.assert(
      fc.property(cases, ([which, kind, pick]) => {
        const text = VALID[which]!;
        const mistake = MISTAKES[kind]!;
        const sites = mistake.sites(text);
        if (sites.length === 0) return;
        const broken = mistake.make(text, sites[pick % sites.length]!);
        const found = checkSource(broken);
        const syntax = found.filter((d) => d.rule === "syntax");
        expect(syntax.length, `${kind}: no syntax error\n${broken}`).toBeGreaterThan(0);
        for (const d of syntax) expect(d.fixes?.some((fix) => fix.safe), `${kind}: "${d.message}" has no safe fix`).toBe(true);
        const fixed = applyEdits(broken, chooseFixes(found).flatMap((fix) => fix.edits));
        expect(shape(checkSource(fixed)), `${kind}: after the fix\n${fixed}`).toEqual(expected[which]);
        seen.add(kind);
      }),
      { numRuns: 80, seed: 1130 },
    );
    expect([...seen].sort()).toEqual(Object.keys(MISTAKES).sort());
  });
});
