/** Parts of a YAML string value are located in the file: each style operator manifests use, and any string. */
import fc from "fast-check";
import { Scalar, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../src/interop/yaml.js";
import { locatePart, type LocatedScalar } from "../../src/interop/located.js";
import { propertyRuns } from "../helpers/property.js";

/** The scalar under `v:` of a one-key document. */
function scalarOf(text: string): LocatedScalar {
  const parsed = parseYaml(text, "v.yaml");
  expect(parsed.diagnostics).toEqual([]);
  const doc = parsed.documents[0]!;
  if (doc.kind !== "map" || doc.entries[0]!.value.kind !== "scalar") throw new Error("no scalar");
  return doc.entries[0]!.value;
}

/** The file's text where the value's characters [from, to) are said to stand, and where it starts. */
function located(text: string, from: number, to: number): string {
  const scalar = scalarOf(text);
  const span = locatePart(scalar, from, to);
  return span === undefined ? "(none)" : `${span.line}:${span.column} ${text.slice(span.start, span.end)}`;
}

describe("where a part of a YAML string value stands", () => {
  it("in each style: plain, quoted, escaped, folded, literal and folded blocks, and a quoted value under its key's column", () => {
    // `b c` inside each value: the value's offsets of `b` and `c`, and what the file holds there.
    const at = (text: string) => {
      const value = String(scalarOf(text).value);
      const from = value.indexOf("b c");
      return located(text, from, from + 3);
    };
    expect(at("v: a b c d\n")).toBe("1:6 b c");
    expect(at("v: 'it''s b c'\n")).toBe("1:11 b c");
    expect(at('v: "\\u0041 b c"\n')).toBe("1:12 b c");
    expect(at("v: 'a\n  x\n\n  b c'\n")).toBe("4:3 b c");
    expect(at("v: |\n  {\n    \"k\": \"b c\"\n  }\n")).toBe("3:11 b c");
    expect(at("v: >-\n  a\n  b c\n")).toBe("3:3 b c");
    expect(at("v: |-\n    a b c\n")).toBe("2:7 b c");
    // A line folded into a space stands at its line break; an escape at its backslash, whole.
    expect(located("v: 'a\n  z'\n", 1, 2)).toBe("1:6 \n");
    expect(located('v: "a\\tz"\n', 1, 2)).toBe("1:6 \\t");
    // kubectl reads a quoted value whose lines are not indented past its key (yaml-quoted-lines.ts): still located.
    const nested = parseYaml("spec:\n  config: '{\n  \"a\": \"b c\"\n  }'\n", "n.yaml").documents[0]!;
    const config = nested.kind === "map" && nested.entries[0]!.value.kind === "map" ? nested.entries[0]!.value.entries[0]!.value : undefined;
    const value = config?.kind === "scalar" ? String(config.value) : "";
    const span = config?.kind === "scalar" ? locatePart(config, value.indexOf("b c"), value.indexOf("b c") + 3) : undefined;
    expect(`${span?.line}:${span?.column}`).toBe("3:9");
  });

  it("a block with an indentation digit is not decoded: no part is located, the caller points at the value", () => {
    expect(located("v: |2\n   a b\n", 0, 1)).toBe("(none)");
  });

  it("any string, written by the yaml package in any style, is located character by character where it is", () => {
    const styles = [Scalar.PLAIN, Scalar.QUOTE_SINGLE, Scalar.QUOTE_DOUBLE, Scalar.BLOCK_LITERAL, Scalar.BLOCK_FOLDED] as const;
    const text = fc.stringMatching(/^[ -~\n\t\u00a0é]{0,40}$/);
    fc.assert(
      fc.property(text, fc.constantFrom(...styles), fc.integer({ min: 20, max: 80 }), (value, style, lineWidth) => {
        const scalar = new Scalar(value);
        scalar.type = style;
        const yaml = stringify({ v: scalar }, { lineWidth, minContentWidth: 10 });
        // What the yaml package writes but does not read back (`>-` over a line of spaces), or reads as another value (`v: 1`): nothing to locate.
        const doc = parseYaml(yaml, "v.yaml");
        const first = doc.documents[0];
        const parsed = first?.kind === "map" ? first.entries[0]?.value : undefined;
        if (doc.diagnostics.length > 0 || parsed?.kind !== "scalar" || parsed.value !== value) return;
        for (let i = 0; i < value.length; i++) {
          const span = locatePart(parsed, i, i + 1);
          // Every style is decoded, but a block with an indentation digit, or of white space alone (whose indentation is not told).
          if (span === undefined) {
            expect(/^v: [|>][-+]?\d/.test(yaml) || (/^v: [|>]/.test(yaml) && value.trim() === "")).toBe(true);
            return;
          }
          const written = yaml.slice(span.start, span.end);
          const ch = value[i]!;
          // What stands there: the character itself, its escape, `''`, or a line break folded into a space or line feed.
          if (written === ch) continue;
          expect(written.startsWith("\\") || written === "''" || /^\r?\n$/.test(written) || /^[ \t]*\r?\n$/.test(written) || (ch === " " && /^\s*$/.test(written))).toBe(true);
        }
      }),
      propertyRuns(300, 20261202),
    );
  });
});
