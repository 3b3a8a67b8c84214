/**
 * Source text → tokens, by hand in one pass: the patterns of `tokens.ts`, tried in the order chevrotain's
 * lexer would try them, with the same results (test/syntax/lexer.test.ts compares the two on random
 * input). Written out because chevrotain's lexer tried a dozen regular expressions at most offsets and
 * gave every token its own copy of its text: here a name, number, quantity, keyword or punctuation mark
 * that occurs again shares one string (a file repeats a few hundred words), and a regular expression runs
 * only where a MAC or PCI address (or a mistake in one) can start.
 */
import type { IToken, TokenType } from "chevrotain";
import { scanString } from "./string-literal.js";
import * as t from "./tokens.js";

/** A run of characters that no token starts with (chevrotain's lexer error: offset and length). */
export interface ScanError {
  readonly offset: number;
  readonly length: number;
}

export interface Scanned {
  readonly tokens: IToken[];
  /** Line, block (also unterminated) and `#` comments, in source order. */
  readonly comments: IToken[];
  readonly errors: ScanError[];
  /** The string tokens (terminated or not) of `tokens`, in order: what the lexer checks further. */
  readonly strings: IToken[];
  /** Where the scan stopped: the end of the text, or where a part of a large file ends (`scanner`). */
  readonly end: number;
  /** How deep `{`, `[` and `(` were nested at most (a closing one with none open counts as none). */
  readonly deepest: number;
}

function sticky(type: TokenType): RegExp {
  return new RegExp((type.PATTERN as RegExp).source, "y");
}

const MAC = sticky(t.Mac);
const PCI = sticky(t.Pci);
const BAD_MAC = sticky(t.BadMac);
const DASH_MAC = sticky(t.DashMac);
const DOT_MAC = sticky(t.DotMac);
const BAD_PCI = sticky(t.BadPci);
const DASH_RANGE = sticky(t.DashRange);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAlnum = (c: number): boolean => isDigit(c) || isLetter(c);
/** `[ \t\r\n\f\v]`: the whitespace tokens.ts skips. */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** Single-character punctuation by character code; `.` is handled apart (`..`). */
const PUNCTUATION = new Map<number, TokenType>([
  [123, t.LCurly],
  [125, t.RCurly],
  [91, t.LBracket],
  [93, t.RBracket],
  [40, t.LParen],
  [41, t.RParen],
  [61, t.Equals],
  [59, t.Semicolon],
  [44, t.Comma],
  [58, t.Colon],
]);

/** The same by character code, as arrays (the scanner asks for every punctuation mark of a file). */
const PUNCTUATION_TYPE: (TokenType | undefined)[] = Array.from({ length: 128 }, (_, code) => PUNCTUATION.get(code));
const PUNCTUATION_IMAGE: (string | undefined)[] = PUNCTUATION_TYPE.map((type, code) => (type === undefined ? undefined : String.fromCharCode(code)));

const EMPTY_HASHES = new Int32Array(0);
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const KEYWORDS: readonly TokenType[] = [...t.KEYWORDS_AS_NAMES, t.True, t.False, t.Auto];

/**
 * One string per distinct word of a file, found by hashing its characters in the source, so a repeated
 * word allocates nothing; each entry also remembers its token type (keywords are entered first).
 */
class Words {
  // Initialised here and sized by `allocate`: two stores from the first table on, so V8 never takes the
  // fields for constants, which it does for a field stored once; optimised code that relied on that
  // (`find`, and `scanRange` with it inlined) was thrown away at the first `grow`.
  private size = 0;
  private mask = 0;
  private hashes = EMPTY_HASHES;
  private images: (string | undefined)[] = [];
  private types: (TokenType | undefined)[] = [];

  /**
   * `capacity` starts small so that `grow` runs while the keywords are entered and in the first lines
   * of every file, before V8 optimises `find`: its first call in optimised code was a deoptimisation.
   */
  constructor(
    private readonly text: string,
    capacity = 16,
  ) {
    this.allocate(capacity);
  }

