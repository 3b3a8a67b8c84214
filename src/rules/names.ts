/** How rules name things in messages: as the author writes them inside a host (`x710.pf0`, `web.eth0`). */
import type { Iface, Pf, VdpaAttach, VfAttach } from "../semantics/model.js";
import type { Span } from "../syntax/span.js";

/** An entity's path inside its host: its canonical id without the host's (`h1.x710.pf0` → `x710.pf0`). */
function inHost(entity: { readonly id: string; readonly host: string }): string {
  return entity.id.slice(entity.host.length + 1);
}

export function pfRef(pf: Pf): string {
  return inHost(pf);
}

export function ifaceRef(iface: Iface): string {
  return inHost(iface);
}

/** Who drives an interface's VF, in a message's words: the guest (a VM), the container, or the host. */
export function vfUser(iface: Iface): "the guest" | "the container" | "the host" {
  return iface.owner.kind === "vm" ? "the guest" : iface.owner.kind === "container" ? "the container" : "the host";
}

/** A VF attachment as written: `vf(x710.pf0, 3)` with an explicit index, else `vf(x710.pf0)` (`vdpa(...)` likewise). */
export function vfCall(pf: Pf, attachment: VfAttach | VdpaAttach): string {
  const { slot } = attachment;
  return slot.kind === "explicit" ? `${attachment.kind}(${pfRef(pf)}, ${slot.index})` : `${attachment.kind}(${pfRef(pf)})`;
}

/** Where an interface's `attach` is written (the model holds no interface without one). */
export function attachSpan(iface: Iface): Span {
  return iface.spans.attrs.attach ?? iface.spans.name;
}
