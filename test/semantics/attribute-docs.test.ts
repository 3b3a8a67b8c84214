import { describe, expect, it } from "vitest";
import { ATTRIBUTE_DOCS } from "../../src/semantics/attribute-docs.js";
import { ATTRIBUTE_TABLE } from "../../src/semantics/attributes.js";

describe("ATTRIBUTE_DOCS", () => {
  it("documents every attribute of ATTRIBUTE_TABLE, and nothing else, in one sentence each", () => {
    for (const [kind, table] of Object.entries(ATTRIBUTE_TABLE)) {
      const docs = ATTRIBUTE_DOCS[kind as keyof typeof ATTRIBUTE_DOCS];
      expect(Object.keys(docs), kind).toEqual(Object.keys(table));
      for (const [name, doc] of Object.entries(docs)) expect(doc, `${kind}.${name}`).toMatch(/^[A-Z`].*\.$/);
    }
    expect(Object.keys(ATTRIBUTE_DOCS)).toEqual(Object.keys(ATTRIBUTE_TABLE));
  });
});