  private allocate(capacity: number): void {
    this.mask = capacity - 1;
    this.hashes = new Int32Array(capacity);
    this.images = new Array<string | undefined>(capacity).fill(undefined);
    this.types = new Array<TokenType | undefined>(capacity).fill(undefined);
  }

  /** FNV-1a, 32 bits. */
  static hash(text: string, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
    return h;
  }

  /** Enters a word that is not in the text (a keyword). */
  seed(image: string, type: TokenType): void {
    this.insert(Words.hash(image, 0, image.length), image, type);
  }

  /** The entry for `text[start, end)`, made with `type` if new; the index of its slot. */
  find(start: number, end: number, type: TokenType): number {
    return this.findHashed(start, end, Words.hash(this.text, start, end), type);
  }

  /** `find`, with the hash of `text[start, end)` worked out by the caller as it read the word. */
  findHashed(start: number, end: number, h: number, type: TokenType): number {
    const text = this.text;
    const length = end - start;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const image = this.images[slot];
      if (image === undefined) return this.insert(h, text.slice(start, end), type);
      if (this.hashes[slot] !== h || image.length !== length) continue;
      let same = true;
      for (let i = 0; i < length; i++) {
        if (image.charCodeAt(i) !== text.charCodeAt(start + i)) {
          same = false;
          break;
        }
      }
      if (same) return slot;
    }
  }

  image(slot: number): string {
    return this.images[slot]!;
  }

  type(slot: number): TokenType {
    return this.types[slot]!;
  }

  private insert(h: number, image: string, type: TokenType): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    let slot = h & this.mask;
    while (this.images[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.hashes[slot] = h;
    this.images[slot] = image;
    this.types[slot] = type;
    this.size++;
    return slot;
  }

  private grow(): void {
    const { hashes, images, types } = this;
    this.allocate((this.mask + 1) * 2);
    this.size = 0;
    for (let i = 0; i < images.length; i++) if (images[i] !== undefined) this.insert(hashes[i]!, images[i]!, types[i]!);
  }
}

/** End of a `'…'` string on one line, or -1 (then `'` starts no token). */
function singleQuotedEnd(text: string, offset: number): number {
  for (let i = offset + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 39) return i + 1;
    if (c === 10 || c === 13) return -1;
  }
  return -1;
}

function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i++;
  }
  return i;
}

/** Whether some token can start at `offset` (where chevrotain's lexer resumes after an error). */
function startsToken(text: string, offset: number): boolean {
  const c = text.charCodeAt(offset);
  if (isSpace(c) || isAlnum(c) || c === 95 || c === 34 || c === 35 || c === 46 || PUNCTUATION.has(c)) return true;
  if (c === 47) {
    const next = text.charCodeAt(offset + 1);
    return next === 47 || next === 42;
  }
  return c === 39 && singleQuotedEnd(text, offset) !== -1;
}

/** The comment at `start` (a `/` or `#` there), or undefined where a `/` starts none. */
function scanComment(text: string, start: number): IToken | undefined {
  if (text.charCodeAt(start) === 35 /* # */) return token(text.slice(start, lineEnd(text, start)), start, t.HashComment);
  const next = text.charCodeAt(start + 1);
  if (next === 47) return token(text.slice(start, lineEnd(text, start)), start, t.LineComment);
  if (next !== 42 /* * */) return undefined;
  const close = text.indexOf("*/", start + 2);
  const end = close === -1 ? text.length : close + 2;
  return token(text.slice(start, end), start, close === -1 ? t.UnterminatedBlockComment : t.BlockComment);
}

function match(pattern: RegExp, text: string, offset: number): number {
  pattern.lastIndex = offset;
  return pattern.test(text) ? pattern.lastIndex - offset : 0;
}

/**
 * A token: the fields, and their order, of chevrotain's tokens with `positionTracking: "onlyOffset"`. A
 * class, not an object literal: a literal's objects carry an allocation site, and V8's decision to
 * allocate that site's objects in the old generation (taken at a garbage collection in the middle of
 * a large file, as tokens live long) threw away all optimised code that makes tokens, the scanner with
 * it. With a large file scanned part by part into the same token objects (`scanner`), few tokens are made
 * at all; a whole-file scan (a file with a mistake) was measured no slower with the class (see
 * docs/PERFORMANCE.md, "The syntax stage, second pass").
 */
