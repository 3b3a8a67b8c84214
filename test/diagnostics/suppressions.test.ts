import { describe, expect, it } from "vitest";
import { diagnostic, type Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { applyEdits } from "../../src/diagnostics/fixes.js";
import { applySuppressions, commentedFile, parseDirectives, type SuppressionPolicy } from "../../src/diagnostics/suppressions.js";
import { parseSource } from "../../src/syntax/parse.js";

const policy: SuppressionPolicy = {
  ruleKind: (id) =>
    id === "syntax" || id === "unknown-reference"
      ? "structure"
      : ["unused-vf", "pin-overlap", "numa-mismatch", "invalid-mac", "unused-suppression"].includes(id)
        ? "rule"
        : undefined,
  closestIds: (id) => (id === "pin-overlp" ? ["pin-overlap"] : []),
  isEnabled: (id) => id !== "numa-mismatch",
  unusedSeverity: "info",
};

function parse(text: string) {
  const { ast, lines, diagnostics } = parseSource(text, "t.sriov");
  expect(diagnostics).toEqual([]);
  /** A diagnostic of `rule` on the first occurrence of `needle`. */
  const at = (rule: string, needle: string, severity: Diagnostic["severity"] = "warning") => {
    const start = text.indexOf(needle);
    return diagnostic(rule, severity, lines.span(start, start + needle.length), `${rule} here`);
  };
  return { ast, at };
}

const summary = (list: readonly Diagnostic[]) =>
  list.map((d) => `${d.rule}@${d.span.line}:${d.span.column}-${d.span.endColumn} ${d.severity} ${d.message}${d.help ? ` | ${d.help}` : ""}`);

describe("suppression comments", () => {
  it("finds the rule ids of a directive with their own spans, and ignores a trailing reason", () => {
    const { ast } = parse("host h1 {\n  // sriovc-disable-next-line pin-overlap,  unused-vf -- the guest needs it\n  cores = 4\n}\n");
    const [directive] = parseDirectives(ast);
    expect(directive?.kind).toBe("disable-next-line");
    expect(directive?.rules.map((r) => [r.id, r.span.line, r.span.column, r.span.endColumn])).toEqual([
      ["pin-overlap", 2, 31, 42],
      ["unused-vf", 2, 45, 54],
    ]);
  });

  it("disable-next-line silences the named rules on the next line only", () => {
    const text = "host h1 {\n  vm a {\n    // sriovc-disable-next-line pin-overlap, invalid-mac\n    pin = 0..1\n  }\n  vm b { pin = 0..1 }\n}\n";
    const { ast, at } = parse(text);
    const onNextLine = at("pin-overlap", "0..1");
    const otherRule = at("unused-vf", "pin = 0..1");
    const laterLine = at("pin-overlap", "vm b");
    const kept = applySuppressions([onNextLine, otherRule, laterLine], [ast], policy);
    expect(summary(kept)).toEqual([
      "unused-vf@4:5-15 warning unused-vf here",
      "pin-overlap@6:3-7 warning pin-overlap here",
      "unused-suppression@3:46-57 info `sriovc-disable-next-line invalid-mac` silences nothing: there is no invalid-mac on line 4 | remove it (or the rule id), so that it does not hide a future finding",
    ]);
  });

  it("offers a safe fix for a stale directive: the rule's id out of its list, or the whole comment with its line", () => {
    const text =
      "// sriovc-disable unused-vf, invalid-mac\nhost h1 {\n  vm a {\n    // sriovc-disable-next-line pin-overlap, invalid-mac -- old\n    pin = 0..1\n  }\n  vm b { pin = 0..1 } // sriovc-disable-next-line invalid-mac\n  vm c {}\n}\n";
    const { ast, lines, diagnostics } = parseSource(text, "t.sriov");
    expect(diagnostics).toEqual([]);
    const start = text.indexOf("0..1");
    const found = [diagnostic("pin-overlap", "warning", lines.span(start, start + 4), "pin-overlap here")];
    const stale = applySuppressions(found, [commentedFile(ast, lines)], policy).filter((d) => d.rule === "unused-suppression");
    const fixed = (d: Diagnostic) => [d.fixes!.map((f) => `${f.safe ? "safe" : "unsafe"}: ${f.description}`).join("; "), applyEdits(text, d.fixes![0]!.edits)];
    expect(stale.map(fixed)).toEqual([
      // Both of the file-wide directive's rules are stale: each one's fix removes the whole comment line.
      ["safe: remove the stale `sriovc-disable` comment", text.replace("// sriovc-disable unused-vf, invalid-mac\n", "")],
      ["safe: remove the stale `sriovc-disable` comment", text.replace("// sriovc-disable unused-vf, invalid-mac\n", "")],
      // pin-overlap is used on line 5: only invalid-mac leaves the list, the reason stays.
      ["safe: remove `invalid-mac` from the `sriovc-disable-next-line` comment", text.replace("pin-overlap, invalid-mac -- old", "pin-overlap -- old")],
      // After code: the comment and the spaces before it go, the code stays.
      ["safe: remove the stale `sriovc-disable-next-line` comment", text.replace("  vm b { pin = 0..1 } // sriovc-disable-next-line invalid-mac\n", "  vm b { pin = 0..1 }\n")],
    ]);
    // Without the file's text (a YAML or XML file's directives), no fix.
    expect(applySuppressions(found, [commentedFile(ast)], policy).filter((d) => d.fixes !== undefined)).toEqual([]);
  });

  it("disable at the top of the file silences the rule in the whole file", () => {
    const text = "// Lab topology.\n// sriovc-disable unused-vf\nhost h1 {\n  cores = 4\n  vfs = 2\n}\n";
    const { ast, at } = parse(text);
    expect(applySuppressions([at("unused-vf", "cores"), at("unused-vf", "vfs"), at("pin-overlap", "vfs")], [ast], policy).map((d) => d.rule)).toEqual([
      "pin-overlap",
    ]);
  });

  it("disable below a declaration has no effect and says so", () => {
    const text = "host h1 {\n  // sriovc-disable unused-vf\n  vfs = 2\n}\n";
    const { ast, at } = parse(text);
    expect(summary(applySuppressions([at("unused-vf", "vfs")], [ast], policy))).toEqual([
      "unused-vf@3:3-6 warning unused-vf here",
      "unused-suppression@2:21-30 info `sriovc-disable unused-vf` has no effect here: it only works at the top of a file, before any import or declaration | move it to the top of the file, or use `// sriovc-disable-next-line unused-vf` above the line",
    ]);
  });

  it("disable below an import has no effect and says that imports come after it", () => {
    const text = 'import "lib.sriov"\n// sriovc-disable unused-vf\nhost h1 {\n  vfs = 2\n}\n';
    const { ast, at } = parse(text);
    expect(summary(applySuppressions([at("unused-vf", "vfs")], [ast], policy))).toEqual([
      "unused-vf@4:3-6 warning unused-vf here",
      "unused-suppression@2:19-28 info `sriovc-disable unused-vf` has no effect here: it only works at the top of a file, before any import or declaration | move it to the top of the file, or use `// sriovc-disable-next-line unused-vf` above the line",
    ]);
  });

  it("never silences structure errors, and reports the attempt", () => {
    const text = "host h1 {\n  // sriovc-disable-next-line unknown-reference\n  attach = vf(nowhere)\n}\n";
    const { ast, at } = parse(text);
    const error = at("unknown-reference", "nowhere", "error");
    expect(summary(applySuppressions([error], [ast], policy))).toEqual([
      "unknown-reference@3:15-22 error unknown-reference here",
      "unused-suppression@2:31-48 info `unknown-reference` errors cannot be silenced | structure errors are always reported: fix the error instead",
    ]);
  });

  it("reports a misspelt rule id with the closest ids, and a directive without ids", () => {
    const text = "// sriovc-disable-next-line pin-overlp\nhost h1 {\n  // sriovc-disable-next-line\n  cores = 4\n}\n";
    const { ast } = parse(text);
    expect(summary(applySuppressions([], [ast], policy))).toEqual([
      "unused-suppression@1:29-39 info `pin-overlp` is not a rule id, so `sriovc-disable-next-line` silences nothing | did you mean `pin-overlap`?",
      "unused-suppression@3:3-30 info `sriovc-disable-next-line` names no rule to silence | list the rule ids after it, e.g. `// sriovc-disable-next-line unused-vf`",
    ]);
  });

  it("does not call a directive for a rule turned off unused, and honours unused-suppression = off", () => {
    const text = "// sriovc-disable numa-mismatch\n// sriovc-disable pin-overlap\nhost h1 {}\n";
    const { ast } = parse(text);
    expect(applySuppressions([], [ast], policy).map((d) => d.message)).toEqual([
      "`sriovc-disable pin-overlap` silences nothing: there is no pin-overlap in this file",
    ]);
    expect(applySuppressions([], [ast], { ...policy, unusedSeverity: "off" })).toEqual([]);
  });

  it("cannot silence unused-suppression itself", () => {
    const text = "// sriovc-disable unused-suppression\n// sriovc-disable pin-overlap\nhost h1 {}\n";
    const { ast } = parse(text);
    expect(summary(applySuppressions([], [ast], policy))).toEqual([
      'unused-suppression@1:19-37 info `unused-suppression` cannot be silenced by a comment | remove the stale suppression, or set `"unused-suppression": "off"` in sriovc.json',
      "unused-suppression@2:19-30 info `sriovc-disable pin-overlap` silences nothing: there is no pin-overlap in this file | remove it (or the rule id), so that it does not hide a future finding",
    ]);
  });

  it("only silences diagnostics in the file that holds the directive; block comments are not directives", () => {
    const one = parseSource("// sriovc-disable unused-vf\nhost a {}\n", "one.sriov");
    const two = parseSource("/* sriovc-disable unused-vf */\nhost b {}\n", "two.sriov");
    const inTwo = diagnostic("unused-vf", "info", two.lines.span(31, 35), "in two");
    const inOne = diagnostic("unused-vf", "info", one.lines.span(28, 32), "in one");
    expect(applySuppressions([inOne, inTwo], [one.ast, two.ast], policy).map((d) => d.message)).toEqual([
      "in two",
      "`sriovc-disable` in a block comment is not a directive, so it silences nothing",
    ]);
  });
});
