/**
 * The formatter through the package's `sriovc/prettier` export, loaded on first use, as `sriovc fmt` loads
 * it: a static import would put prettier into the start of every command of the bundled CLI. The VS Code
 * extension's bundle (scripts/package-vscode.mjs) swaps this module for formatter-static.ts, which bundles it.
 */
import type * as Formatter from "../format/plugin.js";

const FORMATTER_MODULE: string = "sriovc/prettier";
let formatter: Promise<typeof Formatter> | undefined;

export function loadFormatter(): Promise<typeof Formatter> {
  formatter ??= import(FORMATTER_MODULE) as Promise<typeof Formatter>;
  return formatter;
}
