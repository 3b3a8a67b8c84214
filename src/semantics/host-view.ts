/**
 * A resolved host's declarations read through its model. While a large file is resolved as it is parsed
 * (`StreamedResolution`, resolve.ts), a host is read and assembled as soon as it is declared; what is left
 * to ask of the declarations inside it is what a later traffic reference asks: the child named so, its
 * kind and id, and, for a message, the names of the children. The model answers that as well when it holds
 * one entity per declaration, in the same order (`hostView` checks it, else the declarations are kept):
 * the host's declaration then keeps no children of its own, and the declarations of its NICs, PFs,
 * vSwitches, VMs, containers and interfaces (~150 per host of the bench's topology, a declaration of 112 B
 * each and the lists that held them) die young instead of being copied twice by the scavenges and kept to
 * the end of the check (docs/PERFORMANCE.md "The declaration tree once a host is resolved, and smaller
 * parts (session 9)").
 * A declaration asked for is made again from its entity, for as long as the caller holds it.
 */
import type { Block } from "../syntax/ast.js";
import type { Span } from "../syntax/span.js";
import type { Container, Host, Iface, Nic, Pf, Vm, Vswitch } from "./model.js";
import { ChildView, DeclRecord, NO_CHILDREN, type Decl } from "./scopes.js";
import type { AttributeTable } from "./templates.js";

/** What a declaration that let its syntax go holds instead (resolve.ts `letSyntaxGo`): the same for all. */
export interface ResolvedSyntax {
  readonly block: Block;
  readonly span: Span;
  readonly attributes: AttributeTable;
}

type Child = Nic | Vswitch | Vm | Container | Iface;

/** The kinds of a host's children, each at its index in `childLists`. */
const CHILD_KINDS: readonly Child["kind"][] = ["nic", "vswitch", "vm", "container", "iface"];

/** The host's entities of each of CHILD_KINDS, one list per kind, in declaration order. */
function childLists(host: Host): readonly (readonly Child[])[] {
  return [host.nics, host.vswitches, host.vms, host.containers, host.bareIfaces];
}

/** The entities declared inside `entity`: a NIC's PFs, a VM's or container's interfaces; none for the rest. */
function leavesOf(entity: Child | Pf): readonly (Pf | Iface)[] {
  return entity.kind === "nic" ? entity.pfs : entity.kind === "vm" || entity.kind === "container" ? entity.ifaces : NO_ENTITIES;
}

/**
 * The view of `decl`'s children through `host` (its model), or undefined when the model does not hold
 * exactly one entity per declaration below the host, with the same kind, id and order (a declaration left
 * out for an error: a traffic reference to it must still find it).
 */
export function hostView(decl: Decl, host: Host, resolved: ResolvedSyntax): HostView | undefined {
  const children = decl.children;
  const lists = childLists(host);
  const taken = new Int32Array(CHILD_KINDS.length);
  const order = new Uint8Array(children.length);
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    const kind = CHILD_KINDS.indexOf(child.kind as Child["kind"]);
    if (kind === -1) return undefined;
    const entity = lists[kind]![taken[kind]!++];
    if (entity === undefined || entity.id !== child.id || !sameLeaves(child, leavesOf(entity))) return undefined;
    order[i] = kind;
  }
  for (let kind = 0; kind < CHILD_KINDS.length; kind++) if (taken[kind] !== lists[kind]!.length) return undefined;
  return new HostView(decl, order, lists, resolved);
}

/** Whether `decl`'s children are `entities`, one each in order, of the same kind, with no children of their own. */
function sameLeaves(decl: Decl, entities: readonly (Pf | Iface)[]): boolean {
  const children = decl.children;
  if (children.length !== entities.length) return false;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    const entity = entities[i]!;
    if (child.kind !== entity.kind || child.id !== entity.id || child.children.length !== 0) return false;
  }
  return true;
}

export class HostView extends ChildView {
  /** How many of each kind `find` has passed (kept here: `find` is asked once per traffic reference). */
  private readonly taken = new Int32Array(CHILD_KINDS.length);

  constructor(
    private readonly owner: Decl,
    /** The kind of each child in declaration order (an index of CHILD_KINDS): the model keeps one list per kind. */
    private readonly order: Uint8Array,
    private readonly lists: readonly (readonly Child[])[],
    private readonly resolved: ResolvedSyntax,
  ) {
    super();
  }

  get(name: string): Decl | undefined {
    const found = this.find(name);
    return found === undefined ? undefined : this.declOf(found, this.owner);
  }

  list(): readonly Decl[] {
    const out: Decl[] = [];
    this.find(undefined, (entity) => {
      out.push(this.declOf(entity, this.owner));
    });
    return out;
  }

  /** The child named `name` (undefined: none), or each child in order given to `each`. */
  private find(name: string | undefined, each?: (entity: Child) => void): Child | undefined {
    const { order, lists, taken } = this;
    taken.fill(0);
    for (let i = 0; i < order.length; i++) {
      const kind = order[i]!;
      const entity = lists[kind]![taken[kind]!++]!;
      if (entity.name === name) return entity;
      each?.(entity);
    }
    return undefined;
  }

  /** A declaration made again from its entity: what `letSyntaxGo` left of the one it was made from. */
  private declOf(entity: Child | Pf, parent: Decl): Decl {
    const resolved = this.resolved;
    const decl = new DeclRecord(entity.kind, entity.name, entity.id, parent, resolved.span, resolved.span, resolved.block, undefined, resolved.attributes, NO_CHILDREN);
    const leaves = leavesOf(entity);
    if (leaves.length > 0) {
      const children: Decl[] = [];
      for (let i = 0; i < leaves.length; i++) children.push(this.declOf(leaves[i]!, decl));
      decl.children = children;
    }
    return decl;
  }
}

const NO_ENTITIES: readonly (Pf | Iface)[] = Object.freeze([]);
