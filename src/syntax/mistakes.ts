/**
 * Likely mistakes, found in the token stream before parsing: `cores: 8`, `freq = 2.4 GHz`, `vcpus = 2,`,
 * `};`, `hots h1 {`, `52:54:00:zz:00:01`, `# comment`, YAML-style blocks. Each becomes one syntax error
 * with a help line that says what to write, and the tokens are repaired to what was meant, so parsing
 * goes on and one mistake never turns into a cascade of errors.
 */
import type { IToken, TokenType } from "chevrotain";
import { diagnostic, type Diagnostic, type Fix } from "../diagnostics/diagnostic.js";
import { BLOCK_KINDS } from "./ast.js";
import { scan } from "./scanner.js";
import { LineIndex } from "./span.js";
import * as t from "./tokens.js";

export interface Repaired {
  readonly tokens: IToken[];
  readonly diagnostics: Diagnostic[];
  /** The file is written in another language's shape (YAML indentation): its one error says so, and parsing stops. */
  readonly stop: boolean;
  /** Stopped because `budget` mistakes were found: there may be more. */
  readonly truncated?: boolean;
}

/** A copy of a token as another type (and, optionally, another text and place). */
function retype(token: IToken, type: TokenType, image = token.image, startOffset = token.startOffset, endOffset = startOffset + image.length - 1): IToken {
  return { ...token, image, startOffset, endOffset, tokenType: type, tokenTypeIdx: type.tokenTypeIdx! };
}

/** Block kinds, and words people write for them (`interface`, `bridge`, `guest`, ...). */
const BLOCK_WORDS: Readonly<Record<string, TokenType>> = {
  host: t.Host,
  nic: t.Nic,
  pf: t.Pf,
  vswitch: t.Vswitch,
  vm: t.Vm,
  container: t.Container,
  iface: t.Iface,
  traffic: t.Traffic,
  simulation: t.Simulation,
  cost: t.Cost,
  template: t.Template,
  import: t.Import,
};
const SYNONYMS: Readonly<Record<string, string>> = {
  interface: "iface",
  if: "iface",
  port: "iface",
  bridge: "vswitch",
  switch: "vswitch",
  ovs: "vswitch",
  guest: "vm",
  instance: "vm",
  domain: "vm",
  machine: "vm",
  server: "host",
  node: "host",
  adapter: "nic",
  card: "nic",
  flow: "traffic",
  include: "import",
  require: "import",
};

/** Edit distance with transpositions (`hsot` → `host` is one edit), capped: only small distances matter here. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The block kind a word was probably meant to be, if any. */
export function blockKindFor(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (lower in BLOCK_WORDS) return lower;
  if (lower in SYNONYMS) return SYNONYMS[lower];
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const kind of Object.keys(BLOCK_WORDS)) {
    const distance = editDistance(lower, kind);
    const allowed = kind.length <= 3 ? 1 : 2;
    if (distance <= allowed && distance < bestDistance) {
      best = kind;
      bestDistance = distance;
    }
  }
  return best;
}

/** Units a number may carry (LANGUAGE.md "Units"), in any letter case: `2.4 GHz`, `10 gbps`. */
const UNIT_WORD = /^(?:[kKmMgGtT]?(?:bps|pps|B|Hz|hz|cyc)|[kKmMgG]iB|ns|us|µs|ms|s)$/;

// What the repair asks of a token's type, as bits in a table by `tokenTypeIdx`, built once: these are asked
// for every token of every file (a Set of types per question cost a lookup each).
const VALUE = 1;
const NAME = 2;
const NAMED_BLOCK = 4;
/** After these, a word on the next line is a name or a value, not a block kind. */
const BEFORE_NAME_OR_VALUE = 8;
const BLOCK_NAME_FOLLOWER = 16;
const DELIMITER = 32;
const TYPE_BITS = ((): Uint8Array => {
  const groups: [number, readonly TokenType[]][] = [
    [VALUE, [t.Quantity, t.NumberLiteral, t.StringLiteral, t.UnterminatedString, t.Mac, t.Pci, t.True, t.False, t.Auto]],
    [NAME, [t.Identifier, ...t.KEYWORDS_AS_NAMES]],
    [NAMED_BLOCK, t.NAMED_BLOCK_KEYWORDS],
    [BEFORE_NAME_OR_VALUE, [t.Template, t.Colon, t.Equals, t.Comma, t.Dot, t.Import]],
    [BLOCK_NAME_FOLLOWER, [t.LCurly, t.LBracket, t.Colon]],
    [DELIMITER, [t.LCurly, t.RCurly, t.LBracket, t.RBracket, t.LParen, t.RParen]],
  ];
  const bits = new Uint8Array(Math.max(...t.allTokens.map((type) => type.tokenTypeIdx!)) + 1);
  for (const [bit, types] of groups) for (const type of types) bits[type.tokenTypeIdx!]! |= bit;
  return bits;
})();