class Token {
  constructor(
    public image: string,
    public startOffset: number,
    public tokenTypeIdx: number,
    public tokenType: TokenType,
  ) {}
}

function token(image: string, startOffset: number, type: TokenType): IToken {
  return new Token(image, startOffset, type.tokenTypeIdx!, type) as IToken;
}

/**
 * The tokens of one scan, written into `tokens` from index 0: a token object already there (from the
 * previous scan of a `scanner`) is overwritten, a new one made past its end.
 */
class TokenWriter {
  count = 0;

  constructor(readonly tokens: IToken[]) {}

  put(image: string, startOffset: number, type: TokenType): IToken {
    const at = this.count++;
    const tokens = this.tokens;
    // A new token is made and then written like a reused one: the first scan of a file (which makes
    // them all) runs the stores below, so the optimised scanner has seen them when the next part's scan
    // reuses its tokens (a path it had never taken was a deoptimisation in the second part).
    if (at === tokens.length) tokens.push(token(image, startOffset, type));
    const written = tokens[at]!;
    written.image = image;
    written.startOffset = startOffset;
    written.tokenTypeIdx = type.tokenTypeIdx!;
    written.tokenType = type;
    return written;
  }

  /** Whether the last token written is of `type`. */
  lastIs(type: TokenType): boolean {
    return this.count > 0 && this.tokens[this.count - 1]!.tokenType === type;
  }

  /** The tokens written, the array cut to their number. */
  finish(): IToken[] {
    this.tokens.length = this.count;
    return this.tokens;
  }
}

export function scan(text: string): Scanned {
  return scanRange(text, seededWords(text), 0, NEVER, []);
}

/** An `after` no offset reaches: the scan runs to the end of the text. */
const NEVER = Number.POSITIVE_INFINITY;

function seededWords(text: string): Words {
  const words = new Words(text);
  for (const keyword of KEYWORDS) words.seed((keyword.PATTERN as RegExp).source, keyword);
  return words;
}

/**
 * Scans of parts of one text that share one word table: the parser's top level scans a large file part
 * by part (src/syntax/parse.ts) and its names still share one string each. A scan from `from` (where a
 * token may start) stops at the first line start at or after `after` where a top-level declaration
 * seems to begin: no bracket open since `from` (where none was), the last token a `}`, and the line's
 * first character a letter (`end`; the end of the text when there is none). A guess, checked by the
 * caller: a wrong one only makes it parse the whole file. As the scan stops between two tokens, the
 * parts' tokens, one after another, are the whole text's.
 *
 * The scans also share their token objects: a scan's tokens (the array and the objects in it) are
 * valid until the next scan, which overwrites them. The parts are parsed one at a time and nothing
 * parsed keeps a token (the AST holds a token's image and a span made from its offset), so a 100k-line
 * file is scanned into one part's worth of tokens (~14,000) instead of 300,000 made and dropped
 * (23 MiB, and the scavenges that copied each part's tokens while it was parsed).
 */
export function scanner(text: string): (from: number, after: number) => Scanned {
  const words = seededWords(text);
  const tokens: IToken[] = [];
  return (from, after) => scanRange(text, words, from, after, tokens);
}

/** By character code: +1 for `{ [ (`, -1 for `} ] )`, 0 otherwise. */
const NESTING = Int8Array.from({ length: 128 }, (_, code) => (code === 123 || code === 91 || code === 40 ? 1 : code === 125 || code === 93 || code === 41 ? -1 : 0));

