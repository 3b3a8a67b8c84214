/** docs/LANGUAGE.md's attribute reference is the code's attribute table, verbatim: the two cannot drift. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ATTRIBUTES_BEGIN, ATTRIBUTES_END, attributeReference } from "../../src/semantics/attribute-reference.js";
import { ATTRIBUTE_TABLE, COST_ATTRIBUTES } from "../../src/semantics/attributes.js";
import { REPO } from "../helpers/cli.js";

const language = readFileSync(path.join(REPO, "docs/LANGUAGE.md"), "utf8");

describe("docs/LANGUAGE.md attribute reference", () => {
  it("is exactly the table generated from the code (run `npm run docs:attributes` after changing it)", () => {
    const begin = language.indexOf(ATTRIBUTES_BEGIN);
    const end = language.indexOf(ATTRIBUTES_END);
    expect(begin).toBeGreaterThan(0);
    expect(language.slice(begin + ATTRIBUTES_BEGIN.length, end)).toBe(`\n\n${attributeReference()}\n`);
  });

  it("has a row with a type, a default and a meaning for every attribute of every block, and every cost parameter", () => {
    for (const [kind, table] of Object.entries(ATTRIBUTE_TABLE)) {
      expect(language).toContain(`### \`${kind}\``);
      for (const [name, spec] of Object.entries(table)) {
        expect(spec.type, `${kind}.${name}`).not.toBe("");
        expect(spec.default, `${kind}.${name}`).not.toBe("");
        expect(language, `${kind}.${name}`).toContain(`| \`${name}\` | ${spec.type.replace(/\|/g, "\\|")} |`);
      }
    }
    for (const written of COST_ATTRIBUTES.keys()) expect(language).toContain(`| \`${written}\` |`);
  });
});