/** Whether a token's type has `bit` (false for no token). */
function has(token: IToken | undefined, bit: number): boolean {
  return token !== undefined && ((TYPE_BITS[token.tokenTypeIdx] ?? 0) & bit) !== 0;
}

function isName(token: IToken | undefined): boolean {
  return has(token, NAME);
}

function isNamedBlockKeyword(token: IToken | undefined): boolean {
  return has(token, NAMED_BLOCK);
}

const HEX_BYTE = /^[0-9A-Fa-f]{2}$/;

/** What a delimiter still open is: `{`, `[` or `(` (0: none). */
const CURLY = 1;
const BRACKET = 2;
const PAREN = 3;

/**
 * The delimiters still open, token by token: commas and semicolons mean something else inside `[` and
 * `(`. A `}` closes whatever `[` or `(` was left open inside its block (the parser reports those). Kept
 * as codes in a typed array: it is asked for every token of every file.
 */
class OpenDelimiters {
  private codes = new Uint8Array(16);
  private count = 0;
  private innermost = 0;

  /** Takes a token in; returns the innermost delimiter open after it: CURLY, BRACKET, PAREN or 0. */
  after(token: IToken): number {
    if (has(token, DELIMITER)) this.take(token.tokenType);
    return this.innermost;
  }

  private take(type: TokenType): void {
    if (type === t.LBracket || type === t.LParen || type === t.LCurly) {
      if (this.count === this.codes.length) {
        const grown = new Uint8Array(this.count * 2);
        grown.set(this.codes);
        this.codes = grown;
      }
      this.codes[this.count++] = type === t.LCurly ? CURLY : type === t.LBracket ? BRACKET : PAREN;
    } else if (type === t.RCurly) {
      let brace = this.count - 1;
      while (brace >= 0 && this.codes[brace] !== CURLY) brace--;
      this.count = Math.max(0, brace);
    } else if (this.count > 0 && this.codes[this.count - 1] !== CURLY) this.count--; // `]`, `)`
    this.innermost = this.count > 0 ? this.codes[this.count - 1]! : 0;
  }
}

// The mistakes `repairEach` repairs, one bit each (a token may be taken for more than one: they are
// tried in `repairEach`'s order). `mistakesAt` decides which a token may be.
/** `host h1:` with nothing after the colon on its line: YAML's shape. Stops the repair. */
const YAML_BLOCK = 1 << 0;
/** `cores: 8` */
const COLON_FOR_EQUALS = 1 << 1;
/** `cores == 8` (`= =` with a space is left to the parser: a value is missing there) */
const DOUBLE_EQUALS = 1 << 2;
/** `vcpus = 2,` */
const COMMA_OUTSIDE_LIST = 1 << 3;
/** `[a; b]` */
const SEMICOLON_IN_LIST = 1 << 4;
/** `};` (a `;` after an attribute, `vcpus = 2;`, is left to the parser) */
const SEMICOLON_AFTER_BLOCK = 1 << 5;
/** `freq = 2.4 GHz`, if the word is a unit on the same line, after spaces only */
const SPACED_UNIT = 1 << 6;
/** `pin = 2-5` */
const DASH_RANGE = 1 << 7;
/** `pin = 2...5` */
const THREE_DOTS = 1 << 8;
/** `52:54:00:zz:00:01`, `52-54-00-00-00-01`, `5254.0000.0001` */
const BAD_MAC = 1 << 9;
/** `03:00.0`, `0000:3b:00.z` */
const BAD_PCI = 1 << 10;
/** `'text'` */
const SINGLE_QUOTES = 1 << 11;
/** `hots h1 {`, `interface eth0 {`, at the start of a line or block */
const MISSPELT_BLOCK_KIND = 1 << 12;
/** `improt "x"`, at the start of a line or block, if the word is near `import` */
const MISSPELT_IMPORT = 1 << 13;
/** `vm { … }` */
const NAMELESS_BLOCK = 1 << 14;
/** `[security_groups mirroring]` */
const LIST_WITHOUT_COMMA = 1 << 15;
/** `cores 8`, at the start of a line or block, on one line */
const MISSING_EQUALS = 1 << 16;
/** `0x1f`, `1e3`, `2.5e9Hz`: hexadecimal or scientific notation (the lexer reads `0x`, `1e` as quantities) */
const NUMBER_NOTATION = 1 << 17;
/** `vm a :` with nothing after the colon and a next line no deeper than `vm`: a template use being typed */
const TEMPLATE_NAME_MISSING = 1 << 18;

