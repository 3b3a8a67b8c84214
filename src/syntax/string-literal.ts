/** Where a string literal ends: one definition for the scanner and for the token patterns. */

/**
 * Scans a string from its opening quote: characters other than `"`, backslash and line breaks, or a
 * backslash followed by anything but a line break (a loop: a regular expression with an alternation under
 * `*` overflowed V8's stack on a 10 MB literal). The offset just past the closing quote, or, negated minus
 * one, where an unterminated string stops.
 */
export function scanString(text: string, offset: number): number {
  let i = offset + 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 10 || c === 13) return -i - 1;
    if (c === 92 /* backslash */) {
      const next = text.charCodeAt(i + 1);
      // A backslash at the end of the line or file belongs to the unterminated string.
      if (i + 1 >= n || next === 10 || next === 13) return -(i + 1) - 1;
      i += 2;
      continue;
    }
    i += 1;
  }
  return -n - 1;
}
