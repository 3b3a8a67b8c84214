/**
 * The parser's errors in the user's terms: which block or bracket is left open (with an "opened here"
 * note and where its `}` probably belongs), and a help line for every error saying what to write.
 */
import { EOF, type IRecognitionException, type IToken } from "chevrotain";
import type { RelatedSpan } from "../diagnostics/diagnostic.js";
import type { LineIndex, Span } from "./span.js";
import { BLOCK_KINDS } from "./ast.js";
import * as t from "./tokens.js";

export interface Explained {
  readonly message: string;
  readonly help: string;
  readonly related: RelatedSpan[];
  /** Where to point instead of the parser's token: just after the list or call left open. */
  readonly span?: Span;
}

const CLOSER_OF = new Map([
  [t.LCurly, "}"],
  [t.LBracket, "]"],
  [t.LParen, ")"],
]);

/** An opener still open at a point, and the pairs closed on the way (for the indentation heuristic). */
interface Scan {
  readonly open: number[];
  /** An opener whose `}` is dedented below the line that opened it: its own `}` is probably missing. */
  readonly suspect: number | undefined;
}

function firstColumnOfLine(lines: LineIndex, offset: number): number {
  const line = lines.lineOf(offset);
  const text = lines.lineText(line);
  return text.length - text.trimStart().length + 1;
}

function scanDelimiters(tokens: readonly IToken[], until: number, lines: LineIndex): Scan {
  const open: number[] = [];
  let suspect: number | undefined;
  for (let i = 0; i < tokens.length && tokens[i]!.startOffset < until; i++) {
    const type = tokens[i]!.tokenType;
    if (CLOSER_OF.has(type)) {
      open.push(i);
      continue;
    }
    if (type !== t.RCurly && type !== t.RBracket && type !== t.RParen) continue;
    const top = open[open.length - 1];
    if (top === undefined) continue;
    const closer = tokens[i]!;
    const opener = tokens[top]!;
    if (type === t.RCurly && opener.tokenType === t.LCurly && suspect === undefined) {
      const firstOnLine = firstColumnOfLine(lines, closer.startOffset) === lines.columnOf(closer.startOffset);
      if (firstOnLine && lines.columnOf(closer.startOffset) < firstColumnOfLine(lines, opener.startOffset)) suspect = top;
    }
    open.pop();
  }
  return { open, suspect };
}

/** What an opener opens, in the source's words: "`nic x710`", "`vf(`", "the list of `requires`". */
export function describeOpener(tokens: readonly IToken[], index: number, lines: LineIndex): string {
  const opener = tokens[index]!;
  if (opener.tokenType === t.LParen) return `\`${tokens[index - 1]?.image ?? ""}(\``;
  if (opener.tokenType === t.LBracket) {
    if (tokens[index - 1]?.tokenType === t.Equals && tokens[index - 2]) return `the list of \`${tokens[index - 2]!.image}\``;
    return "the list";
  }
  // Back from the `{` to the block's keyword: `vm web[1..4]: base {` → "vm web[1..4]: base".
  let first = index;
  for (let i = index - 1; i >= 0 && index - i <= 8; i--) {
    const type = tokens[i]!.tokenType;
    if (type === t.LCurly || type === t.RCurly || type === t.Semicolon) break;
    if (t.NAMED_BLOCK_KEYWORDS.includes(type) || type === t.Simulation || type === t.Cost || type === t.Template) {
      first = i;
      if (tokens[i - 1]?.tokenType === t.Template) first = i - 1;
      break;
    }
  }
  if (first === index) return "this block";
  let header = lines.text.slice(tokens[first]!.startOffset, opener.startOffset).trim().replace(/\s+/g, " ");
  if (header.length > 40) header = `${header.slice(0, 39)}…`;
  return `\`${header}\``;
}

/** The first line after the opener's that is indented no deeper than it: where a missing `}` most likely belongs. */
function closingLineFor(opener: IToken, lines: LineIndex): number | undefined {
  const line = lines.lineOf(opener.startOffset);
  const indent = firstColumnOfLine(lines, opener.startOffset);
  for (let l = line + 1; l <= lines.lineCount; l++) {
    const text = lines.lineText(l);
    if (text.trim() === "" || text.trim().startsWith("//")) continue;
    if (text.length - text.trimStart().length + 1 <= indent) return l;
  }
  return undefined;
}

