/**
 * A `.sriov` program built by an importer, written out as text together with a map from each written
 * block and attribute back to where it came from in the imported file. `sriovc import` formats the text
 * with the project's formatter; `sriovc check` on a YAML or XML file checks the text as written and maps
 * every diagnostic on it back to the user's file through the map.
 */
import { BLOCK_KINDS, LITERAL_WORDS, type BlockKind } from "../syntax/ast.js";
import type { Span } from "../syntax/span.js";

export interface GenAttribute {
  readonly kind: "attr";
  readonly name: string;
  /** The value as `.sriov` source text (`8`, `"intel-x710"`, `vf(nic0.ens1f0, 3)`, `25Gbps`). */
  readonly value: string;
  readonly origin?: Span | undefined;
}

export interface GenBlock {
  readonly kind: "block";
  readonly blockKind: BlockKind;
  readonly name: string;
  readonly members: GenMember[];
  readonly origin?: Span | undefined;
  /** Comment lines written above the block (without `//`). */
  readonly comments: string[];
}

export type GenMember = GenAttribute | GenBlock;

export interface GenProgram {
  /** Comment lines at the top of the file (without `//`). */
  readonly header: string[];
  readonly blocks: GenBlock[];
}

/** A written range of the text and the input it came from. */
export interface OriginEntry {
  readonly start: number;
  readonly end: number;
  readonly origin: Span;
}

export function block(blockKind: BlockKind, name: string, origin?: Span, comments: string[] = []): GenBlock {
  return { kind: "block", blockKind, name, members: [], origin, comments };
}

/**
 * A number as `.sriov` text. An integer past 2^53 stringifies as `1e+23`, which is no `.sriov` number: its
 * digits are written, so that check says it is too large at the line it came from, where it would otherwise
 * stop the import.
 */
export function numberText(value: number): string {
  return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}

export function attr(owner: GenBlock, name: string, value: string | number, origin?: Span): void {
  const existing = owner.members.findIndex((m) => m.kind === "attr" && m.name === name);
  const next: GenAttribute = { kind: "attr", name, value: typeof value === "number" ? numberText(value) : value, origin };
  if (existing === -1) owner.members.push(next);
  else owner.members[existing] = next;
}

export function childBlock(owner: GenBlock, blockKind: BlockKind, name: string): GenBlock | undefined {
  return owner.members.find((m): m is GenBlock => m.kind === "block" && m.blockKind === blockKind && m.name === name);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Words that match NAME but cannot name a block: the block kinds start a block where a name is expected
 * (`host vm {` does not parse), and `true`, `false`, `auto` are always literals. Outside names hit them:
 * a libvirt domain or Kubernetes node may be called `vm`, and a captured sysfs tree's directory `host`.
 * (src/syntax/ast.ts's list, which imports no chevrotain.)
 */
const RESERVED = new Set<string>([...BLOCK_KINDS, ...LITERAL_WORDS]);

/** A word that matches a name's shape but cannot be one (`host`, `vm`, `true`): sriovName appends `_` to it. */
export function isReservedWord(raw: string): boolean {
  return RESERVED.has(raw);
}

/** A valid `.sriov` name for an outside name (`worker-0.example.com` → `worker-0_example_com`, `vm` → `vm_`). */
export function sriovName(raw: string): string {
  if (RESERVED.has(raw)) return `${raw}_`;
  if (NAME.test(raw)) return raw;
  const cleaned = raw.replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

export function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

/** Comment text on one line, with nothing that could end or start another comment. */
function commentLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/\*\//g, "* /");
}

export function writeProgram(program: GenProgram): { text: string; origins: OriginEntry[] } {
  let text = "";
  const origins: OriginEntry[] = [];
  for (const line of program.header) text += `// ${commentLine(line)}\n`.replace(/ \n$/, "\n");
  const writeBlock = (b: GenBlock, indent: string): void => {
    for (const line of b.comments) text += `${indent}// ${commentLine(line)}\n`;
    const start = text.length + indent.length;
    text += `${indent}${b.blockKind} ${b.name} {\n`;
    const inner = `${indent}  `;
    let previousWasBlock = false;
    // Attributes first, then nested blocks, each in the order added: the canonical layout.
    const members = [...b.members.filter((m) => m.kind === "attr"), ...b.members.filter((m) => m.kind === "block")];
    members.forEach((member, index) => {
      if (member.kind === "attr") {
        const at = text.length + inner.length;
        text += `${inner}${member.name} = ${member.value}\n`;
        if (member.origin !== undefined) origins.push({ start: at, end: text.length - 1, origin: member.origin });
        previousWasBlock = false;
      } else {
        if (index > 0 && !previousWasBlock) text += "\n";
        else if (previousWasBlock) text += "\n";
        writeBlock(member, inner);
        previousWasBlock = true;
      }
    });
    text += `${indent}}\n`;
    if (b.origin !== undefined) origins.push({ start, end: text.length - 1, origin: b.origin });
  };
  program.blocks.forEach((b, i) => {
    if (i > 0 || program.header.length > 0) text += "\n";
    writeBlock(b, "");
  });
  return { text, origins };
}

/** The origin of the smallest written range that holds `[start, end)`, or undefined. */
export function originAt(origins: readonly OriginEntry[], start: number, end: number): Span | undefined {
  let best: OriginEntry | undefined;
  for (const entry of origins) {
    if (entry.start <= start && end <= Math.max(entry.end, entry.start + 1) && (best === undefined || entry.end - entry.start < best.end - best.start)) best = entry;
  }
  return best?.origin;
}
