/**
 * Grouping of the findings that one rule makes for every copy of a replicated block (`vm upf[1..4]` on a
 * bare-metal host is one finding, not four): same rule, severity and source span, messages that differ
 * only in the copies' names. The group is one diagnostic whose message names the copies (`upf1..upf4`),
 * with every copy's own finding kept in `locations` for `--format json`.
 */
import type { Diagnostic } from "./diagnostic.js";

/** A name with a number at its end, as replication spells copies out (`web1`, `upf12`). */
const NUMBERED = /\b([A-Za-z_][A-Za-z0-9_-]*?)(\d+)\b/g;

function shape(text: string): string {
  return text.replace(NUMBERED, "$1#");
}

/**
 * `web1`, `web2`, `web3` → `web1..web3`; non-consecutive: `web1, web3 and web7`. The numbers are kept as
 * written, since zero-padded copies (`web01`) are other names than unpadded ones.
 */
function nameCopies(prefix: string, numbers: readonly string[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => Number(a) - Number(b));
  const consecutive = sorted.every((n, i) => i === 0 || Number(n) === Number(sorted[i - 1]!) + 1);
  if (consecutive && sorted.length > 2) return `${prefix}${sorted[0]}..${prefix}${sorted[sorted.length - 1]}`;
  const names = sorted.map((n) => `${prefix}${n}`);
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * The verb after copies' names, agreeing with them: the messages say one copy's finding (`vm web2 shares
 * cores …`), and the group names several (`vm web2 and web3 share cores …`). Only a verb in the third
 * person singular changes.
 */
function plural(verb: string): string {
  if (verb === "is") return "are";
  if (verb === "has") return "have";
  if (verb === "does") return "do";
  if (/(?:ch|sh|ss|x)es$/.test(verb)) return verb.slice(0, -2);
  if (/[^s]s$/.test(verb)) return verb.slice(0, -1);
  return verb;
}

/** One text for a group of texts of one shape: where they differ, the copies' names together. */
function merge(texts: readonly string[]): string {
  const first = texts[0]!;
  const tokens = texts.map((text) => [...text.matchAll(NUMBERED)]);
  /** Where in `out` each run of copies' names starts and ends. */
  const named: number[] = [];
  let out = "";
  let from = 0;
  tokens[0]!.forEach((match, at) => {
    const [whole, prefix] = match as unknown as [string, string];
    const end = match.index! + whole.length;
    out += first.slice(from, match.index);
    from = end;
    const numbers = tokens.map((list) => list[at]?.[2]);
    const prefixes = new Set(tokens.map((list) => list[at]?.[1]));
    if (prefixes.size !== 1 || numbers.some((n) => n === undefined) || new Set(numbers).size === 1) {
      out += whole;
      return;
    }
    named.push(out.length);
    out += nameCopies(prefix, numbers as string[]);
    named.push(out.length);
  });
  out += first.slice(from);
  // From the last names back, so the earlier positions stay where they are.
  for (let i = named.length - 2; i >= 0; i -= 2) out = agree(out, named[i]!, named[i + 1]!);
  return out;
}

/** What each copy has one of, and so the copies together have several of. */
const COUNTABLE_NOUN = /(VF|PF|MAC|NIC|core|queue|vSwitch)/;

/**
 * The copies are the subject when a verb follows their names, or the names of their members (`web1..web3.eth0
 * turns`), or when it follows `the MTU of` them (`the MTU of web1..web3.eth0 (9000) is`): the verb agrees with
 * them, and in that clause (up to a `:` or `;`, after which the message says what follows for someone else,
 * such as the guest) what was one copy's is theirs: `is a VF` → `are VFs`, `its VF` → `their VFs`, `to it` →
 * `to them`. A thing named after `its` (`its PF x.p0`) is one they share: `their PF x.p0`.
 */
function agree(text: string, start: number, at: number): string {
  const subject = /^(?:\.[A-Za-z_][\w-]*)*(?: \([^)]*\))? ([a-z]+s)\b/.exec(text.slice(at));
  if (subject === null) return text;
  const verbAt = at + subject[0].length - subject[1]!.length;
  const owner = /\bthe (MTU|MAC) of $/.exec(text.slice(0, start));
  // `(9000) is` says one copy's value: only after `the MTU of` is the parenthesis part of the subject.
  if (owner === null && subject[0].includes("(")) return text;
  const rest = text.slice(verbAt + subject[1]!.length);
  const clauseEnd = rest.search(/[:;] /);
  const clause = clauseEnd === -1 ? rest : rest.slice(0, clauseEnd);
  const theirs = clause
    .replace(new RegExp(`^ an? ${COUNTABLE_NOUN.source}\\b`), " $1s")
    .replace(new RegExp(`\\bits ${COUNTABLE_NOUN.source}\\b(?! [A-Za-z_][\\w-]*\\.\\w)`, "g"), "their $1s")
    .replace(/\bits\b/g, "their")
    .replace(/\b(to|for|with) it\b/g, "$1 them");
  const head = owner === null ? text.slice(0, verbAt) : `${text.slice(0, start - owner[0].length)}the ${owner[1]}s of ${text.slice(start, verbAt)}`;
  return head + plural(subject[1]!) + theirs + rest.slice(clause.length);
}

export function groupCopies(list: readonly Diagnostic[]): Diagnostic[] {
  const groups = new Map<string, Diagnostic[]>();
  const order: (Diagnostic | string)[] = [];
  for (const d of list) {
    if (d.locations !== undefined) {
      order.push(d);
      continue;
    }
    const key = [d.rule, d.severity, d.span.file, d.span.start, d.span.end, shape(d.message), shape(d.help ?? "")].join("\u0000");
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, [d]);
      order.push(key);
    } else {
      group.push(d);
    }
  }
  return order.map((entry) => {
    if (typeof entry !== "string") return entry;
    const group = groups.get(entry)!;
    const first = group[0]!;
    if (group.length === 1 || new Set(group.map((d) => d.message)).size === 1) return first;
    const message = merge(group.map((d) => d.message));
    const help = first.help === undefined ? undefined : merge(group.map((d) => d.help ?? ""));
    return {
      ...first,
      message,
      ...(help === undefined ? {} : { help }),
      locations: group.map((d) => ({ span: d.span, message: d.message })),
    };
  });
}

/**
 * One diagnostic per finding, as `--format json` lists them (and an editor underlines them): a grouped
 * diagnostic becomes one per location with that finding's own message, sharing the group's notes and
 * help; its fixes stay with the first.
 */
export function expandLocations(list: readonly Diagnostic[]): Diagnostic[] {
  return list.flatMap((d) => {
    if (d.locations === undefined) return [d];
    const { locations, fixes, ...rest } = d;
    return locations.map((location, i) => ({ ...rest, span: location.span, message: location.message, ...(i === 0 && fixes !== undefined ? { fixes } : {}) }));
  });
}
