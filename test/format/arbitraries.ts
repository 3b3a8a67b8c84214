/**
 * fast-check arbitraries for random valid `.sriov` programs, comments included, and a deliberately
 * unformatted printer for them (random spacing, line breaks, blank lines, optional `;` and trailing
 * commas), so the formatter sees layouts it did not produce itself.
 */
import fc from "fast-check";

/** Identifiers that are never keywords, of varied lengths so some lists overflow the print width. */
const NAMES = ["a", "pf0", "eth0", "x710", "cores", "web", "br0", "security_groups", "connection_tracking", "a_long_attribute_name", "v-1", "_x"];
const KINDS = ["host", "nic", "pf", "vswitch", "vm", "iface", "traffic"] as const;

export type Comment = { readonly style: "line" | "block"; readonly words: string; readonly multiline: boolean };

/** Layout of one gap: how the unformatted printer separates two tokens. */
export type Gap = " " | "\n" | "\n\n\n" | "  \n\t ";

export type Value =
  | { readonly kind: "atom"; readonly text: string }
  | { readonly kind: "range"; readonly from: number; readonly to: number }
  | { readonly kind: "ref"; readonly segments: readonly string[] }
  | { readonly kind: "call"; readonly callee: string; readonly args: readonly Value[]; readonly inner?: Comment }
  | { readonly kind: "list"; readonly items: readonly ListItem[]; readonly trailingComma: boolean; readonly inner?: Comment; readonly gap: Gap };

export interface ListItem {
  readonly value: Value;
  readonly before?: Comment;
  readonly after?: Comment;
}

export interface Member {
  readonly node: Attribute | Block;
  readonly before: readonly Comment[];
  readonly after?: Comment;
  readonly gap: Gap;
}

export interface Attribute {
  readonly kind: "attribute";
  readonly name: string;
  readonly value: Value;
  readonly semicolon: boolean;
  readonly valueComment?: Comment;
}

export interface Block {
  readonly kind: "block";
  readonly header: string;
  readonly members: readonly Member[];
  readonly openComment?: Comment;
  readonly emptyComments: readonly Comment[];
}

export interface Program {
  readonly items: readonly {
    readonly text: Block | { readonly kind: "import"; readonly path: string };
    readonly before: readonly Comment[];
    readonly after?: Comment;
    readonly gap: Gap;
  }[];
  readonly endComments: readonly Comment[];
}

const name = fc.constantFrom(...NAMES);
const gap = fc.constantFrom<Gap>(" ", "\n", "\n\n\n", "  \n\t ");
const words = fc
  .array(fc.constantFrom("why", "TODO", "see docs/SIMULATION.md", "*", "/", "a=b", "{ }", "[x]", '"q"', "ünï"), { minLength: 0, maxLength: 4 })
  .map((list) => list.join(" "));
export const comment: fc.Arbitrary<Comment> = fc.record({ style: fc.constantFrom<"line" | "block">("line", "block"), words, multiline: fc.boolean() });
const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined, freq: 3 });

const atom: fc.Arbitrary<Value> = fc
  .oneof(
    fc.nat({ max: 100000 }).map(String),
    fc.constantFrom("2.5", "0.50", "10Gbps", "1.5Mpps", "64B", "8GiB", "2.4GHz", "50us", "20%", "1200cyc", "0"),
    fc.constantFrom('"intel-x710"', '""', '"a \\"quoted\\" \\\\ \\n \\u{41}"', '"ünïcode"'),
    fc.constantFrom("52:54:00:aa:00:01", "aa:bb:cc:00:11:22", "0000:3b:00.0", "0000:AF:1f.7"),
    fc.constantFrom("true", "false", "auto"),
  )
  .map((text) => ({ kind: "atom" as const, text }));

const { value } = fc.letrec<{ value: Value; item: ListItem }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    atom,
    fc.record({ kind: fc.constant("range" as const), from: fc.nat({ max: 64 }), to: fc.nat({ max: 64 }) }),
    fc.record({ kind: fc.constant("ref" as const), segments: fc.array(name, { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant("call" as const), callee: name, args: fc.array(tie("value"), { maxLength: 3 }), inner: maybe(comment) }),
    fc.record({ kind: fc.constant("list" as const), items: fc.array(tie("item"), { maxLength: 8 }), trailingComma: fc.boolean(), inner: maybe(comment), gap }),
  ),
  item: fc.record({ value: tie("value"), before: maybe(comment), after: maybe(comment) }),
}));

const attribute: fc.Arbitrary<Attribute> = fc.record({
  kind: fc.constant("attribute" as const),
  name,
  value,
  semicolon: fc.boolean(),
  valueComment: maybe(comment),
});

