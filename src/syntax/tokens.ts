/**
 * The token vocabulary of `.sriov` (LANGUAGE.md "Lexical structure"): the token types the parser reads,
 * and their patterns as a chevrotain lexer would try them. Order matters: patterns are tried in order, so
 * MAC and PCI literals come before numbers and identifiers, keywords before identifiers (with
 * `longer_alt` so `hostname` stays an identifier), `..` before `.`. `scanner.ts` is these patterns
 * written out by hand (test/syntax/lexer.test.ts checks it against chevrotain's lexer built from them).
 */
import { createToken, Lexer, type TokenType } from "chevrotain";
import { scanString } from "./string-literal.js";

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\f\v]+/, group: Lexer.SKIPPED, line_breaks: true });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\r\n]*/, group: "comments" });
export const BlockComment = createToken({ name: "BlockComment", pattern: /\/\*[\s\S]*?\*\//, group: "comments", line_breaks: true });
/** Kept as a comment so nothing is lost; the lexer wrapper reports it. */
export const UnterminatedBlockComment = createToken({
  name: "UnterminatedBlockComment",
  pattern: /\/\*[\s\S]*/,
  group: "comments",
  line_breaks: true,
});

/** Everything that can name a thing: identifiers and the keywords that may double as names. */
export const Name = createToken({ name: "Name", pattern: Lexer.NA, label: "a name" });
export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_-]*/, categories: [Name], label: "a name" });

export const Mac = createToken({ name: "Mac", pattern: /[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}(?![0-9A-Za-z_:])/, label: "a MAC address" });
export const Pci = createToken({ name: "Pci", pattern: /[0-9A-Fa-f]{4}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-9A-Fa-f](?![0-9A-Za-z_])/, label: "a PCI address" });
/*
 * Likely mistakes, lexed as one token each so that one mistake is one error on that token (not a cascade
 * over its pieces); src/syntax/mistakes.ts reports them and hands the parser the token that was meant.
 */
/** Six (or four to seven) groups separated by `:` where one is not two hex digits: `52:54:00:zz:00:01`. */
export const BadMac = createToken({ name: "BadMac", pattern: /[0-9A-Za-z]{1,4}(?::[0-9A-Za-z]{1,4}){3,6}(?![0-9A-Za-z_:.])/, label: "a MAC address" });
/** A MAC written with dashes (`52-54-00-12-34-56`, as Windows prints them). */
export const DashMac = createToken({ name: "DashMac", pattern: /[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}(?![0-9A-Za-z_-])/, label: "a MAC address" });
/**
 * A MAC in Cisco's dotted form (`5254.0000.0002`, as IOS and NX-OS print them): three groups of four hex
 * digits. One group must start with a digit: `face.bead.fade` is a reference, not a MAC.
 */