/** `reuse`: the tokens of the previous scan of a `scanner`, overwritten (empty for a new array). */
function scanRange(text: string, words: Words, from: number, after: number, reuse: IToken[]): Scanned {
  const tokens = new TokenWriter(reuse);
  const comments: IToken[] = [];
  const errors: ScanError[] = [];
  const strings: IToken[] = [];
  const n = text.length;
  let depth = 0;
  let deepest = 0;
  let offset = from;
  while (offset < n) {
    const c = text.charCodeAt(offset);
    if (isSpace(c)) {
      offset++;
      while (offset < n && isSpace(text.charCodeAt(offset))) offset++;
      // Where a part ends (`scanner`): asked in this order, the cheap questions first.
      if (offset >= after && depth === 0 && text.charCodeAt(offset - 1) === 10 && offset < n && isLetter(text.charCodeAt(offset)) && tokens.lastIs(t.RCurly)) break;
      continue;
    }
    const start = offset;
    // The token that starts here: each branch below finds its type, text and end, and one `put` (after
    // them) writes it. (One call site: V8 compiled a copy of `put` into this function for each of a
    // dozen, which made it a long compilation.) Comments and characters no token starts with continue
    // on their own; no type means none of the branches matched.
    let type: TokenType | undefined;
    let image = "";
    let end = start + 1;
    /** End of the run of letters and digits at `start` (found only where `c` is one). */
    let run = start + 1;
    /** The word hash (`Words.hash`) of `text[start, run)`, worked out as the run is read. */
    let hash = 0;
    if (isAlnum(c)) {
      hash = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
      for (; run < n; run++) {
        const d = text.charCodeAt(run);
        if (!isAlnum(d)) break;
        hash = Math.imul(hash ^ d, FNV_PRIME);
      }
      // MAC and PCI addresses (and the mistakes in them) start with 1-5 letters or digits then `:`, or
      // (written with dashes, or a range `2-5`) then `-`, or (a MAC in Cisco's dotted form) 4 then `.`;
      // only there are their patterns tried.
      const next = text.charCodeAt(run);
      let length = 0;
      if (next === 58 /* : */ && run - start <= 5) {
        if ((length = match(MAC, text, start)) > 0) type = t.Mac;
        else if ((length = match(PCI, text, start)) > 0) type = t.Pci;
        else if ((length = match(BAD_MAC, text, start)) > 0) type = t.BadMac;
        else if ((length = match(BAD_PCI, text, start)) > 0) type = t.BadPci;
      } else if (next === 45 /* - */) {
        if ((length = match(DASH_MAC, text, start)) > 0) type = t.DashMac;
        else if ((length = match(DASH_RANGE, text, start)) > 0) type = t.DashRange;
      } else if (next === 46 /* . */ && run - start === 4) {
        if ((length = match(DOT_MAC, text, start)) > 0) type = t.DotMac;
      }
      if (type !== undefined) {
        end = start + length;
        image = type === t.Pci ? words.image(words.find(start, end, t.Pci)) : text.slice(start, end);
      }
    }
    if (type !== undefined) {
      // An address (or a mistake in one), found above.
    } else if (isDigit(c)) {
      // `\d+(\.\d+)?` then, for a quantity, `[A-Za-zµμ][A-Za-z]*` or `%` (tokens.ts).
      while (end < n && isDigit(text.charCodeAt(end))) end++;
      if (text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) {
        end += 2;
        while (end < n && isDigit(text.charCodeAt(end))) end++;
      }
      type = t.NumberLiteral;
      const unit = text.charCodeAt(end);
      if (unit === 37 /* % */) {
        end++;
        type = t.Quantity;
      } else if (isLetter(unit) || unit === 0xb5 /* µ */ || unit === 0x3bc /* μ */) {
        end++;
        while (end < n && isLetter(text.charCodeAt(end))) end++;
        type = t.Quantity;
      }
      // (A number that is the whole run, as most are, has its hash already.)
      image = words.image(end === run ? words.findHashed(start, end, hash, type) : words.find(start, end, type));
    } else if (isLetter(c) || c === 95 /* _ */) {
      // An identifier, or a keyword when the whole identifier is one (chevrotain's `longer_alt`). Its
      // first `run` characters were read above (none after a `_`).
      if (c === 95) hash = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
      for (end = run; end < n; end++) {
        const d = text.charCodeAt(end);
        if (!(isAlnum(d) || d === 95 || d === 45)) break;
        hash = Math.imul(hash ^ d, FNV_PRIME);
      }
      const slot = words.findHashed(start, end, hash, t.Identifier);
      type = words.type(slot);
      image = words.image(slot);
    } else if (c === 34 /* " */) {
      const stringEnd = scanString(text, start);
      const terminated = stringEnd >= 0;
      end = terminated ? stringEnd : -stringEnd - 1;
      type = terminated ? t.StringLiteral : t.UnterminatedString;
      image = text.slice(start, end);
    } else if (c === 39 /* ' */) {
      const quoteEnd = singleQuotedEnd(text, start);
      if (quoteEnd !== -1) {
        end = quoteEnd;
        type = t.SingleQuotedString;
        image = text.slice(start, end);
      }
    } else if (c === 46 /* . */) {
      const dotDot = text.charCodeAt(start + 1) === 46;
      type = dotDot ? t.DotDot : t.Dot;
      image = dotDot ? ".." : ".";
      end = start + (dotDot ? 2 : 1);
    } else if (c < 128 && PUNCTUATION_TYPE[c] !== undefined) {
      type = PUNCTUATION_TYPE[c]!;
      image = PUNCTUATION_IMAGE[c]!;
      const nesting = NESTING[c]!;
      if (nesting > 0) {
        if (++depth > deepest) deepest = depth;
      } else if (nesting < 0 && depth > 0) depth--;
    } else if (c === 47 /* / */ || c === 35 /* # */) {
      const comment = scanComment(text, start);
      if (comment !== undefined) {
        comments.push(comment);
        offset = start + comment.image.length;
        continue;
      }
    }
    if (type !== undefined) {
      const written = tokens.put(image, start, type);
      if (c === 34) strings.push(written);
      offset = end;
      continue;
    }
    // No token starts here: skip to where one does, as one error.
    offset = start + 1;
    while (offset < n && !startsToken(text, offset)) offset++;
    errors.push({ offset: start, length: offset - start });
  }
  return { tokens: tokens.finish(), comments, errors, strings, end: offset, deepest };
}

