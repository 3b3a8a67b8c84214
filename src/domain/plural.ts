/**
 * A count with its noun, agreeing with it: `1 core`, `2 cores`, `0 errors`. Every message that counts
 * something says it through this one helper (rules, the pretty renderer, the CLI's partial-report checks),
 * so a count reads alike wherever it is reported.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