/** The mistakes a token is by its type alone, by `tokenTypeIdx`. */
const MISTAKE_OF_TYPE = ((): Int32Array => {
  const kinds = new Int32Array(TYPE_BITS.length);
  const groups: [number, readonly TokenType[]][] = [
    [DASH_RANGE, [t.DashRange]],
    [BAD_MAC, [t.BadMac, t.DashMac, t.DotMac]],
    [BAD_PCI, [t.BadPci]],
    [SINGLE_QUOTES, [t.SingleQuotedString]],
  ];
  for (const [kind, types] of groups) for (const type of types) kinds[type.tokenTypeIdx!] = kind;
  return kinds;
})();

/**
 * Which mistakes the token at `i` may be, as bits (0: none): the one place that decides it. Each bit's
 * conditions are all of its repair's but those noted on its constant ("if …", "on the same line", "at
 * the start of a line": line numbers, a unit's spelling), which `repairEach` asks after, of a token with
 * the bit. `repairEach` repairs only a token with a bit, and `mayNeedRepair` asks whether any token has
 * one, so where it says no the repair finds nothing, by construction. `previous` and `beforePrevious` are
 * the tokens before it as repaired so far; `innermost` what `OpenDelimiters.after` returned for it.
 * (Asked for every token of every file, most with no mistake: the questions that rule out the most come
 * first.)
 */
function mistakesAt(input: readonly IToken[], i: number, previous: IToken | undefined, beforePrevious: IToken | undefined, innermost: number, lines: LineIndex): number {
  const token = input[i]!;
  const type = token.tokenType;
  let kinds: number;
  if (type === t.Identifier) kinds = innermost === BRACKET || innermost === PAREN ? 0 : wordMistakes(input, i, previous);
  else if (type === t.Equals) kinds = previous?.tokenType === t.Equals && previous.startOffset + 1 === token.startOffset ? DOUBLE_EQUALS : 0;
  // (The `=` after is asked first: a number is mostly followed by the next attribute's name, on the next line.)
  else if (type === t.NumberLiteral) kinds = input[i + 1]?.tokenType === t.Identifier && input[i + 2]?.tokenType !== t.Equals ? SPACED_UNIT : 0;
  else kinds = otherMistakes(input, i, previous, beforePrevious, innermost, lines);
  if (innermost === BRACKET && previous !== undefined && (has(previous, NAME | VALUE) || previous.tokenType === t.RBracket || previous.tokenType === t.RParen) && has(token, NAME | VALUE)) kinds |= LIST_WITHOUT_COMMA;
  return kinds;
}

/**
 * `mistakesAt` of a word outside `[` and `(`. Not after a block keyword, `template`, `:` or `=`: there a
 * word on the next line is a name or a value. (Whether a block or a string follows is asked first: the
 * name that starts each attribute's line is followed by neither.)
 */
function wordMistakes(input: readonly IToken[], i: number, previous: IToken | undefined): number {
  const next = i + 1 < input.length ? input[i + 1] : undefined;
  let kinds = 0;
  if ((isName(next) && has(input[i + 2], BLOCK_NAME_FOLLOWER)) || next?.tokenType === t.LCurly) {
    if (!has(previous, NAMED_BLOCK | BEFORE_NAME_OR_VALUE)) kinds = MISSPELT_BLOCK_KIND;
  } else if (next?.tokenType === t.StringLiteral && !has(previous, NAMED_BLOCK | BEFORE_NAME_OR_VALUE)) kinds = MISSPELT_IMPORT;
  if (has(next, VALUE)) kinds |= MISSING_EQUALS;
  return kinds;
}

