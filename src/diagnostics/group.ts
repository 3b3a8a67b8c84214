/**
 * Grouping of the findings that one rule makes for every copy of a replicated block (`vm upf[1..4]` on a
 * bare-metal host is one finding, not four): same rule, severity and source span, messages that differ
 * only in the copies' names. The group is one diagnostic whose message names the copies (`upf1..upf4`),
 * with every copy's own finding kept in `locations` for `--format json`.
 *
 * Blocks made from one template (`vm alpha : small {}`, `vm beta : small {}`) are copies too: a finding
 * inside the template's body comes once per block, at the template's span, with messages that differ only
 * in the blocks' names (`alpha.eth0`, `beta.eth0`), which no number ties together. Those are grouped in a
 * second pass, under stricter terms: everything but the names is the same (message, help, notes and where
 * they point).
 */
import type { Diagnostic } from "./diagnostic.js";

/** A name with a number at its end, as replication spells copies out (`web1`, `upf12`). */
const NUMBERED = /\b([A-Za-z_][A-Za-z0-9_-]*?)(\d+)\b/g;

function shape(text: string): string {
  return text.replace(NUMBERED, "$1#");
}

/**
 * `web1`, `web2`, `web3` → `web1..web3`; non-consecutive: `web1, web3 and web7`. The numbers are kept as
 * written, since zero-padded copies (`web01`) are other names than unpadded ones. Both ends of a range are
 * whole names, with the path before them (`x.p1..x.p3`, as a list writes `x.p1 and x.p2`): `x.p1..p3` would
 * end in `p3`, which names nothing the message's reader can look up. The member after the copies is theirs
 * alike, so it is written once, after the range (`web1..web3.eth0`).
 */
function nameCopies(prefix: string, numbers: readonly string[], member = "", path = ""): string {
  const sorted = [...new Set(numbers)].sort((a, b) => Number(a) - Number(b));
  const consecutive = sorted.every((n, i) => i === 0 || Number(n) === Number(sorted[i - 1]!) + 1);
  if (consecutive && sorted.length > 2) return `${path}${prefix}${sorted[0]}..${path}${prefix}${sorted[sorted.length - 1]}${member}`;
  // A list names each copy whole, with its member and its path: `web1.eth0 and web2.eth0`, not `web1 and
  // web2.eth0` (web1 and the eth0 of web2); `x.p1 and x.p2`, not `x.p1 and p2`.
  return joinNames(sorted.map((n) => `${path}${prefix}${n}${member}`));
}

/** The path written right before a copy's name (`x.` of `x.p1`): its owners, the same in every copy. */
const PATH_BEFORE = /(?:[A-Za-z_][A-Za-z0-9_-]*\.)+$/;

/** The member path after a copy's name (`.eth0` of `web1.eth0`). */
const MEMBER = /^(?:\.[A-Za-z_][A-Za-z0-9_-]*)+/;

/** `a and b`, `a, b and c`: names listed in a message. */
function joinNames(names: readonly string[]): string {
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
    // Inside a member path already written with the copies' names.
    if (match.index! < from) return;
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
    // The member after the names, when every text has the same one there.
    const memberOf = (text: string, m: RegExpMatchArray | undefined): string => (m === undefined ? "" : (MEMBER.exec(text.slice(m.index! + m[0].length))?.[0] ?? ""));
    const member = memberOf(first, match);
    const same = texts.every((text, k) => memberOf(text, tokens[k]![at]) === member);
    // Only a path written after the last names merged: those are not the copies' owners.
    const path = PATH_BEFORE.exec(out.slice(named[named.length - 1] ?? 0))?.[0] ?? "";
    out = out.slice(0, out.length - path.length);
    named.push(out.length);
    out += nameCopies(prefix, numbers as string[], same ? member : "", path);
    if (same) from += member.length;
    named.push(out.length);
  });
  out += first.slice(from);
  // From the last names back, so the earlier positions stay where they are.
  for (let i = named.length - 2; i >= 0; i -= 2) out = agree(out, named[i]!, named[i + 1]!);
  return out;
}

/** What each copy has one of, and so the copies together have several of (a compound before its head word). */
const COUNTABLE_NOUN = /(VF|PF|MAC|NIC|core|queue|vSwitch port|vSwitch|VMDq pool|representor port)/;

/** `VF` → `VFs`, `vSwitch` → `vSwitches`, `vSwitch port` → `vSwitch ports`. */
function nounPlural(noun: string): string {
  return /(?:ch|sh|s|x)$/.test(noun) ? `${noun}es` : `${noun}s`;
}

