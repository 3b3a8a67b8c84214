import { describe, expect, it } from "vitest";
import { checkSource, ruleLines } from "../helpers/check-source.js";
import { reportsOf, spanOf } from "./spans.js";

const FILE = "example.sriov";
const STALE = "remove it (or the rule id), so that it does not hide a future finding";

/** Two VMs pinned to the same cores: `pin-overlap` on the second one's `pin`, unless silenced. */
const overlap = (before: string, between = "") => `${before}host h1 {
  vswitch s { }
  vm a { pin = 2..3  iface e { attach = vswitch(s) } }
${between}  vm b { pin = 2..3  iface e { attach = vswitch(s) } }
}
`;

describe("unused-suppression", () => {
  it("reports a comment that looks like a directive but is none, with the right spelling", () => {
    const sameLine = overlap("").replace("vm b { pin = 2..3", "vm b { pin = 2..3 // sriovc-disable-line pin-overlap\n   ");
    const found = reportsOf("unused-suppression", sameLine);
    expect(found).toEqual([
      {
        file: FILE,
        ...spanOf(sameLine, "sriovc-disable-line"),
        message: "`sriovc-disable-line` is not a sriovc directive, so it silences nothing",
        help: "there is no same-line form: put `// sriovc-disable-next-line RULE` on the line above the finding",
        related: [],
      },
    ]);
    // The finding it meant to silence is still reported.
    expect(ruleLines(checkSource(sameLine)).some((line) => line.endsWith("pin-overlap"))).toBe(true);
    const enable = "// sriovc-enable pin-overlap\nhost h1 { }\n";
    expect(reportsOf("unused-suppression", enable).map((r) => [r.message, r.help])).toEqual([
      [
        "`sriovc-enable` is not a sriovc directive, so it silences nothing",
        "there is no `sriovc-enable`: `// sriovc-disable RULE` at the top of a file silences RULE in the whole file",
      ],
    ]);
    const block = "/* sriovc-disable pin-overlap */\nhost h1 { }\n";
    expect(reportsOf("unused-suppression", block).map((r) => [r.line, r.column, r.message, r.help])).toEqual([
      [1, 4, "`sriovc-disable` in a block comment is not a directive, so it silences nothing", "write it as a line comment: `// sriovc-disable pin-overlap`"],
    ]);
    const other = "// sriovc-ignore pin-overlap\nhost h1 { }\n";
    expect(reportsOf("unused-suppression", other)[0]!.help).toBe(
      "the directives are `// sriovc-disable-next-line RULE` (above a line) and `// sriovc-disable RULE` (at the top of a file)",
    );
  });

  it("is quiet when the directive silences a finding, on the next line or in the whole file", () => {
    const unsilenced = overlap("");
    expect(ruleLines(checkSource(unsilenced))).toEqual([`${spanOf(unsilenced, "2..3", 1).line}:${spanOf(unsilenced, "2..3", 1).column} pin-overlap`]);
    expect(ruleLines(checkSource(overlap("", "  // sriovc-disable-next-line pin-overlap -- a lab host\n")))).toEqual([]);
    expect(ruleLines(checkSource(overlap("// sriovc-disable pin-overlap\n")))).toEqual([]);
  });

  it("reports a directive with nothing to silence, on its rule id", () => {
    const nextLine = overlap("", "  // sriovc-disable-next-line pin-overlap\n  vswitch t { }\n");
    expect(reportsOf("unused-suppression", nextLine)).toEqual([
      {
        file: FILE,
        ...spanOf(nextLine, "pin-overlap"),
        message: `\`sriovc-disable-next-line pin-overlap\` silences nothing: there is no pin-overlap on line ${spanOf(nextLine, "vswitch t").line}`,
        help: STALE,
        related: [],
      },
    ]);
    const wholeFile = "// sriovc-disable vf-exhausted\nhost h1 { }\n";
    expect(reportsOf("unused-suppression", wholeFile)).toEqual([
      {
        file: FILE,
        ...spanOf(wholeFile, "vf-exhausted"),
        message: "`sriovc-disable vf-exhausted` silences nothing: there is no vf-exhausted in this file",
        help: STALE,
        related: [],
      },
    ]);
  });

  it("suggests the closest rule id for a misspelt one, and `sriovc explain` when none is close", () => {
    const text = "// sriovc-disable pin-overlp\n// sriovc-disable no-such-rule-at-all\nhost h1 { }\n";
    expect(reportsOf("unused-suppression", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "pin-overlp"),
        message: "`pin-overlp` is not a rule id, so `sriovc-disable` silences nothing",
        help: "did you mean `pin-overlap`?",
        related: [],
      },
      {
        file: FILE,
        ...spanOf(text, "no-such-rule-at-all"),
        message: "`no-such-rule-at-all` is not a rule id, so `sriovc-disable` silences nothing",
        help: "`sriovc explain RULE` documents each rule",
        related: [],
      },
    ]);
  });

  it("cannot silence structure errors nor itself, and says so", () => {
    const text = "// sriovc-disable unknown-reference, unused-suppression\nhost h1 {\n  vm v { iface e { attach = vf(nowhere.pf0) } }\n}\n";
    expect(reportsOf("unused-suppression", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "unknown-reference"),
        message: "`unknown-reference` errors cannot be silenced",
        help: "structure errors are always reported: fix the error instead",
        related: [],
      },
      {
        file: FILE,
        ...spanOf(text, "unused-suppression"),
        message: "`unused-suppression` cannot be silenced by a comment",
        help: 'remove the stale suppression, or set `"unused-suppression": "off"` in sriovc.json',
        related: [],
      },
    ]);
    expect(ruleLines(checkSource(text))).toContain(`${spanOf(text, "nowhere.pf0").line}:${spanOf(text, "nowhere.pf0").column} unknown-reference`);
  });

  it("reports a whole-file directive below a declaration, and a directive without rule ids", () => {
    const text = "host h1 {\n  // sriovc-disable pin-overlap\n  // sriovc-disable-next-line\n  cores = 8\n}\n";
    expect(reportsOf("unused-suppression", text)).toEqual([
      {
        file: FILE,
        ...spanOf(text, "pin-overlap"),
        message: "`sriovc-disable pin-overlap` has no effect here: it only works at the top of a file, before any import or declaration",
        help: "move it to the top of the file, or use `// sriovc-disable-next-line pin-overlap` above the line",
        related: [],
      },
      {
        file: FILE,
        ...spanOf(text, "// sriovc-disable-next-line"),
        message: "`sriovc-disable-next-line` names no rule to silence",
        help: "list the rule ids after it, e.g. `// sriovc-disable-next-line unused-vf`",
        related: [],
      },
    ]);
  });

  it("is an info by default; can be raised, or turned off with the rules it would report", () => {
    const text = "// sriovc-disable vf-exhausted\nhost h1 { }\n";
    expect(checkSource(text).map((d) => `${d.rule}:${d.severity}`)).toEqual(["unused-suppression:info"]);
    expect(checkSource(text, { settings: { "unused-suppression": "error" } }).map((d) => `${d.rule}:${d.severity}`)).toEqual(["unused-suppression:error"]);
    expect(checkSource(text, { settings: { "unused-suppression": "off" } })).toEqual([]);
    // A directive for a rule turned off is not stale: it would silence the rule if it were turned back on.
    expect(checkSource(text, { settings: { "vf-exhausted": "off" } })).toEqual([]);
  });
});