/** `mistakesAt` of a token that is not a word, `=` or a number. */
function otherMistakes(input: readonly IToken[], i: number, previous: IToken | undefined, beforePrevious: IToken | undefined, innermost: number, lines: LineIndex): number {
  const token = input[i]!;
  const type = token.tokenType;
  const topLevelOfBlock = innermost === 0 || innermost === CURLY;
  if (type === t.Colon) return colonMistakes(input, i, previous, beforePrevious, lines);
  if (type === t.Comma) return topLevelOfBlock ? COMMA_OUTSIDE_LIST : 0;
  if (type === t.Semicolon) {
    if (!topLevelOfBlock) return SEMICOLON_IN_LIST;
    return previous === undefined || previous.tokenType === t.RCurly || previous.tokenType === t.LCurly || previous.tokenType === t.Semicolon ? SEMICOLON_AFTER_BLOCK : 0;
  }
  if (type === t.Dot) return previous?.tokenType === t.DotDot ? THREE_DOTS : 0;
  if (type === t.Quantity) return notationLength(input, i) > 0 ? NUMBER_NOTATION : 0;
  if (topLevelOfBlock && isNamedBlockKeyword(token) && input[i + 1]?.tokenType === t.LCurly && previous?.tokenType !== t.Equals) return NAMELESS_BLOCK;
  return MISTAKE_OF_TYPE[token.tokenTypeIdx] ?? 0;
}

const HEX_START = /^0[xX][0-9A-Fa-f]*$/;
const HEX_DIGITS = /^[0-9A-Fa-f]+$/;
const MANTISSA = /^\d+(?:\.\d+)?[eE]$/;
const EXPONENT = /^\d/;

/** Whether `b` starts right where `a` ends (no space or comment between them). */
function adjacent(a: IToken, b: IToken | undefined): b is IToken {
  return b !== undefined && a.startOffset + a.image.length === b.startOffset;
}

function isNumberToken(token: IToken): boolean {
  return token.tokenType === t.NumberLiteral || token.tokenType === t.Quantity;
}

/**
 * How many tokens, from the quantity at `i`, spell one number in hexadecimal (`0x1f` is `0x` then `1f`,
 * `0xff` one token) or scientific notation (`1e3` is `1e` then `3`); 0 when they do not.
 */
function notationLength(input: readonly IToken[], i: number): number {
  const token = input[i]!;
  const image = token.image;
  if (HEX_START.test(image)) {
    let j = i + 1;
    while (adjacent(input[j - 1]!, input[j]) && isNumberToken(input[j]!) && HEX_DIGITS.test(input[j]!.image)) j++;
    return j > i + 1 || image.length > 2 ? j - i : 0;
  }
  const next = input[i + 1];
  return MANTISSA.test(image) && adjacent(token, next) && isNumberToken(next) && EXPONENT.test(next.image) ? 2 : 0;
}

/** `2.5` times ten to `exponent`, in decimal digits (`2500000000` for 9). */
function shiftPoint(mantissa: string, exponent: number): string {
  const [whole, fraction = ""] = mantissa.split(".") as [string, string?];
  const digits = whole + fraction;
  const point = whole.length + exponent;
  const shifted = point >= digits.length ? digits + "0".repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return shifted.replace(/^0+(?=\d)/, "");
}

/**
 * The mistakes a `:` (at `i`) may be: YAML's shape, if nothing follows it on its line but a template's
 * name and `{` (`vm web :` then `small {` on the next line is valid); `=` written as `:`, if a value
 * follows on its line, unless it is a template's colon (`vm web : small`). Both need line numbers: asked
 * here, as a `:` after a name is common (every template's use).
 */
function colonMistakes(input: readonly IToken[], i: number, previous: IToken | undefined, beforePrevious: IToken | undefined, lines: LineIndex): number {
  if (!isName(previous)) return 0;
  const token = input[i]!;
  const next = i + 1 < input.length ? input[i + 1] : undefined;
  if (next === undefined) return YAML_BLOCK;
  const sameLine = lines.lineOf(next.startOffset) === lines.lineOf(token.startOffset);
  if (!sameLine) {
    if (isName(next) && input[i + 2]?.tokenType === t.LCurly) return 0;
    // YAML indents what a `:` opens, and its lines are `key:`; after `vm a :` a next line that is no deeper
    // and no such key (`vm b {`, `}`, `cores = 4`) is the file going on below a template's use still being typed.
    const deeper = lines.columnOf(next.startOffset) > lines.columnOf((isNamedBlockKeyword(beforePrevious) ? beforePrevious : previous)!.startOffset);
    const yamlKey = input[i + 2]?.tokenType === t.Colon;
    return !deeper && !yamlKey && isNamedBlockKeyword(beforePrevious) ? TEMPLATE_NAME_MISSING : YAML_BLOCK;
  }
  return isNamedBlockKeyword(beforePrevious) ? 0 : COLON_FOR_EQUALS;
}

