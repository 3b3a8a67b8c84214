import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { explainRule } from "../../src/cli/commands/explain.js";
import { UsageError } from "../../src/cli/errors.js";
import { RULES } from "../../src/rules/registry.js";
import { REPO, sriovc } from "../helpers/cli.js";

describe("sriovc explain", () => {
  it("prints the rule's page from docs/rules", () => {
    expect(explainRule("numa-mismatch")).toBe(readFileSync(path.join(REPO, "docs/rules/numa-mismatch.md"), "utf8"));
  });

  it("has a page for every registered rule, each with the four sections and a failing and a fixed example", () => {
    for (const rule of RULES) {
      const page = explainRule(rule.meta.id);
      expect(page.startsWith(`# \`${rule.meta.id}\`\n`), rule.meta.id).toBe(true);
      for (const heading of ["## What it catches", "## Why it matters", "## Failing example", "## Fixed example"])
        expect(page, `${rule.meta.id}: ${heading}`).toContain(heading);
      // `.sriov` examples, or operator YAML / libvirt XML for the rules on those files (src/interop).
      expect(page.match(/```(sriov|yaml|xml)\n/g)?.length, rule.meta.id).toBe(2);
      expect(page).toContain(`**Default severity:** ${rule.meta.defaultSeverity}`);
    }
  });

  it("documents no rule that the registry does not have", () => {
    const pages = readdirSync(path.join(REPO, "docs/rules"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => f.slice(0, -3));
    expect(pages.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });

  it("matches a rule id whatever its case; the page's title names the rule's own id", () => {
    const page = readFileSync(path.join(REPO, "docs/rules/numa-mismatch.md"), "utf8");
    expect(explainRule("NUMA-Mismatch")).toBe(page);
    expect(explainRule("NUMA-MISMATCH").split("\n")[0]).toBe("# `numa-mismatch`");
    expect(() => explainRule("NUMA-MISMACH")).toThrow(/^unknown rule 'NUMA-MISMACH'; did you mean numa-mismatch\?/);
  });

  it("with a terminal's width, paragraphs and list items are reflowed to it; code blocks and tables are not", () => {
    const page = explainRule("numa-mismatch", 60);
    expect(page.split("\n").slice(0, 14).join("\n")).toBe(`# \`numa-mismatch\`

**Category:** SR-IOV semantics · **Default severity:**
warning · **Configurable:** yes

## What it catches

A \`vf\`, \`vdpa\` or \`vmdq\` interface belongs to a VM (or a
\`vf\` interface to a container) that runs on another NUMA
node than the NIC of its PF. A VM's or container's node is
that of its first pinned core, written or allocated (cores
are split evenly over \`numa_nodes\`, in order); a \`numa\` that
says otherwise does not move it (that is
\`numa-contradicts-pin\`'s finding).`);
    // The code blocks are the page's, line for line.
    const blocks = (text: string) => [...text.matchAll(/```[a-z]*\n[\s\S]*?```/g)].map((m) => m[0]);
    expect(blocks(page)).toEqual(blocks(explainRule("numa-mismatch")));
    for (const rule of RULES) {
      const fitted = explainRule(rule.meta.id, 60);
      let fenced = false;
      for (const line of fitted.split("\n")) {
        if (line.startsWith("```")) fenced = !fenced;
        else if (!fenced && !line.startsWith("|") && !/\S{50,}/.test(line)) expect([...line].length, `${rule.meta.id}: ${line}`).toBeLessThanOrEqual(60);
      }
      // Reflowing keeps every word, in order.
      const words = (text: string) => text.split(/\s+/).filter(Boolean);
      expect(words(fitted), rule.meta.id).toEqual(words(explainRule(rule.meta.id)));
    }
  });

  it("refuses an unknown rule and names the closest ids", () => {
    expect(() => explainRule("vf-asigned-twice")).toThrow(/^unknown rule 'vf-asigned-twice'; did you mean vf-assigned-twice\?\nThe rules:\nsyntax +error +The file/);
    expect(() => explainRule("zzzz")).toThrow(UsageError);
  });
});

describe("sriovc rules, and explain without a rule", () => {
  it("lists every rule with its default severity and summary, in registry order, fitting the width", () => {
    for (const width of [80, 100, 120]) {
      const result = sriovc(["rules"], { env: { COLUMNS: String(width) } });
      expect(result.code).toBe(0);
      const lines = result.stdout.trimEnd().split("\n");
      expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(width);
      const ids = lines.filter((line) => /^\S/.test(line)).map((line) => line.split(/\s+/)[0]);
      expect(ids).toEqual(RULES.map((r) => r.meta.id));
      const numa = lines.find((line) => line.startsWith("numa-mismatch "))!;
      expect(numa).toMatch(/^numa-mismatch +warning +\S/);
    }
  });

  it("--format json: id, default severity, category, summary, docs page, fixable", () => {
    const result = sriovc(["rules", "--format", "json"]);
    const list = JSON.parse(result.stdout) as { id: string; defaultSeverity: string; summary: string; docs: string }[];
    expect(list.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    expect(list[0]).toEqual({
      id: "syntax",
      defaultSeverity: "error",
      category: "structure",
      summary: RULES[0]!.meta.summary,
      docs: "docs/rules/syntax.md",
      fixable: true,
    });
  });

  it("explain piped: the page as written, whatever COLUMNS says (a file or a pager gets the Markdown)", () => {
    const run = sriovc(["explain", "Numa-Mismatch"], { env: { COLUMNS: "40" } });
    expect(run).toMatchObject({ code: 0, stdout: readFileSync(path.join(REPO, "docs/rules/numa-mismatch.md"), "utf8") });
  });

  it("explain without a rule prints the list; with an unknown one, the list goes to standard error", () => {
    const list = sriovc(["explain"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(sriovc(["rules"]).stdout);
    expect(list.stdout).toContain("sriovc explain RULE prints a rule's page.");
    const unknown = sriovc(["explain", "zzzz"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^sriovc: unknown rule 'zzzz'\nThe rules:\nsyntax /);
    expect(unknown.stderr).toContain("\nunused-suppression ");
  });
});
