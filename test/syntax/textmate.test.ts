import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface Pattern {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  patterns?: Pattern[];
  include?: string;
}

const grammar = JSON.parse(readFileSync(new URL("../../grammar/sriov.tmLanguage.json", import.meta.url), "utf8")) as {
  scopeName: string;
  patterns: Pattern[];
  repository: Record<string, Pattern>;
};

function allPatterns(): Pattern[] {
  const out: Pattern[] = [];
  const walk = (p: Pattern) => {
    out.push(p);
    p.patterns?.forEach(walk);
  };
  grammar.patterns.forEach(walk);
  Object.values(grammar.repository).forEach(walk);
  return out;
}

/** The scope of the first repository pattern whose `match` matches the whole text. */
function scopeOf(text: string): string | undefined {
  for (const p of allPatterns()) if (p.match && p.name && new RegExp(`^(?:${p.match})$`).test(text)) return p.name;
  return undefined;
}

describe("TextMate grammar", () => {
  it("is scoped source.sriov and every include resolves", () => {
    expect(grammar.scopeName).toBe("source.sriov");
    for (const p of allPatterns()) if (p.include) expect(grammar.repository[p.include.slice(1)], p.include).toBeDefined();
  });

  it("has regular expressions that compile", () => {
    for (const p of allPatterns()) for (const re of [p.match, p.begin, p.end]) if (re) expect(() => new RegExp(re)).not.toThrow();
  });

  it("gives literals their scopes", () => {
    expect(scopeOf("52:54:00:aa:00:01")).toBe("constant.other.mac.sriov");
    expect(scopeOf("0000:3b:00.0")).toBe("constant.other.pci.sriov");
    expect(scopeOf("42")).toBe("constant.numeric.sriov");
    expect(scopeOf("auto")).toBe("constant.language.sriov");
    expect(scopeOf("// note")).toBe("comment.line.double-slash.sriov");
  });
});