/**
 * Every kind of token (each keyword, each mistake the scanner recognises), every kind of comment, and
 * characters no token starts with: what `settleScanner` scans at load.
 */
export const EVERY_BRANCH = [
  "host h0 { nic n0 = e810 { pf p0 { vfs = 2; mtu = 9000B; rate = 2.5Gbps; lat = 12\u00b5s; load = 50% } } }",
  "vswitch container iface traffic simulation cost template import",
  "vm v { mac = 52:54:00:00:00:01; pci = 0000:3b:00.0; bad = 52:54:0:0; dash = 52-54-00-00-00-01; dot = 5254.0000.0001; cores = 2-5 }",
  "short = 03:00.0; k: v; x = pf0.vf(1..3); ok = true; no = false; id = auto; [a, b] 'q' \"s\" \"open",
  "@ $ -",
  "// line\n/* block */ # hash\n/* open",
].join("\n");

/**
 * Scans `EVERY_BRANCH` whole, then again in parts over the first scan's tokens (as a large file is
 * scanned: each part stops where a top-level declaration begins), before any file. V8 optimises
 * `scanRange` within the first ~10,000 lines of a file, with what it has seen so far, and throws the code
 * away at the first thing it has not: a branch never taken (a string, a comment, a scan error, the end of
 * a scan or of a part, a token reused), a token type of another shape (chevrotain's token types have six)
 * stored in a token's field, a second store into a field it had seen stored once (V8 takes such a field
 * for a constant). Each was a deoptimisation in the middle of a cold check, and the scanner (a large
 * function, ~15 ms of compiler time) compiled again: five times per 100k-line check before, twice now
 * (once on the stack in its loop, once whole). Costs ~0.1 ms at load.
 */
function settleScanner(): void {
  const reuse: IToken[] = [];
  scanRange(EVERY_BRANCH, seededWords(EVERY_BRANCH), 0, NEVER, reuse);
  const words = seededWords(EVERY_BRANCH);
  for (let from = 0; from < EVERY_BRANCH.length; ) from = scanRange(EVERY_BRANCH, words, from, from + 1, reuse).end;
}
settleScanner();
