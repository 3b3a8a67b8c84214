/** `misplaced-block`: where each block kind may stand (LANGUAGE.md "Nesting"). */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Block, BlockKind, Member, SourceFile } from "../syntax/ast.js";
import { joinSpans } from "../syntax/span.js";

/** The parent kinds a block kind may be nested in; `top` is the file level. */
export type Parent = BlockKind | "top";

export const ALLOWED_PARENTS: Record<BlockKind, readonly Parent[]> = {
  host: ["top"],
  traffic: ["top"],
  simulation: ["top"],
  nic: ["host"],
  vswitch: ["host"],
  vm: ["host"],
  container: ["host"],
  iface: ["host", "vm", "container"],
  pf: ["nic"],
  cost: ["simulation"],
};

export function isPlacementAllowed(kind: BlockKind, parent: Parent): boolean {
  return ALLOWED_PARENTS[kind].includes(parent);
}

/** "a `pf`", "an `iface`" (the kinds are read letter by letter or as words: only `iface` takes "an"). */
function aKind(kind: BlockKind): string {
  return `${kind === "iface" ? "an" : "a"} \`${kind}\``;
}

function where(parent: Parent): string {
  return parent === "top" ? "at the top level" : `inside ${aKind(parent)}`;
}

/** Where the help sends the block: "to the top level", "inside a `host` or inside a `vm`". */
function destination(parent: Parent): string {
  return parent === "top" ? "to the top level" : where(parent);
}

function placesFor(kind: BlockKind): string {
  const places = ALLOWED_PARENTS[kind].map(destination);
  return places.length === 1 ? places[0]! : `${places.slice(0, -1).join(", ")} or ${places[places.length - 1]}`;
}

function check(block: Block, parent: Parent, out: Diagnostic[]): void {
  if (!isPlacementAllowed(block.blockKind, parent)) {
    const span = block.name ? joinSpans(block.keywordSpan, block.name.span) : block.keywordSpan;
    out.push(
      diagnostic("misplaced-block", "error", span, `${aKind(block.blockKind)} block cannot stand ${where(parent)}`, {
        help: `move it ${placesFor(block.blockKind)}`,
      }),
    );
  }
  visitMembers(block.members, block.blockKind, out);
}

// (Indexed loops: this visits every block of every file, and `for...of` allocated an iterator and a
// result per step until the function was optimized.)
function visitMembers(members: readonly Member[], parent: Parent, out: Diagnostic[]): void {
  for (let i = 0; i < members.length; i++) {
    const member = members[i]!;
    if (member.kind === "Block") check(member, parent, out);
  }
}

export function checkPlacement(file: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const items = file.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === "Block") check(item, "top", out);
    else if (item.kind === "Template") visitMembers(item.members, item.blockKind, out);
  }
  return out;
}
