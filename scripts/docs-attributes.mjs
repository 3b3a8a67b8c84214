// Writes the attribute reference (generated from the attribute table in the code) into docs/LANGUAGE.md,
// between its markers. Run after changing src/semantics/attributes.ts: `npm run docs:attributes`.
import { readFileSync, writeFileSync } from "node:fs";
import { ATTRIBUTES_BEGIN, ATTRIBUTES_END, attributeReference } from "../dist/semantics/attribute-reference.js";

const file = new URL("../docs/LANGUAGE.md", import.meta.url);
const text = readFileSync(file, "utf8");
const begin = text.indexOf(ATTRIBUTES_BEGIN);
const end = text.indexOf(ATTRIBUTES_END);
if (begin === -1 || end === -1) throw new Error("docs/LANGUAGE.md has no attribute markers");
writeFileSync(file, `${text.slice(0, begin + ATTRIBUTES_BEGIN.length)}\n\n${attributeReference()}\n${text.slice(end)}`);
