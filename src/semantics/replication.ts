/**
 * Replicated names: `web[1..8]` declares `web1` … `web8` (bounds inclusive, at most 4096 names), and
 * `node[01..64]` declares `node01` … `node64`: zero-padded bounds keep their width, as bash's `{01..64}` does.
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { NamePattern } from "../syntax/ast.js";

export const MAX_REPLICAS = 4096;

/** The names a pattern declares, in order; [] after reporting an invalid range. */
export function expandNamePattern(pattern: NamePattern, diagnostics: Diagnostic[]): string[] {
  const base = pattern.base.name;
  if (pattern.range === undefined) return [base];
  const { from, to, span } = pattern.range;
  if (!Number.isInteger(from.value) || !Number.isInteger(to.value) || from.value < 0 || to.value < 0) {
    diagnostics.push(diagnostic("invalid-value", "error", span, `the bounds of \`${base}[${from.raw}..${to.raw}]\` must be whole numbers ≥ 0`));
    return [];
  }
  // Past 2^53 - 1 a bound is not exact: `web[9007199254740993..9007199254740993]` declared web9007199254740992.
  if (!Number.isSafeInteger(from.value) || !Number.isSafeInteger(to.value)) {
    diagnostics.push(
      diagnostic("invalid-value", "error", span, `the bounds of \`${base}[${from.raw}..${to.raw}]\` must be whole numbers up to ${Number.MAX_SAFE_INTEGER}`, {
        help: `number the copies from 0 or 1, as in \`${base}[1..8]\``,
      }),
    );
    return [];
  }
  if (to.value < from.value) {
    diagnostics.push(
      diagnostic("invalid-value", "error", span, `the range \`[${from.raw}..${to.raw}]\` of \`${base}\` is empty: its end is below its start`, {
        help: `write it upwards: \`${base}[${to.raw}..${from.raw}]\``,
      }),
    );
    return [];
  }
  const count = to.value - from.value + 1;
  if (count > MAX_REPLICAS) {
    diagnostics.push(
      diagnostic("invalid-value", "error", span, `\`${base}[${from.raw}..${to.raw}]\` declares ${count} names; a range may declare at most ${MAX_REPLICAS}`, {
        help: `split it into several blocks of at most ${MAX_REPLICAS} names`,
      }),
    );
    return [];
  }
  const width = Math.max(paddedWidth(from.raw), paddedWidth(to.raw)) > 0 ? Math.max(from.raw.length, to.raw.length) : 0;
  return Array.from({ length: count }, (_, i) => `${base}${String(from.value + i).padStart(width, "0")}`);
}

/**
 * A bound written with a leading zero (`01`, not a lone `0`) asks for copies of one width, the wider
 * bound's, as bash's brace expansion pads `{1..010}` to 001 … 010; 0 when it does not ask.
 */
function paddedWidth(raw: string): number {
  return raw.length > 1 && raw.startsWith("0") ? raw.length : 0;
}