/**
 * Whether any token of `input` may be a mistake `repairEach` repairs (`mistakesAt`). False means the
 * repair would find nothing: `repairTokens` returns `input` as it is, without the repair's loop. A small
 * loop of its own because it runs over every token of every file (most have no mistake): the repair's
 * loop, large, was a long compilation (twice per cold check, the second after a deoptimisation).
 */
export function mayNeedRepair(input: readonly IToken[], lines: LineIndex): boolean {
  const open = new OpenDelimiters();
  const count = input.length;
  for (let i = 0; i < count; i++) {
    const innermost = open.after(input[i]!);
    if (mistakesAt(input, i, i >= 1 ? input[i - 1] : undefined, i >= 2 ? input[i - 2] : undefined, innermost, lines) !== 0) return true;
  }
  return false;
}

/** Stops (as the parser does) once `budget` mistakes have been found: past that, more errors help no one. */
export function repairTokens(input: readonly IToken[], lines: LineIndex, budget = Number.POSITIVE_INFINITY): Repaired {
  if (budget > 0 && !mayNeedRepair(input, lines)) return { tokens: input as IToken[], diagnostics: [], stop: false };
  return repairEach(input, lines, budget);
}

/** `repairTokens` without asking `mayNeedRepair` first: every token looked at (exported for the test that compares the two). */
export function repairEach(input: readonly IToken[], lines: LineIndex, budget: number): Repaired {
  // The repaired tokens: the input itself until the first repair (most files have none), a copy from then on.
  let out: IToken[] | undefined;
  let i = 0;
  const edit = (): IToken[] => (out ??= input.slice(0, i));
  const diagnostics: Diagnostic[] = [];
  const text = lines.text;
  const span = (token: IToken) => lines.span(token.startOffset, token.startOffset + token.image.length);
  const lineOf = (token: IToken | undefined) => (token === undefined ? -1 : lines.lineOf(token.startOffset));
  /** A fix that replaces the token's text (safe: the mistake has one reading). */
  const replace = (token: IToken, text: string, description: string, safe = true): Fix => ({ description, safe, edits: [{ range: span(token), text }] });
  const report = (token: IToken, message: string, help: string, fix?: Fix) =>
    diagnostics.push(diagnostic("syntax", "error", span(token), message, { help, fixes: fix === undefined ? undefined : [fix] }));
  const open = new OpenDelimiters();

  for (; i < input.length; i++) {
    if (diagnostics.length >= budget) return { tokens: edit(), diagnostics, stop: true, truncated: true };
    const token = input[i]!;
    const outLength = out === undefined ? i : out.length;
    // (Reads guarded, never at a negative index: `list[-1]` is a property lookup, not an element's, and
    // made these reads, asked for every token, go the slow way.)
    const previous = outLength >= 1 ? (out === undefined ? input[i - 1] : out[outLength - 1]) : undefined;
    const beforePrevious = outLength >= 2 ? (out === undefined ? input[i - 2] : out[outLength - 2]) : undefined;
    const next = i + 1 < input.length ? input[i + 1] : undefined;
    const type = token.tokenType;

    const mistakes = mistakesAt(input, i, previous, beforePrevious, open.after(token), lines);
    if (mistakes === 0) {
      out?.push(token);
      continue;
    }

    if ((mistakes & YAML_BLOCK) !== 0) {
      const header = outLength >= 2 && isNamedBlockKeyword(beforePrevious) ? `${beforePrevious!.image} ${previous!.image}` : previous!.image;
      diagnostics.push(
        diagnostic("syntax", "error", span(token), "a block is written with braces, not with `:` and indentation", {
          help: `write \`${header} { … }\`, with \`name = value\` attributes inside the braces (see the example in LANGUAGE.md)`,
        }),
      );
      return { tokens: edit(), diagnostics, stop: true };
    }

    // `vm a :` being typed: said at the colon, and the unfinished header left out, so that the rest of the
    // file (the blocks below it) parses as it is and an editor keeps its outline, folding and colours.
    if ((mistakes & TEMPLATE_NAME_MISSING) !== 0) {
      report(token, `expected a template's name after \`${beforePrevious!.image} ${previous!.image} :\``, `write \`${beforePrevious!.image} ${previous!.image} : template_name { … }\`, or \`${beforePrevious!.image} ${previous!.image} { … }\` without a template`);
      const repaired = edit();
      repaired.length -= 2; // the block keyword and the name
      continue;
    }

    // `cores: 8` (JSON, YAML): an attribute is written with `=`.
    if ((mistakes & COLON_FOR_EQUALS) !== 0) {
      report(token, `expected '=' after \`${previous!.image}\` but found ':'`, `attributes are written \`${previous!.image} = value\`: replace \`:\` with \`=\``, replace(token, /\s/.test(text[token.startOffset - 1] ?? " ") ? "=" : " =", "replace `:` with `=`"));
      edit().push(retype(token, t.Equals, "="));
      continue;
    }

    // `cores == 8`, as in C.
    if ((mistakes & DOUBLE_EQUALS) !== 0) {
      report(token, "unexpected second '='", "an attribute is `name = value`, with one `=`: remove this one", replace(token, "", "remove the second `=`"));
      edit(); // drops the token
      continue;
    }

    // `vcpus = 2,` at the end of an attribute, `[a; b]`, and `};` after a block.
    if ((mistakes & COMMA_OUTSIDE_LIST) !== 0) {
      report(token, "unexpected ','", "attributes are separated by line breaks, not commas: remove the `,`", replace(token, "", "remove the `,`"));
      edit(); // drops the token
      continue;
    }
    if ((mistakes & SEMICOLON_IN_LIST) !== 0) {
      report(token, "unexpected ';' inside a list", "separate list and argument items with `,`", replace(token, ",", "replace `;` with `,`"));
      edit().push(retype(token, t.Comma, ","));
      continue;
    }
    if ((mistakes & SEMICOLON_AFTER_BLOCK) !== 0) {
      report(token, "unexpected ';'", "a block ends at its `}` and needs no `;`: remove it", replace(token, "", "remove the `;`"));
      edit(); // drops the token
      continue;
    }

    // `cores = 0x1f`, `freq = 2.5e9Hz`: the language writes numbers in decimal only.
    if ((mistakes & NUMBER_NOTATION) !== 0) {
      const count = notationLength(input, i);
      const last = input[i + count - 1]!;
      const written = text.slice(token.startOffset, last.startOffset + last.image.length);
      let decimal: string;
      let what: string;
      if (HEX_START.test(token.image)) {
        decimal = BigInt(written).toString();
        what = "a hexadecimal number";
      } else {
        const [, exponent, unit] = /^(\d+)(.*)$/.exec(last.image)!;
        // Past 10^30 no count, size or rate is meant: say what the notation is without spelling it out.
        decimal = Number(exponent) <= 30 ? `${shiftPoint(token.image.slice(0, -1), Number(exponent))}${unit!}` : "";
        what = "in scientific notation";
      }
      const range = lines.span(token.startOffset, last.startOffset + last.image.length);
      diagnostics.push(
        diagnostic("syntax", "error", range, `\`${written}\` is ${what}: numbers are written in decimal`, {
          help: decimal === "" ? "write the number in decimal digits" : `write \`${decimal}\``,
          fixes: decimal === "" ? undefined : [{ description: `write \`${decimal}\``, safe: true, edits: [{ range, text: decimal }] }],
        }),
      );
      const repaired = decimal === "" ? "0" : decimal;
      edit().push({ ...retype(token, /^[\d.]+$/.test(repaired) ? t.NumberLiteral : t.Quantity, repaired), endOffset: last.startOffset + last.image.length - 1 });
      i += count - 1;
      continue;
    }

    // `freq = 2.4 GHz`: a space between a number and its unit.
    if ((mistakes & SPACED_UNIT) !== 0 && next !== undefined && lineOf(next) === lineOf(token) && UNIT_WORD.test(next.image)) {
      const gap = text.slice(token.startOffset + token.image.length, next.startOffset);
      // `lat = 12.3 µs`, as a report prints it: the micro sign starts no token, so the scanner skipped it
      // (and the lexer left it to this repair, lexer.ts `spacedMicro`), and the word after it is `s`.
      const micro = next.image === "s" && /^[ \t]+[\u00b5\u03bc]$/.test(gap) ? gap[gap.length - 1]! : "";
      if (/^[ \t]+$/.test(gap) || micro !== "") {
        const unit = `${micro}${next.image}`;
        const joined = `${token.image}${unit}`;
        diagnostics.push(
          diagnostic("syntax", "error", lines.span(token.startOffset, next.startOffset + next.image.length), `a space separates the number ${token.image} from its unit \`${unit}\``, {
            help: `write the unit right after the number: \`${joined}\``,
            fixes: [{ description: "remove the space", safe: true, edits: [{ range: lines.span(token.startOffset, next.startOffset + next.image.length), text: joined }] }],
          }),
        );
        edit().push({ ...retype(token, t.Quantity, joined), endOffset: next.startOffset + next.image.length - 1 });
        i++;
        continue;
      }
    }

    // `pin = 2-5`, `pin = 2...5`
    if ((mistakes & DASH_RANGE) !== 0) {
      const [from, to] = token.image.split("-") as [string, string];
      report(token, `\`${token.image}\` is not a range`, `a range is written with two dots: \`${from}..${to}\``, replace(token, `${from}..${to}`, `write \`${from}..${to}\``));
      edit().push(retype(token, t.NumberLiteral, from));
      edit().push(retype(token, t.DotDot, "..", token.startOffset + from.length));
      edit().push(retype(token, t.NumberLiteral, to, token.startOffset + from.length + 1));
      continue;
    }
    if ((mistakes & THREE_DOTS) !== 0) {
      report(token, "a range has two dots, not three", `write \`..\`: \`2..5\` includes both ends`, replace(token, "", "remove the third dot"));
      edit(); // drops the token
      continue;
    }

    if ((mistakes & BAD_MAC) !== 0) {
      if (type === t.DotMac) {
        // The parser is handed the MAC that was meant, in the one form the rest of sriovc reads.
        const colons = token.image.replaceAll(".", "").toLowerCase().replace(/(..)(?!$)/g, "$1:");
        edit().push(retype(token, t.Mac, colons, token.startOffset, token.endOffset));
        report(
          token,
          `\`${token.image}\` is not a MAC address in the accepted form: a MAC is six bytes with ':' between them, not three groups with '.' (Cisco's form)`,
          `write \`${colons}\``,
          replace(token, colons, "write the MAC with `:`"),
        );
        continue;
      }
      edit().push(retype(token, t.Mac));
      if (type === t.DashMac) {
        report(token, `a MAC address is written with ':' between its bytes, not '-'`, `write \`${token.image.replaceAll("-", ":")}\``, replace(token, token.image.replaceAll("-", ":"), "write the MAC with `:`"));
        continue;
      }
      const groups = token.image.split(":");
      const bad = groups.find((g) => !HEX_BYTE.test(g));
      if (groups.length !== 6) {
        report(token, `\`${token.image}\` is not a MAC address: it has ${groups.length} bytes, not 6`, "a MAC address is six bytes of two hex digits, such as `52:54:00:12:34:56`, or `mac = auto`");
      } else {
        report(
          token,
          `\`${token.image}\` is not a MAC address: \`${bad}\` is not a byte in hex`,
          "each of the six bytes is two hex digits (0-9, a-f), such as `52:54:00:12:34:56`; or write `mac = auto`",
        );
      }
      continue;
    }
    if ((mistakes & BAD_PCI) !== 0) {
      edit().push(retype(token, t.Pci));
      const parts = token.image.split(/[:.]/);
      if (parts.length === 3 && /^[0-9A-Fa-f]{2}$/.test(parts[0]!) && /^[0-9A-Fa-f]{2}$/.test(parts[1]!) && /^[0-7]$/.test(parts[2]!)) {
        report(token, `the PCI address \`${token.image}\` has no domain`, `write the full address, as \`lspci -D\` prints it: \`0000:${token.image}\``, replace(token, `0000:${token.image}`, "add the domain `0000:` (the usual one: check `lspci -D`)", false));
      } else {
        report(
          token,
          `\`${token.image}\` is not a PCI address`,
          "a PCI address is `domain:bus:device.function` in hex: four, two and two digits, then one (`0000:03:00.1`); `lspci -D` lists them",
        );
      }
      continue;
    }
    if ((mistakes & SINGLE_QUOTES) !== 0) {
      report(token, "strings are written in double quotes", `write \`"${token.image.slice(1, -1)}"\``, replace(token, `"${token.image.slice(1, -1)}"`, "use double quotes"));
      edit().push(retype(token, t.StringLiteral, `"${token.image.slice(1, -1).replaceAll('"', "'")}"`));
      continue;
    }

    // `hots h1 {`, `interface eth0 {`, `improt "x"`: a word where a block kind belongs. (Edit distances
    // only there: a name at the start of every line is common.)
    if (
      (mistakes & (MISSPELT_BLOCK_KIND | MISSPELT_IMPORT)) !== 0 &&
      (previous === undefined || previous.tokenType === t.LCurly || previous.tokenType === t.RCurly || lineOf(previous) < lineOf(token))
    ) {
      const kind = blockKindFor(token.image);
      if ((mistakes & MISSPELT_IMPORT) !== 0 && kind === "import") {
        report(token, `\`${token.image}\` is not a keyword`, "did you mean `import`?", replace(token, "import", "write `import`", false));
        edit().push(retype(token, t.Import, "import"));
        continue;
      }
      if ((mistakes & MISSPELT_BLOCK_KIND) !== 0 && kind !== undefined && kind !== "import") {
        report(token, `\`${token.image}\` is not a block kind`, `did you mean \`${kind}\`?`, replace(token, kind, `write \`${kind}\``, false));
        edit().push(retype(token, BLOCK_WORDS[kind]!, kind));
        continue;
      }
      if ((mistakes & MISSPELT_BLOCK_KIND) !== 0) {
        report(token, `\`${token.image}\` is not a block kind`, `blocks are ${BLOCK_KINDS.slice(0, -1).join(", ")} and ${BLOCK_KINDS.at(-1)!}; an attribute is \`name = value\``);
        // Read on as a block, so the rest of the file is still checked for syntax.
        edit().push(retype(token, t.Host));
        continue;
      }
    }

    // `vm { … }`: a block without its name.
    if ((mistakes & NAMELESS_BLOCK) !== 0) {
      report(token, `a \`${token.image}\` block needs a name`, `name it: \`${token.image} NAME { … }\`; other blocks refer to it by that name`);
      edit().push(token);
      edit().push(retype(token, t.Identifier, "_", token.startOffset + token.image.length, token.startOffset + token.image.length - 1));
      continue;
    }

    // `[security_groups mirroring]`: list items without a comma between them.
    if ((mistakes & LIST_WITHOUT_COMMA) !== 0 && previous !== undefined) {
      diagnostics.push(
        diagnostic("syntax", "error", lines.span(previous.startOffset + previous.image.length, lineOf(previous) === lineOf(token) ? token.startOffset : previous.startOffset + previous.image.length), `expected ',' between \`${previous.image}\` and \`${token.image}\``, {
          help: `separate list items with \`,\`: \`${previous.image}, ${token.image}\``,
          fixes: [{ description: "add `,`", safe: true, edits: [{ range: lines.span(previous.startOffset + previous.image.length, previous.startOffset + previous.image.length), text: "," }] }],
        }),
      );
      edit().push(retype(token, t.Comma, ",", previous.startOffset + previous.image.length));
      edit().push(token);
      continue;
    }

    // `cores 8`: a name and a value with no `=` between them, at the start of a line or block.
    if ((mistakes & MISSING_EQUALS) !== 0 && next !== undefined && lineOf(next) === lineOf(token) && (previous === undefined || previous.tokenType === t.LCurly || lineOf(previous) < lineOf(token))) {
      diagnostics.push(
        diagnostic("syntax", "error", lines.span(token.startOffset + token.image.length, next.startOffset), `expected '=' between \`${token.image}\` and its value`, {
          help: `write \`${token.image} = ${next.image}\``,
          fixes: [{ description: "add `=`", safe: true, edits: [{ range: lines.span(token.startOffset + token.image.length, next.startOffset), text: " = " }] }],
        }),
      );
      edit().push(token);
      edit().push(retype(next, t.Equals, "=", token.startOffset + token.image.length));
      continue;
    }

    out?.push(token);
  }
  return { tokens: out ?? (input as IToken[]), diagnostics, stop: false };
}

