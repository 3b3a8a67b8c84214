/** Formatting as a function: prettier with this project's plugin, the same code path as `prettier --plugin sriovc/prettier`. */
import * as prettier from "prettier";
import plugin, { PARSER_NAME } from "./plugin.js";

export interface FormatOptions {
  /**
   * The file the text comes from, as prettier takes it. No output or rejection names it (a caller names
   * the file itself: docs/API.md), and formatting reads no `.prettierrc` for it: `resolveFormatOptions` does.
   */
  readonly filepath?: string;
  readonly printWidth?: number;
  readonly tabWidth?: number;
  readonly useTabs?: boolean;
  readonly endOfLine?: "lf" | "crlf" | "cr" | "auto";
}

/** Formats one `.sriov` text. Rejects (with `loc`) when the text has a syntax error; check with parseSource first. */
export async function formatSource(text: string, options: FormatOptions = {}): Promise<string> {
  // The widths are checked here too, for every caller (the API passes its options as given).
  if (options.printWidth !== undefined) width("printWidth", options.printWidth);
  if (options.tabWidth !== undefined) width("tabWidth", options.tabWidth);
  return prettier.format(text, { ...options, parser: PARSER_NAME, plugins: [plugin] });
}

/**
 * The options prettier's CLI would use for a file: `.prettierrc` (and overrides) and `.editorconfig`,
 * so `sriovc fmt` prints byte for byte what `prettier --plugin sriovc/prettier` prints.
 */
export async function resolveFormatOptions(filepath: string, options: { readonly fresh?: boolean } = {}): Promise<FormatOptions> {
  // `fresh`: read the files again (the language server runs for hours while `.prettierrc` changes).
  const config = (await prettier.resolveConfig(filepath, { editorconfig: true, useCache: options.fresh !== true })) ?? {};
  const picked: { -readonly [K in keyof FormatOptions]: FormatOptions[K] } = { filepath };
  if (typeof config.printWidth === "number") picked.printWidth = width("printWidth", config.printWidth);
  if (typeof config.tabWidth === "number") picked.tabWidth = width("tabWidth", config.tabWidth);
  if (typeof config.useTabs === "boolean") picked.useTabs = config.useTabs;
  if (config.endOfLine === "lf" || config.endOfLine === "crlf" || config.endOfLine === "cr" || config.endOfLine === "auto") picked.endOfLine = config.endOfLine;
  return picked;
}

/**
 * A width as prettier's own options define it (a whole number from 0): prettier does not check a
 * `.prettierrc`'s value, and the printer then fails to indent by a negative one (`String.repeat`), a crash
 * the user would take for a bug in sriovc instead of a setting to correct.
 */
function width(name: "printWidth" | "tabWidth", value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`\`${name}\` must be a whole number, 0 or more: found ${value}`);
  return value;
}