function tokenIndexAt(tokens: readonly IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function found(token: IToken): string {
  return token.tokenType === EOF || !Number.isFinite(token.startOffset) ? "the end of the file" : `'${token.image}'`;
}

/** Message, help and notes for one recognition error; `span` is where it was reported. */
export function explainParseError(error: IRecognitionException, span: Span, tokens: readonly IToken[], lines: LineIndex): Explained {
  const message = error.message;
  const at = span.start;
  const index = tokenIndexAt(tokens, at);
  const previous = tokens[index - 1];
  const token = error.token;

  const closer = /^expected '([}\])])' but found/.exec(message)?.[1];
  if (closer !== undefined) {
    const scan = scanDelimiters(tokens, token.tokenType === EOF || !Number.isFinite(token.startOffset) ? Number.POSITIVE_INFINITY : at, lines);
    const innermost = scan.open[scan.open.length - 1];
    // A missing `}` found at the end of the file: the block whose `}` came dedented is the likely culprit.
    const openerIndex = closer === "}" && scan.suspect !== undefined && found(token) === "the end of the file" ? scan.suspect : innermost;
    if (openerIndex !== undefined && CLOSER_OF.get(tokens[openerIndex]!.tokenType) === closer) {
      const opener = tokens[openerIndex]!;
      const what = describeOpener(tokens, openerIndex, lines);
      const related = [{ span: lines.span(opener.startOffset, opener.startOffset + 1), message: `${what} opened here` }];
      let help: string;
      if (closer === "}") {
        const before = closingLineFor(opener, lines);
        help =
          before !== undefined && openerIndex === scan.suspect
            ? `add \`}\` to close ${what} before line ${before}, where the indentation returns to its level`
            : `add \`}\` after the last member of ${what}`;
      } else {
        help = closer === "]" ? `add \`]\` after the last item of ${what}, and separate items with \`,\`` : `add \`)\` after the last argument of ${what}`;
      }
      // `vf(x.p0` with the next line's `vlan` found: point where the `)` belongs, not at `vlan`.
      const last = tokens[index - 1];
      const movedSpan =
        closer !== "}" && last !== undefined && Number.isFinite(token.startOffset) && lines.lineOf(last.startOffset) < lines.lineOf(token.startOffset)
          ? lines.span(last.startOffset + last.image.length, last.startOffset + last.image.length)
          : undefined;
      // `}` expected but a stray word or value found: that is a member gone wrong more often than a missing `}`.
      if (closer === "}" && found(token) !== "the end of the file" && token.tokenType !== t.RBracket && token.tokenType !== t.RParen) {
        return {
          message: `expected an attribute (\`name = value\`), a nested block or the \`}\` of ${what} but found ${found(token)}`,
          help: "an attribute is `name = value`; a nested block is `kind name { … }`",
          related,
        };
      }
      const explainedMessage = `expected '${closer}' to close ${what} but found ${found(token)}`;
      return movedSpan === undefined ? { message: explainedMessage, help, related } : { message: explainedMessage, help, related, span: movedSpan };
    }
  }

  if (message.startsWith("expected a value but found")) {
    const name = previous?.tokenType === t.Equals ? tokens[index - 2]?.image : undefined;
    return {
      message,
      help: `${name === undefined ? "write a value" : `give \`${name}\` a value`}: a number, a quantity such as \`10Gbps\`, a string, a name, a range \`0..3\` or a list \`[…]\``,
      related: [],
    };
  }
  if (message.startsWith("expected an attribute")) {
    return { message, help: "an attribute is `name = value`; a nested block is `kind name { … }`", related: [] };
  }
  if (message.startsWith("expected an import, a template or a block")) {
    if (token.tokenType === t.RCurly) return { message: "unexpected '}': no block is open here", help: "remove this `}`, or look above for a `}` too many", related: [] };
    const next = tokens[index + 1];
    if (next?.tokenType === t.Equals) {
      return { message, help: `attributes belong inside a block, such as \`host h1 { ${token.image} = … }\``, related: [] };
    }
    // The blocks that may stand at the top level (semantics/placement.ts, ALLOWED_PARENTS): `cost` goes inside `simulation`.
    return { message, help: 'a file holds imports (`import "other.sriov"`), templates and blocks: host, traffic and simulation', related: [] };
  }
  if (message.startsWith("expected a name but found")) {
    // After a `.` the name continues a reference; after a block's keyword it names the block; after
    // anything else (an unknown word taken for a block kind, a template's `:`) say what a name is.
    if (previous?.tokenType === t.Dot) return { message, help: "a reference goes on after `.` with the next name, such as `e810.pf0`", related: [] };
    const kind = previous?.image;
    if (kind !== undefined && (BLOCK_KINDS as readonly string[]).includes(kind)) {
      return { message, help: `name the ${kind}: \`${kind} NAME { … }\``, related: [] };
    }
    return { message, help: "a name starts with a letter or `_`, then letters, digits, `_` or `-`: `web1`, `intel-x710`", related: [] };
  }
  if (message.startsWith("expected '{' but found")) {
    return { message, help: "a block's attributes go inside `{ … }` after its name", related: [] };
  }
  if (message.startsWith("expected '=' but found")) {
    return { message, help: "write `name = value`", related: [] };
  }
  if (message.startsWith("expected ',' ") || /^expected '\]' but found/.test(message)) {
    return { message, help: "separate list items with `,` and end the list with `]`", related: [] };
  }
  if (message.startsWith("expected a number") || message.startsWith("expected '..'")) {
    return { message, help: "a range is two whole numbers with `..` between them, such as `0..3`", related: [] };
  }
  return { message, help: "compare with the syntax in LANGUAGE.md; a mistake just before this point can cause it", related: [] };
}
