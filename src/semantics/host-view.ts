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
import { ChildView, DeclRecord, type Decl } from "./scopes.js";
import type { AttributeTable } from "./templates.js";

/** What a declaration that let its syntax go holds instead (resolve.ts `letSyntaxGo`): the same for all. */
export interface ResolvedSyntax {
  readonly block: Block;
  readonly span: Span;
  readonly attributes: AttributeTable;
}

type Child = Nic | Vswitch | Vm | Container | Iface;

const NIC = 0;
const VSWITCH = 1;
const VM = 2;
const CONTAINER = 3;
const IFACE = 4;

/**
 * The view of `decl`'s children through `host` (its model), or undefined when the model does not hold
 * exactly one entity per declaration below the host, with the same kind, id and order (a declaration left
 * out for an error: a traffic reference to it must still find it).
 */
export function hostView(decl: Decl, host: Host, resolved: ResolvedSyntax): HostView | undefined {
  const children = decl.children;
  const order = new Uint8Array(children.length);
  let nic = 0;
  let vswitch = 0;
  let vm = 0;
  let container = 0;
  let iface = 0;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    switch (child.kind) {
      case "nic": {
        const entity = host.nics[nic++];
        if (entity === undefined || entity.id !== child.id || !sameLeaves(child, entity.pfs, "pf")) return undefined;
        order[i] = NIC;
        break;
      }
      case "vswitch": {
        const entity = host.vswitches[vswitch++];
        if (entity === undefined || entity.id !== child.id || child.children.length !== 0) return undefined;
        order[i] = VSWITCH;
        break;
      }
      case "vm": {
        const entity = host.vms[vm++];
        if (entity === undefined || entity.id !== child.id || !sameLeaves(child, entity.ifaces, "iface")) return undefined;
        order[i] = VM;
        break;
      }
      case "container": {
        const entity = host.containers[container++];
        if (entity === undefined || entity.id !== child.id || !sameLeaves(child, entity.ifaces, "iface")) return undefined;
        order[i] = CONTAINER;
        break;
      }
      case "iface": {
        const entity = host.bareIfaces[iface++];
        if (entity === undefined || entity.id !== child.id || child.children.length !== 0) return undefined;
        order[i] = IFACE;
        break;
      }
      default:
        return undefined;
    }
  }
  if (nic !== host.nics.length || vswitch !== host.vswitches.length || vm !== host.vms.length || container !== host.containers.length || iface !== host.bareIfaces.length) return undefined;
  return new HostView(decl, host, order, resolved);
}

/** Whether `decl`'s children are `entities`, one each in order, of `kind`, with no children of their own. */
function sameLeaves(decl: Decl, entities: readonly (Pf | Iface)[], kind: "pf" | "iface"): boolean {
  const children = decl.children;
  if (children.length !== entities.length) return false;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.kind !== kind || child.id !== entities[i]!.id || child.children.length !== 0) return false;
  }
  return true;
}

export class HostView extends ChildView {
  constructor(
    private readonly owner: Decl,
    private readonly host: Host,
    /** The kind of each child in declaration order (NIC … IFACE): the model keeps one list per kind. */
    private readonly order: Uint8Array,
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
    const host = this.host;
    const order = this.order;
    let nic = 0;
    let vswitch = 0;
    let vm = 0;
    let container = 0;
    let iface = 0;
    for (let i = 0; i < order.length; i++) {
      let entity: Child;
      switch (order[i]) {
        case NIC:
          entity = host.nics[nic++]!;
          break;
        case VSWITCH:
          entity = host.vswitches[vswitch++]!;
          break;
        case VM:
          entity = host.vms[vm++]!;
          break;
        case CONTAINER:
          entity = host.containers[container++]!;
          break;
        default:
          entity = host.bareIfaces[iface++]!;
      }
      if (entity.name === name) return entity;
      each?.(entity);
    }
    return undefined;
  }

  /** A declaration made again from its entity: what `letSyntaxGo` left of the one it was made from. */
  private declOf(entity: Child | Pf, parent: Decl): Decl {
    const resolved = this.resolved;
    const decl = new DeclRecord(entity.kind, entity.name, entity.id, parent, resolved.span, resolved.span, resolved.block, undefined, resolved.attributes, NO_DECLS);
    const leaves: readonly (Pf | Iface)[] = entity.kind === "nic" ? entity.pfs : entity.kind === "vm" || entity.kind === "container" ? entity.ifaces : NO_ENTITIES;
    if (leaves.length > 0) {
      const children: Decl[] = [];
      for (let i = 0; i < leaves.length; i++) children.push(this.declOf(leaves[i]!, decl));
      decl.children = children;
    }
    return decl;
  }
}

const NO_DECLS: Decl[] = [];
const NO_ENTITIES: readonly (Pf | Iface)[] = Object.freeze([]);