/**
 * A file without mistakes that takes most of `mayNeedRepair`'s branches (a template's `:` too), which
 * it reads twice at load: V8 gives a function its type feedback only once it has run for a while, so in
 * its first call, on a large file, the statements before its loop were run without any, and the code
 * compiled for its second call was thrown away there ("insufficient type feedback", in some cold checks).
 */
const SETTLE_REPAIR_CHECK = [
  "template vm small { vcpus = 2 }",
  "host h0 {",
  "  nic n0 {\n    pf p0 { pci = 0000:3b:00.0\n vfs = 2\n mtu = 9000B\n rate = 2.5Gbps }\n  }",
  "  vswitch br0 { uplinks = [n0.p0]\n features = [acl, mirroring] }",
  "  vm v[1..2] : small { mac = 52:54:00:00:00:01\n on = true\n iface e { attach = pf(n0.p0) } }",
  "}",
  "traffic t0 { from = v1\n to = wire\n load = 50% }",
].join("\n");

function settleRepairCheck(): void {
  const lines = new LineIndex("", SETTLE_REPAIR_CHECK);
  const tokens = scan(SETTLE_REPAIR_CHECK).tokens;
  for (let round = 0; round < 2; round++) mayNeedRepair(tokens, lines);
}
settleRepairCheck();