export const DotMac = createToken({
  name: "DotMac",
  pattern: /(?:\d[0-9A-Fa-f]{3}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}|[0-9A-Fa-f]{4}\.\d[0-9A-Fa-f]{3}\.[0-9A-Fa-f]{4}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.\d[0-9A-Fa-f]{3})(?![0-9A-Za-z_.-])/,
  label: "a MAC address",
});
/** A PCI address with a bad digit or group length (`0000:03:0g.0`), or without its domain (`03:00.0`, as `lspci` prints it). */
export const BadPci = createToken({
  name: "BadPci",
  pattern: /(?:[0-9A-Za-z]{1,5}:)?[0-9A-Za-z]{1,3}:[0-9A-Za-z]{1,3}\.[0-9A-Za-z]{1,2}(?![0-9A-Za-z_.])/,
  label: "a PCI address",
});
/** `pin = 2-5`: a range written with a dash. */
export const DashRange = createToken({ name: "DashRange", pattern: /\d+-\d+(?![0-9A-Za-z_.])/, label: "a range" });
/** `# comment`, as in YAML or shell. */
export const HashComment = createToken({ name: "HashComment", pattern: /#[^\r\n]*/, group: "comments" });
/** `'text'`: a string in single quotes. */
export const SingleQuotedString = createToken({ name: "SingleQuotedString", pattern: /'[^'\r\n]*'/, label: "a string" });

/** A number directly followed by a unit; the unit is checked later so `10Gbit` gets a helpful message, not a lexer error. */
// A unit may start with a micro sign, as reports print microseconds (`12.3µs`; U+00B5, or the Greek mu U+03BC).
export const Quantity = createToken({ name: "Quantity", pattern: /\d+(?:\.\d+)?(?:[A-Za-z\u00b5\u03bc][A-Za-z]*|%)/, label: "a quantity" });
export const NumberLiteral = createToken({ name: "Number", pattern: /\d+(?:\.\d+)?/, label: "a number" });

function matched(text: string, offset: number, end: number): RegExpExecArray {
  return [text.slice(offset, end)] as unknown as RegExpExecArray;
}

export const StringLiteral = createToken({
  name: "String",
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 34 /* " */) return null;
      const end = scanString(text, offset);
      return end >= 0 ? matched(text, offset, end) : null;
    },
  },
  start_chars_hint: ['"'],
  line_breaks: false,
  label: "a string",
});
/** Matches a string that runs into the end of the line; parsed as a string so one mistake stays one error. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: {
    exec: (text: string, offset: number) => {
      if (text.charCodeAt(offset) !== 34 /* " */) return null;
      const end = scanString(text, offset);
      return end < 0 ? matched(text, offset, -end - 1) : null;
    },
  },
  start_chars_hint: ['"'],
  line_breaks: false,
  categories: [StringLiteral],
  label: "a string",
});

function keyword(word: string, asName: boolean): TokenType {
  return createToken({
    name: word[0]!.toUpperCase() + word.slice(1),
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: asName ? [Name] : [],
    label: `'${word}'`,
  });
}

export const Host = keyword("host", true);
export const Nic = keyword("nic", true);
export const Pf = keyword("pf", true);
export const Vswitch = keyword("vswitch", true);
export const Vm = keyword("vm", true);
export const Container = keyword("container", true);
export const Iface = keyword("iface", true);
export const Traffic = keyword("traffic", true);
export const Simulation = keyword("simulation", true);
export const Cost = keyword("cost", true);
export const Template = keyword("template", true);
export const Import = keyword("import", true);
export const True = keyword("true", false);
export const False = keyword("false", false);
export const Auto = keyword("auto", false);

export const DotDot = createToken({ name: "DotDot", pattern: /\.\./, label: "'..'" });
export const Dot = createToken({ name: "Dot", pattern: /\./, label: "'.'" });
export const LCurly = createToken({ name: "LCurly", pattern: /\{/, label: "'{'" });
export const RCurly = createToken({ name: "RCurly", pattern: /\}/, label: "'}'" });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/, label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: /\]/, label: "']'" });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'" });
export const Equals = createToken({ name: "Equals", pattern: /=/, label: "'='" });
export const Semicolon = createToken({ name: "Semicolon", pattern: /;/, label: "';'" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "','" });
export const Colon = createToken({ name: "Colon", pattern: /:/, label: "':'" });

export const KEYWORDS_AS_NAMES = [Host, Nic, Pf, Vswitch, Vm, Container, Iface, Traffic, Simulation, Cost, Template, Import];
export const NAMED_BLOCK_KEYWORDS = [Host, Nic, Pf, Vswitch, Vm, Container, Iface, Traffic];

export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  Mac,
  Pci,
  BadMac,
  DashMac,
  DotMac,
  BadPci,
  DashRange,
  Quantity,
  NumberLiteral,
  StringLiteral,
  UnterminatedString,
  HashComment,
  SingleQuotedString,
  ...KEYWORDS_AS_NAMES,
  True,
  False,
  Auto,
  Identifier,
  DotDot,
  Dot,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Equals,
  Semicolon,
  Comma,
  Colon,
  Name,
];