/** Headers of nested blocks; templates only at top level (the parser allows them nowhere else). */
const header = fc.oneof(
  fc
    .tuple(fc.constantFrom(...KINDS), name, fc.option(fc.tuple(fc.nat({ max: 9 }), fc.nat({ max: 9 }))), fc.option(name))
    .map(([kind, base, range, template]) => {
      const pattern = range ? `${base}[${range[0]}..${range[1]}]` : base;
      return template ? `${kind} ${pattern} : ${template}` : `${kind} ${pattern}`;
    }),
  fc.constantFrom("simulation", "cost"),
);
const topHeader = fc.oneof(
  header,
  name.map((base) => `template vm ${base}`),
);

const { block, topBlock } = fc.letrec<{ block: Block; topBlock: Block; member: Member }>((tie) => ({
  topBlock: fc.record({
    kind: fc.constant("block" as const),
    header: topHeader,
    members: fc.array(tie("member"), { maxLength: 5, depthIdentifier: "members" }),
    openComment: maybe(comment),
    emptyComments: fc.array(comment, { maxLength: 2 }),
  }),
  block: fc.record({
    kind: fc.constant("block" as const),
    header,
    members: fc.array(tie("member"), { maxLength: 5, depthIdentifier: "members" }),
    openComment: maybe(comment),
    emptyComments: fc.array(comment, { maxLength: 2 }),
  }),
  member: fc.record({
    node: fc.oneof({ depthSize: "small", withCrossShrink: true, depthIdentifier: "members" }, attribute, tie("block")),
    before: fc.array(comment, { maxLength: 2 }),
    after: maybe(comment),
    gap,
  }),
}));

export const program: fc.Arbitrary<Program> = fc.record({
  items: fc.array(
    fc.record({
      text: fc.oneof(
        { weight: 4, arbitrary: topBlock },
        { weight: 1, arbitrary: fc.constantFrom("./a.sriov", "../lib/x.sriov").map((path) => ({ kind: "import" as const, path })) },
      ),
      before: fc.array(comment, { maxLength: 2 }),
      after: maybe(comment),
      gap,
    }),
    { maxLength: 4 },
  ),
  endComments: fc.array(comment, { maxLength: 2 }),
});

// ---- the unformatted printer --------------------------------------------------------------------------

function printComment(c: Comment): string {
  if (c.style === "line") return `// ${c.words}\n`;
  return c.multiline ? `/* ${c.words}\n   ${c.words} */ ` : `/* ${c.words} */ `;
}

function printValue(v: Value): string {
  switch (v.kind) {
    case "atom":
      return v.text;
    case "range":
      return `${v.from}..${v.to}`;
    case "ref":
      return v.segments.join(".");
    case "call":
      if (v.args.length === 0) return `${v.callee}(${v.inner ? printComment(v.inner) : ""})`;
      return `${v.callee}(${v.args.map(printValue).join(", ")})`;
    case "list": {
      if (v.items.length === 0) return `[${v.inner ? printComment(v.inner) : ""}]`;
      const items = v.items.map((item, index) => {
        const last = index === v.items.length - 1;
        const comma = last && !v.trailingComma ? "" : ",";
        return `${item.before ? printComment(item.before) : ""}${printValue(item.value)}${comma}${item.after ? ` ${printComment(item.after)}` : ""}`;
      });
      return `[${v.gap}${items.join(v.gap)}${v.gap}]`;
    }
  }
}

function printBlock(b: Block): string {
  const open = `${b.header} {${b.openComment ? ` ${printComment(b.openComment)}` : ""}`;
  if (b.members.length === 0) return `${open}${b.emptyComments.map(printComment).join("")} }`;
  return `${open}${b.members.map(printMember).join("")}}`;
}

function printMember(m: Member): string {
  const before = m.before.map(printComment).join("");
  const node =
    m.node.kind === "block"
      ? printBlock(m.node)
      : `${m.node.name} = ${m.node.valueComment ? printComment({ ...m.node.valueComment, style: "block" }) : ""}${printValue(m.node.value)}${m.node.semicolon ? ";" : ""}`;
  return `${m.gap}${before}${node}${m.after ? ` ${printComment(m.after)}` : ""}${m.gap}`;
}

export function printUnformatted(p: Program): string {
  const items = p.items.map((item) => {
    const body = item.text.kind === "import" ? `import "${item.text.path}"` : printBlock(item.text);
    return `${item.before.map(printComment).join("")}${body}${item.after ? ` ${printComment(item.after)}` : ""}${item.gap}`;
  });
  return `${items.join("")}${p.endComments.map(printComment).join("")}`;
}