/**
 * The copies are the subject when a verb follows their names, or the names of their members (`web1..web3.eth0
 * turns`), or when it follows `the MTU of` them (`the MTU of web1..web3.eth0 (9000) is`): the verb agrees with
 * them, and in that clause (up to a `:` or `;`, after which the message says what follows for someone else,
 * such as the guest) what was one copy's is theirs: `is a VF` → `are VFs`, `its VF` → `their VFs`, `to it` →
 * `to them`. A thing named after `its` (`its PF x.p0`) is one they share: `their PF x.p0`.
 *
 * `it` stays the copies through the whole message (`: it sends nothing`, `which it requires`, `does not apply
 * to it`): a rule names anything else it speaks of after the colon (`the guest`, `that feature`), so only
 * `its` there may be another's (`the guest can change its MAC`).
 */
function agree(text: string, start: number, at: number): string {
  const subject = /^(?:\.[A-Za-z_][\w-]*)*(?: \([^)]*\))? ([a-z]+s)\b/.exec(text.slice(at));
  if (subject === null) return text;
  const verbAt = at + subject[0].length - subject[1]!.length;
  const owner = /\bthe (MTU|MAC) of $/.exec(text.slice(0, start));
  // `(9000) is` says one copy's value: only after `the MTU of` is the parenthesis part of the subject.
  if (owner === null && subject[0].includes("(")) return text;
  // Names after `of` belong to the subject before them (`MAC 52:54:… of web2.eth0 and web3.eth0 is
  // already used`: one MAC), unless that subject is each copy's own (`the MTU of`, above).
  if (owner === null && /\bof $/.test(text.slice(0, start))) return text;
  const rest = text.slice(verbAt + subject[1]!.length);
  const clauseEnd = rest.search(/[:;] /);
  const clause = clauseEnd === -1 ? rest : rest.slice(0, clauseEnd);
  const theirs = clause
    .replace(new RegExp(`^ an? ${COUNTABLE_NOUN.source}\\b`), (_, noun: string) => ` ${nounPlural(noun)}`)
    .replace(new RegExp(`\\bits ${COUNTABLE_NOUN.source}\\b(?! [A-Za-z_][\\w-]*\\.\\w)`, "g"), (_, noun: string) => `their ${nounPlural(noun)}`)
    .replace(/\bits\b/g, "their");
  const head = owner === null ? text.slice(0, verbAt) : `${text.slice(0, start - owner[0].length)}the ${owner[1]}s of ${text.slice(start, verbAt)}`;
  return head + plural(subject[1]!) + they(theirs) + they(rest.slice(clause.length));
}

/** `it` as the copies, in the plural: `but it is` → `but they are`, `which it requires` → `which they require`, `and it has` → `and they have`, `to it` → `to them`. */
function they(text: string): string {
  return text
    .replace(/([:;,] |\b(?:but|which|that|nothing|so|and|or) )it ([a-z]+)\b/g, (_, before: string, verb: string) => `${before}they ${verb === "was" ? "were" : plural(verb)}`)
    .replace(/\b(to|for|with|from) it\b/g, "$1 them");
}

/**
 * A group's help, where every `it`, `its` and `itself` is the finding's subject: the rules' help lines name
 * anything else they speak of (`shorten the warm-up`, `set \`vmdq_pools = 0\``), so in a group those words are
 * the copies, in the plural: `start it before 100ms` → `start them before 100ms`, `give it fewer vCPUs` →
 * `give them fewer vCPUs`, `a port of its own` → `a port of their own`, `unless it is` → `unless they are`.
 * Code (between backticks) is left as written.
 */
