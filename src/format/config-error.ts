/**
 * The words for a `.prettierrc` the formatter cannot use (a syntax error, a width that is not a whole
 * number), said alike by `sriovc fmt` (exit 2) and the language server's formatting. Apart from
 * format.ts, which loads prettier: the server loads that only when it first formats.
 */
export function invalidFormatConfig(shown: string, error: unknown): string {
  return `invalid prettier configuration for '${shown}': ${error instanceof Error ? error.message : String(error)}`;
}
