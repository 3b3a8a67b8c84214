/** formatter-module.ts for the VS Code extension's self-contained server bundle: the formatter bundled in. */
import * as Formatter from "../format/plugin.js";

export function loadFormatter(): Promise<typeof Formatter> {
  return Promise.resolve(Formatter);
}