function helpForCopies(help: string): string {
  return help
    .split("`")
    .map((part, k) => {
      if (k % 2 === 1) return part;
      return they(part)
        .replace(/(^|[(:;,] |\b(?:unless|if|when|once|until|because|as) )it ([a-z]+)\b/g, (_, before: string, verb: string) => `${before}they ${verb === "was" ? "were" : plural(verb)}`)
        .replace(/\bitself\b/g, "themselves")
        .replace(/\bits\b/g, "their")
        .replace(/\bit\b/g, "them");
    })
    .join("`");
}

/** A name as messages write it, with its path (`alpha`, `alpha.eth0`, `h2.alpha.eth0`). */
const NAME = /[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*/g;

/** What messages write before a bare name (`vm alpha`, `host h1`), so that the word after it is a name. */
const KIND_BEFORE = /(?:^|[\s(])(?:host|nic|pf|vf|vm|iface|vswitch|template|traffic|node|domain)\s$/;

/**
 * The path segments a message writes as names: those of each token in a name's place (a path, a quoted
 * word, or a word after a kind: `alpha.eth0`, `` `alpha` ``, `vm alpha`). Words are not names: `too big` and
 * `too small` differ in a word, and such findings are not copies.
 */
function nameSegments(text: string): Set<string> {
  const out = new Set<string>();
  for (const match of text.matchAll(NAME)) {
    const before = text.slice(0, match.index);
    const quoted = before.endsWith("`") && text[match.index + match[0].length] === "`";
    if (match[0].includes(".") || quoted || KIND_BEFORE.test(before)) for (const segment of match[0].split(".")) out.add(segment);
  }
  return out;
}

/** The text with the path segment `segment` of every name left out: copies of one block's finding, each with its block's name left out, are one text. */
function without(text: string, segment: string): string {
  return text.replace(NAME, (name) => (name.includes(segment) ? name.split(".").map((s) => (s === segment ? "\u0002" : s)).join(".") : name));
}

/** Names listed in a message: all of them up to five, else the first four and how many more. */
function listNames(names: readonly string[]): string {
  return names.length > 5 ? joinNames([...names.slice(0, 4), `${names.length - 4} others`]) : joinNames(names);
}

/**
 * One text for texts alike but for their copies' names: where they differ, the names together (in the
 * order of the texts), and the clause they are the subject of agreeing with them (`agree`).
 */
function mergeNames(texts: readonly string[]): string {
  const first = texts[0]!;
  const tokens = texts.map((text) => [...text.matchAll(NAME)].map((m) => m[0]));
  /** Where in `out` each run of names starts and ends. */
  const named: number[] = [];
  let out = "";
  let from = 0;
  [...first.matchAll(NAME)].forEach((match, at) => {
    out += first.slice(from, match.index);
    from = match.index + match[0].length;
    const names = [...new Set(tokens.map((list) => list[at]!))];
    if (names.length === 1) {
      out += match[0];
      return;
    }
    named.push(out.length);
    out += listNames(names);
    named.push(out.length);
  });
  out += first.slice(from);
  // As for numbered copies: from the last names back, so the earlier positions stay where they are.
  for (let i = named.length - 2; i >= 0; i -= 2) out = agree(out, named[i]!, named[i + 1]!);
  return out;
}

/**
 * What copies of one block's finding share once the block's name (`segment`) is left out: rule, severity,
 * place, and message, help and notes (with their places) up to that name.
 */
function copyKey(d: Diagnostic, segment: string): string {
  const related = d.related.map((r) => [r.span.file, r.span.start, r.span.end, without(r.message, segment)].join("\u0001"));
  return [d.rule, d.severity, d.span.file, d.span.start, d.span.end, without(d.message, segment), without(d.help ?? "", segment), ...related].join("\u0000");
}

/** The findings in `list` that are alike up to their copies' names, each group as one diagnostic. */
export function groupCopies(list: readonly Diagnostic[]): Diagnostic[] {
  const alone = alonePlaced(list);
  if (alone.size === list.length) return [...list];
  return groupTemplateCopies(groupNumberedCopies(list, alone), alone);
}

/**
 * The findings no other finding of their rule shares a place with: no copies of anything, so neither pass
 * looks at their texts (a check with a finding at each of 100k places pays a key each, not a regex).
 */
function alonePlaced(list: readonly Diagnostic[]): Set<Diagnostic> {
  // By start offset first (a number: V8's maps hash those without building a string per finding).
  const byStart = new Map<number, Diagnostic[]>();
  for (const d of list) {
    if (d.locations !== undefined) continue;
    const same = byStart.get(d.span.start);
    if (same === undefined) byStart.set(d.span.start, [d]);
    else same.push(d);
  }
  const samePlace = (a: Diagnostic, b: Diagnostic) => a !== b && a.rule === b.rule && a.span.end === b.span.end && a.span.file === b.span.file;
  return new Set(list.filter((d) => d.locations !== undefined || !byStart.get(d.span.start)!.some((o) => samePlace(d, o))));
}

/**
 * The findings of `list` in buckets of one key, in the order of each bucket's first; a finding already
 * standing for several (`locations`), or one of `apart` (alone at its place, or no copy of another), is a
 * bucket of its own.
 */
function buckets(list: readonly Diagnostic[], apart: ReadonlySet<Diagnostic>, key: (d: Diagnostic) => string): Diagnostic[][] {
  const groups = new Map<string, Diagnostic[]>();
  const order: Diagnostic[][] = [];
  for (const d of list) {
    if (d.locations !== undefined || apart.has(d)) {
      order.push([d]);
      continue;
    }
    const k = key(d);
    const group = groups.get(k);
    if (group === undefined) {
      const fresh = [d];
      groups.set(k, fresh);
      order.push(fresh);
    } else {
      group.push(d);
    }
  }
  return order;
}

/**
 * `mergeTexts` for texts whose code (between backticks) may differ: code is source the user can paste, so
 * a code span that differs between the copies is listed whole, once per copy (`` `vf(a.p0)` and `vf(b.p0)` ``),
 * never merged inside (`vf(a.p0 and b.p0)` does not parse); the rest is merged as usual.
 */
function mergeWithCode(texts: readonly string[], mergeTexts: (texts: readonly string[]) => string): string {
  const parts = texts.map((text) => text.split("`"));
  const count = parts[0]!.length;
  if (count < 3 || parts.some((p) => p.length !== count)) return mergeTexts(texts);
  const listed = new Map<number, string>();
  for (let k = 1; k < count; k += 2) {
    const codes = [...new Set(parts.map((p) => p[k]!))];
    if (codes.length > 1) listed.set(k, listNames(codes.map((code) => `\`${code}\``)));
  }
  if (listed.size === 0) return mergeTexts(texts);
  // Each listed code span stands in the merge as a mark no name matches, then is put back.
  const mark = (k: number) => `\u0003${k}\u0003`;
  const marked = parts.map((p) => p.map((part, k) => (listed.has(k) ? mark(k) : k % 2 === 1 ? `\`${part}\`` : part)).join(""));
  let out = mergeTexts(marked);
  for (const [k, codes] of listed) out = out.replace(mark(k), codes);
  return out;
}

/**
 * One diagnostic for a group of findings: the first, with the merged message and help (in the plural: the
 * copies together), every finding in `locations` with its own message and help (in the singular).
 */
function grouped(group: readonly Diagnostic[], mergeNamesOf: (texts: readonly string[]) => string): Diagnostic {
  const first = group[0]!;
  const mergeTexts = (texts: readonly string[]) => mergeWithCode(texts, mergeNamesOf);
  const help = first.help === undefined ? undefined : helpForCopies(mergeTexts(group.map((d) => d.help ?? "")));
  return {
    ...first,
    message: mergeTexts(group.map((d) => d.message)),
    ...(help === undefined ? {} : { help }),
    locations: group.map((d) => (d.help === undefined || d.help === help ? { span: d.span, message: d.message } : { span: d.span, message: d.message, help: d.help })),
  };
}

/**
 * The second pass (module comment): findings at one span alike but for one block's name. Each finding is
 * a candidate copy under each name it writes; it joins the candidate group that most findings share (the
 * first of equals), so the pass stays linear in the findings and the names they write. The notes are the
 * first finding's, which are the others' up to names.
 */
function groupTemplateCopies(list: readonly Diagnostic[], alone: ReadonlySet<Diagnostic>): Diagnostic[] {
  const keysOf = new Map<Diagnostic, string[]>();
  const counts = new Map<string, number>();
  for (const d of list) {
    if (d.locations !== undefined || alone.has(d)) continue;
    const keys = [...nameSegments(d.message)].map((segment) => copyKey(d, segment));
    keysOf.set(d, keys);
    for (const key of new Set(keys)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const best = new Map<Diagnostic, string>();
  for (const [d, keys] of keysOf) {
    let chosen: string | undefined;
    for (const key of keys) if (counts.get(key)! > 1 && (chosen === undefined || counts.get(key)! > counts.get(chosen)!)) chosen = key;
    if (chosen !== undefined) best.set(d, chosen);
  }
  // A finding with no candidate group that another shares stays as it is, as one alone at its place does.
  const single = new Set(list.filter((d) => !best.has(d)));
  return buckets(list, single, (d) => best.get(d)!).map((group) => (group.length === 1 ? group[0]! : grouped(group, mergeNames)));
}

function groupNumberedCopies(list: readonly Diagnostic[], alone: ReadonlySet<Diagnostic>): Diagnostic[] {
  const key = (d: Diagnostic) => [d.rule, d.severity, d.span.file, d.span.start, d.span.end, shape(d.message), shape(d.help ?? "")].join("\u0000");
  return buckets(list, alone, key).map((group) => {
    if (group.length === 1 || new Set(group.map((d) => d.message)).size === 1) return group[0]!;
    return grouped(group, merge);
  });
}

/**
 * One diagnostic per finding, as `--format json` lists them (and an editor underlines them): a grouped
 * diagnostic becomes one per location with that finding's own message and help (the group's when it has
 * none of its own), sharing the group's notes; its fixes stay with the first.
 */
export function expandLocations(list: readonly Diagnostic[]): Diagnostic[] {
  return list.flatMap((d) => {
    if (d.locations === undefined) return [d];
    const { locations, fixes, ...rest } = d;
    return locations.map((location, i) => ({
      ...rest,
      span: location.span,
      message: location.message,
      ...(location.help === undefined ? {} : { help: location.help }),
      ...(i === 0 && fixes !== undefined ? { fixes } : {}),
    }));
  });
}
