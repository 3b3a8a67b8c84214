/**
 * Templates: `template vm small_vm { ... }` declares a reusable body; `vm web : small_vm { ... }` starts
 * from its attributes and blocks. The block's own attributes override the template's; a nested block of
 * the same kind and name as one of the template's is merged the same way, others are added after the
 * template's (so template interfaces come first in allocation order).
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Attribute, Block, Member, SourceFile, Template } from "../syntax/ast.js";
import { closestNames, didYouMean, listWords } from "./suggest.js";

export interface TemplateTable {
  readonly byName: ReadonlyMap<string, Template>;
  /** Ids of the blocks that used each template, filled while expanding. */
  readonly users: Map<Template, string[]>;
}

export function collectTemplates(files: readonly SourceFile[], diagnostics: Diagnostic[]): TemplateTable {
  const byName = new Map<string, Template>();
  const users = new Map<Template, string[]>();
  for (const file of files) {
    for (const item of file.items) {
      if (item.kind !== "Template") continue;
      const first = byName.get(item.name.name);
      if (first !== undefined) {
        diagnostics.push(
          diagnostic("duplicate-name", "error", item.name.span, `template \`${item.name.name}\` is declared twice`, {
            related: [{ span: first.name.span, message: "first declared here" }],
            help: "rename one of them",
          }),
        );
        continue;
      }
      byName.set(item.name.name, item);
      users.set(item, []);
    }
  }
  return { byName, users };
}

/** The template a block names, or undefined after reporting `unknown-template`. */
export function templateOf(block: Block, table: TemplateTable, diagnostics: Diagnostic[]): Template | undefined {
  const reference = block.template;
  if (reference === undefined) return undefined;
  const template = table.byName.get(reference.name);
  if (template !== undefined && template.blockKind === block.blockKind) return template;
  const sameKind = [...table.byName.values()].filter((t) => t.blockKind === block.blockKind).map((t) => t.name.name);
  if (template !== undefined) {
    diagnostics.push(
      diagnostic("unknown-template", "error", reference.span, `\`${reference.name}\` is a \`${template.blockKind}\` template, but this block is a \`${block.blockKind}\``, {
        related: [{ span: template.name.span, message: "template declared here" }],
        help: didYouMean(closestNames(reference.name, sameKind)) ?? `declare a \`template ${block.blockKind} ...\` to start from`,
      }),
    );
    return undefined;
  }
  diagnostics.push(
    diagnostic("unknown-template", "error", reference.span, `unknown template \`${reference.name}\``, {
      help:
        didYouMean(closestNames(reference.name, sameKind)) ??
        (sameKind.length === 0 ? `no \`${block.blockKind}\` template is declared` : `declared \`${block.blockKind}\` templates: ${listWords(sameKind.slice(0, 5), "and")}`),
    }),
  );
  return undefined;
}

/** Template members then own members, own attributes overriding, same-named blocks merged. */
export function mergeMembers(base: readonly Member[], own: readonly Member[]): Member[] {
  const ownAttributes = new Set<string>();
  const ownBlocks = new Map<string, Block>();
  for (const m of own) {
    if (m.kind === "Attribute") ownAttributes.add(m.name.name);
    else if (m.name !== undefined && m.name.range === undefined) ownBlocks.set(`${m.blockKind} ${m.name.base.name}`, m);
  }
  const merged: Member[] = [];
  const mergedInto = new Set<Block>();
  for (const m of base) {
    if (m.kind === "Attribute") {
      if (!ownAttributes.has(m.name.name)) merged.push(m);
      continue;
    }
    const override = m.name !== undefined && m.name.range === undefined ? ownBlocks.get(`${m.blockKind} ${m.name.base.name}`) : undefined;
    if (override === undefined) {
      merged.push(m);
      continue;
    }
    mergedInto.add(override);
    // The own block keeps its identity (name span, template) and gains the template block's members.
    merged.push({ ...override, members: mergeMembers(m.members, override.members) });
  }
  for (const m of own) if (m.kind === "Attribute" || !mergedInto.has(m)) merged.push(m);
  return merged;
}

/**
 * A block's effective attributes by name, the first setting of a name winning (a second one is reported
 * as `duplicate-name` by the attribute check). Every declaration has one, and most blocks set a handful
 * of attributes: a Map each (its hash table, grown on the first few sets) was the largest single
 * allocation of resolve. This reads the members list itself, a short list searched from the start; a
 * long body (hand-written blocks never are) gets a Map, so lookups stay linear in the file.
 */
export class AttributeTable {
  /** Built only for bodies longer than LINEAR_MEMBERS. */
  private map: Map<string, Attribute> | undefined;
  private members: readonly Member[];

  constructor(members: readonly Member[]) {
    this.members = members;
    this.map = members.length > LINEAR_MEMBERS ? firstSettings(members) : undefined;
  }

  /**
   * Lets go of the members: the table of a declaration that has been read (a one-shot check's
   * `StreamedResolution`) answers nothing after this. Whatever may still point at the table then holds the
   * table alone, not the block's syntax: in a fresh 1M-line check that syntax otherwise lived on through
   * the scavenges (docs/PERFORMANCE.md "What a one-shot check keeps alive (session 8)").
   */
  release(): void {
    this.members = NO_MEMBERS;
    this.map = undefined;
  }

  get(name: string): Attribute | undefined {
    if (this.map !== undefined) return this.map.get(name);
    return firstSetting(this.members, this.members.length, name);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Whether `members[index]` is the first setting of its name. */
  private isFirst(index: number): boolean {
    return firstSetting(this.members, index, (this.members[index] as Attribute).name.name) === undefined;
  }

  /**
   * The first setting of each attribute name, in order, written into `out` from index 0; answers how many
   * (the model's entities keep their value spans: entity-spans.ts). Into the caller's list, which it reuses,
   * rather than a record or a list per entity; a loop rather than a `forEach` with a callback, which was a
   * closure made per entity.
   */
  firstSettingsInto(out: Attribute[]): number {
    let count = 0;
    if (this.map !== undefined) {
      for (const attribute of this.map.values()) out[count++] = attribute;
      return count;
    }
    const members = this.members;
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      if (m.kind === "Attribute" && this.isFirst(i)) out[count++] = m;
    }
    return count;
  }
}

const NO_MEMBERS: readonly Member[] = Object.freeze([]);

/** Bodies up to this many members are searched in place (AttributeTable, and the attribute check in attributes.ts). */
export const LINEAR_MEMBERS = 16;

/** The first attribute among `members[0, end)` that sets `name`: how short bodies are read without a Map. */
export function firstSetting(members: readonly Member[], end: number, name: string): Attribute | undefined {
  for (let i = 0; i < end; i++) {
    const m = members[i]!;
    if (m.kind === "Attribute" && m.name.name === name) return m;
  }
  return undefined;
}

function firstSettings(members: readonly Member[]): Map<string, Attribute> {
  const map = new Map<string, Attribute>();
  for (const m of members) if (m.kind === "Attribute" && !map.has(m.name.name)) map.set(m.name.name, m);
  return map;
}

export function attributeMap(members: readonly Member[]): AttributeTable {
  return new AttributeTable(members);
}
