/**
 * A documentation page (Markdown, as docs/rules/ writes it) fitted to a terminal: each paragraph and list
 * item reflowed to the width, its continuation lines under its text; a word wider than the width (a link)
 * overflows it whole. Code blocks, tables, headings and
 * indented code stay as written: their lines mean what they say, and a wrapped table row is no row.
 */
import { displayWidth, MIN_WIDTH, wrap } from "../diagnostics/render/wrap.js";

/** A paragraph or list item being gathered: what starts its first line, what starts the others, its words. */
interface Block {
  readonly first: string;
  readonly rest: string;
  readonly text: string[];
}

/** A list item's marker (`- `, `12. `), or a quote's `> `, with its indent. */
const ITEM = /^(\s*)([-*+]|\d+[.)]) +/;
const QUOTE = /^(\s*> ?)/;

export function wrapMarkdown(page: string, width: number): string {
  const columns = Math.max(width, MIN_WIDTH);
  const out: string[] = [];
  let fenced = false;
  let block: Block | undefined;
  const flush = (): void => {
    if (block === undefined) return;
    // A word wider than the line (a link) is kept whole: cut, it would be no link.
    out.push(block.first + wrap(block.text.join(" "), columns, displayWidth(block.first), block.rest, false));
    block = undefined;
  };
  for (const line of page.split("\n")) {
    if (/^\s*```/.test(line)) {
      flush();
      fenced = !fenced;
      out.push(line);
      continue;
    }
    if (fenced || line.trim() === "" || /^\s*#/.test(line) || /^\s*\|/.test(line) || /^ {4}/.test(line)) {
      flush();
      out.push(line);
      continue;
    }
    const marker = ITEM.exec(line) ?? QUOTE.exec(line);
    if (marker !== null) {
      flush();
      const first = marker[0];
      // A quote's continuation lines carry its `>`; an item's are indented under its text.
      block = { first, rest: first.includes(">") ? first : " ".repeat(displayWidth(first)), text: [line.slice(first.length).trim()] };
      continue;
    }
    if (block !== undefined) block.text.push(line.trim());
    else block = { first: "", rest: "", text: [line.trim()] };
  }
  flush();
  return out.join("\n");
}
