/**
 * Likely mistakes, found in the token stream before parsing: `cores: 8`, `freq = 2.4 GHz`, `vcpus = 2,`,
 * `};`, `hots h1 {`, `52:54:00:zz:00:01`, `# comment`, YAML-style blocks. Each becomes one syntax error
 * with a help line that says what to write, and the tokens are repaired to what was meant, so parsing
 * goes on and one mistake never turns into a cascade of errors.
 */
import type { IToken, TokenType } from "chevrotain";
import { diagnostic, type Diagnostic, type Fix } from "../diagnostics/diagnostic.js";
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
/** Mistakes in themselves: `;` (as often wrong as not: `repairTokens` decides), `2-5`, bad MAC and PCI addresses, `'text'`. */
const ALWAYS_REPAIRED = 32;
const TYPE_BITS = ((): Uint8Array => {
  const groups: [number, readonly TokenType[]][] = [
    [VALUE, [t.Quantity, t.NumberLiteral, t.StringLiteral, t.UnterminatedString, t.Mac, t.Pci, t.True, t.False, t.Auto]],
    [NAME, [t.Identifier, ...t.KEYWORDS_AS_NAMES]],
    [NAMED_BLOCK, t.NAMED_BLOCK_KEYWORDS],
    [BEFORE_NAME_OR_VALUE, [t.Template, t.Colon, t.Equals, t.Comma, t.Dot, t.Import]],
    [BLOCK_NAME_FOLLOWER, [t.LCurly, t.LBracket, t.Colon]],
    [ALWAYS_REPAIRED, [t.Semicolon, t.DashRange, t.BadMac, t.DashMac, t.BadPci, t.SingleQuotedString]],
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

/** What a bracket stack entry is: `{`, `[` or `(` (0: none). */
const CURLY = 1;
const BRACKET = 2;
const PAREN = 3;

/**
 * Whether a token of `input` may be one of the mistakes `repairTokens` repairs: its conditions, each
 * loosened where that spares a question (a line number, a unit's spelling), asked with the same
 * brackets-open count. False means `repairTokens` would find nothing: it returns `input` as it is,
 * without its own loop. A small loop of its own because it runs over every token of every file (most
 * have no mistake): the repair's loop, large, was a long compilation (twice per cold check, the second
 * after a deoptimisation), and asked more of each token. test/syntax/mistakes.test.ts checks on random and
 * mutated inputs that it never says false where the repair finds something.
 */
export function mayNeedRepair(input: readonly IToken[], lines: LineIndex): boolean {
  // The `open` stack of `repairTokens`, as codes in a typed array.
  let open = new Uint8Array(16);
  let openCount = 0;
  const count = input.length;
  for (let i = 0; i < count; i++) {
    const token = input[i]!;
    const type = token.tokenType;
    const previous = i >= 1 ? input[i - 1] : undefined;
    const next = i + 1 < count ? input[i + 1] : undefined;

    if (type === t.LBracket || type === t.LParen || type === t.LCurly) {
      if (openCount === open.length) {
        const grown = new Uint8Array(openCount * 2);
        grown.set(open);
        open = grown;
      }
      open[openCount++] = type === t.LCurly ? CURLY : type === t.LBracket ? BRACKET : PAREN;
    } else if (type === t.RCurly) {
      let brace = openCount - 1;
      while (brace >= 0 && open[brace] !== CURLY) brace--;
      openCount = Math.max(0, brace);
    } else if ((type === t.RBracket || type === t.RParen) && openCount > 0 && open[openCount - 1] !== CURLY) openCount--;
    const innermost = openCount > 0 ? open[openCount - 1]! : 0;
    const topLevelOfBlock = innermost === 0 || innermost === CURLY;

    if (type === t.Colon) {
      if (colonIsMistake(input, i, lines)) return true;
    } else if (type === t.Equals) {
      if (previous?.tokenType === t.Equals && previous.startOffset + 1 === token.startOffset) return true;
    } else if (type === t.Comma) {
      if (topLevelOfBlock) return true;
    } else if (type === t.NumberLiteral) {
      if (next?.tokenType === t.Identifier && input[i + 2]?.tokenType !== t.Equals) return true;
    } else if (type === t.Dot) {
      if (previous?.tokenType === t.DotDot) return true;
    } else if (type === t.Identifier) {
      if (topLevelOfBlock) {
        const startsBlock = (isName(next) && has(input[i + 2], BLOCK_NAME_FOLLOWER)) || next?.tokenType === t.LCurly;
        if ((startsBlock || next?.tokenType === t.StringLiteral) && !has(previous, NAMED_BLOCK | BEFORE_NAME_OR_VALUE)) return true;
        if (has(next, VALUE)) return true;
      }
    } else if (has(token, ALWAYS_REPAIRED)) return true;
    if (topLevelOfBlock && isNamedBlockKeyword(token) && next?.tokenType === t.LCurly && previous?.tokenType !== t.Equals) return true;
    if (innermost === BRACKET && previous !== undefined && (has(previous, NAME | VALUE) || previous.tokenType === t.RBracket || previous.tokenType === t.RParen) && has(token, NAME | VALUE)) return true;
  }
  return false;
}

/** The two conditions of `repairTokens` on a `:` (at `i`, with no token repaired before it). */
function colonIsMistake(input: readonly IToken[], i: number, lines: LineIndex): boolean {
  const token = input[i]!;
  const previous = i >= 1 ? input[i - 1] : undefined;
  if (!isName(previous)) return false;
  const beforePrevious = i >= 2 ? input[i - 2] : undefined;
  const next = i + 1 < input.length ? input[i + 1] : undefined;
  if (next === undefined) return true;
  const sameLine = lines.lineOf(next.startOffset) === lines.lineOf(token.startOffset);
  if (!sameLine) return !(isName(next) && input[i + 2]?.tokenType === t.LCurly);
  return !isNamedBlockKeyword(beforePrevious);
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
  // Delimiters still open: commas and semicolons mean something else inside `[` and `(`. A `}` closes
  // whatever `[` or `(` was left open inside its block (the parser reports those).
  const open: TokenType[] = [];
  let bracketDepth = 0;

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

    if (type === t.LBracket || type === t.LParen || type === t.LCurly) open.push(type);
    else if (type === t.RCurly) {
      const brace = open.lastIndexOf(t.LCurly);
      open.length = Math.max(0, brace);
    } else if ((type === t.RBracket || type === t.RParen) && open.length > 0 && open[open.length - 1] !== t.LCurly) open.pop();
    const innermost = open.length > 0 ? open[open.length - 1] : undefined;
    bracketDepth = innermost === undefined || innermost === t.LCurly ? 0 : 1;

    // YAML shape: `host h1:` with nothing after the colon on its line.
    // (`vm web :` then the template's name on the next line is valid: a name and `{` follow.)
    if (type === t.Colon && (next === undefined || lineOf(next) > lineOf(token)) && isName(previous) && !(isName(next) && input[i + 2]?.tokenType === t.LCurly)) {
      const header = outLength >= 2 && isNamedBlockKeyword(beforePrevious) ? `${beforePrevious!.image} ${previous!.image}` : previous!.image;
      diagnostics.push(
        diagnostic("syntax", "error", span(token), "a block is written with braces, not with `:` and indentation", {
          help: `write \`${header} { … }\`, with \`name = value\` attributes inside the braces (see the example in LANGUAGE.md)`,
        }),
      );
      return { tokens: edit(), diagnostics, stop: true };
    }

    // `cores: 8` (JSON, YAML): an attribute is written with `=`.
    if (type === t.Colon && isName(previous) && !isNamedBlockKeyword(beforePrevious) && next !== undefined && lineOf(next) === lineOf(token)) {
      report(token, `expected '=' after \`${previous!.image}\` but found ':'`, `attributes are written \`${previous!.image} = value\`: replace \`:\` with \`=\``, replace(token, /\s/.test(text[token.startOffset - 1] ?? " ") ? "=" : " =", "replace `:` with `=`"));
      edit().push(retype(token, t.Equals, "="));
      continue;
    }

    // `cores == 8` (as in C; `= =` with a space is left to the parser: a value is missing there)
    if (type === t.Equals && previous?.tokenType === t.Equals && previous.startOffset + 1 === token.startOffset) {
      report(token, "unexpected second '='", "an attribute is `name = value`, with one `=`: remove this one", replace(token, "", "remove the second `=`"));
      edit(); // drops the token
      continue;
    }

    // `vcpus = 2,` or `vcpus = 2;` at the end of an attribute and `};` after a block.
    if (type === t.Comma && bracketDepth === 0) {
      report(token, "unexpected ','", "attributes are separated by line breaks, not commas: remove the `,`", replace(token, "", "remove the `,`"));
      edit(); // drops the token
      continue;
    }
    if (type === t.Semicolon && bracketDepth > 0) {
      report(token, "unexpected ';' inside a list", "separate list and argument items with `,`", replace(token, ",", "replace `;` with `,`"));
      edit().push(retype(token, t.Comma, ","));
      continue;
    }
    if (type === t.Semicolon && (previous === undefined || previous.tokenType === t.RCurly || previous.tokenType === t.LCurly || previous.tokenType === t.Semicolon)) {
      report(token, "unexpected ';'", "a block ends at its `}` and needs no `;`: remove it", replace(token, "", "remove the `;`"));
      edit(); // drops the token
      continue;
    }

    // `freq = 2.4 GHz`: a space between a number and its unit.
    // (The `=` after is asked first: a number is mostly followed by the next attribute's name, on the next line.)
    if (type === t.NumberLiteral && next?.tokenType === t.Identifier && input[i + 2]?.tokenType !== t.Equals && lineOf(next) === lineOf(token) && UNIT_WORD.test(next.image)) {
      const gap = text.slice(token.startOffset + token.image.length, next.startOffset);
      if (/^[ \t]+$/.test(gap)) {
        const joined = `${token.image}${next.image}`;
        diagnostics.push(
          diagnostic("syntax", "error", lines.span(token.startOffset, next.startOffset + next.image.length), `a space separates the number ${token.image} from its unit \`${next.image}\``, {
            help: `write the unit right after the number: \`${joined}\``,
            fixes: [{ description: "remove the space", safe: true, edits: [{ range: lines.span(token.startOffset, next.startOffset + next.image.length), text: joined }] }],
          }),
        );
        edit().push({ ...retype(token, t.Quantity, joined), endOffset: next.startOffset + next.image.length - 1 });
        i++;
        continue;
      }
    }

    // `pin = 2-5`
    if (type === t.DashRange) {
      const [from, to] = token.image.split("-") as [string, string];
      report(token, `\`${token.image}\` is not a range`, `a range is written with two dots: \`${from}..${to}\``, replace(token, `${from}..${to}`, `write \`${from}..${to}\``));
      edit().push(retype(token, t.NumberLiteral, from));
      edit().push(retype(token, t.DotDot, "..", token.startOffset + from.length));
      edit().push(retype(token, t.NumberLiteral, to, token.startOffset + from.length + 1));
      continue;
    }
    // `pin = 2...5`
    if (type === t.Dot && previous?.tokenType === t.DotDot) {
      report(token, "a range has two dots, not three", `write \`..\`: \`2..5\` includes both ends`, replace(token, "", "remove the third dot"));
      edit(); // drops the token
      continue;
    }

    if (type === t.BadMac || type === t.DashMac) {
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
    if (type === t.BadPci) {
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
    if (type === t.SingleQuotedString) {
      report(token, "strings are written in double quotes", `write \`"${token.image.slice(1, -1)}"\``, replace(token, `"${token.image.slice(1, -1)}"`, "use double quotes"));
      edit().push(retype(token, t.StringLiteral, `"${token.image.slice(1, -1).replaceAll('"', "'")}"`));
      continue;
    }

    // `hots h1 {`, `interface eth0 {`, `improt "x"`: a word where a block kind belongs.
    // (Not after a block keyword, `template`, `:` or `=`: there a word on the next line is a name or a value.
    // Whether a block or a string follows is asked before the lines are: each branch below needs one, and
    // the name that starts each attribute's line is followed by neither.)
    const startsBlock = type === t.Identifier && ((isName(next) && has(input[i + 2], BLOCK_NAME_FOLLOWER)) || next?.tokenType === t.LCurly);
    if (
      type === t.Identifier &&
      (startsBlock || next?.tokenType === t.StringLiteral) &&
      bracketDepth === 0 &&
      !has(previous, NAMED_BLOCK | BEFORE_NAME_OR_VALUE) &&
      (previous === undefined || previous.tokenType === t.LCurly || previous.tokenType === t.RCurly || lineOf(previous) < lineOf(token))
    ) {
      // (Edit distances only where a block kind or `import` stands: a name at the start of every line is common.)
      const kind = startsBlock || next?.tokenType === t.StringLiteral ? blockKindFor(token.image) : undefined;
      if (next?.tokenType === t.StringLiteral && kind === "import") {
        report(token, `\`${token.image}\` is not a keyword`, "did you mean `import`?", replace(token, "import", "write `import`", false));
        edit().push(retype(token, t.Import, "import"));
        continue;
      }
      if (startsBlock && kind !== undefined && kind !== "import") {
        report(token, `\`${token.image}\` is not a block kind`, `did you mean \`${kind}\`?`, replace(token, kind, `write \`${kind}\``, false));
        edit().push(retype(token, BLOCK_WORDS[kind]!, kind));
        continue;
      }
      if (startsBlock) {
        report(token, `\`${token.image}\` is not a block kind`, "blocks are host, nic, pf, vswitch, vm, iface, traffic, simulation and cost; an attribute is `name = value`");
        // Read on as a block, so the rest of the file is still checked for syntax.
        edit().push(retype(token, t.Host));
        continue;
      }
    }

    // `vm { … }`: a block without its name.
    if (isNamedBlockKeyword(token) && next?.tokenType === t.LCurly && bracketDepth === 0 && previous?.tokenType !== t.Equals) {
      report(token, `a \`${token.image}\` block needs a name`, `name it: \`${token.image} NAME { … }\`; other blocks refer to it by that name`);
      edit().push(token);
      edit().push(retype(token, t.Identifier, "_", token.startOffset + token.image.length, token.startOffset + token.image.length - 1));
      continue;
    }

    // `[security_groups mirroring]`: list items without a comma between them.
    if (
      innermost === t.LBracket &&
      previous !== undefined &&
      (has(previous, NAME | VALUE) || previous.tokenType === t.RBracket || previous.tokenType === t.RParen) &&
      has(token, NAME | VALUE)
    ) {
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
    if (
      token.tokenType === t.Identifier &&
      next !== undefined &&
      has(next, VALUE) &&
      lineOf(next) === lineOf(token) &&
      bracketDepth === 0 &&
      (previous === undefined || previous.tokenType === t.LCurly || lineOf(previous) < lineOf(token))
    ) {
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
