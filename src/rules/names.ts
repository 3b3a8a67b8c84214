/** How rules name things in messages: as the author writes them inside a host (`x710.pf0`, `web.eth0`). */
import type { AttachmentView, IfaceView, PfView } from "./topology.js";

export function pfRef(pf: PfView): string {
  return `${pf.nic.name}.${pf.name}`;
}

export function ifaceRef(iface: IfaceView): string {
  const owner = iface.vm ?? iface.container;
  return owner === undefined ? iface.name : `${owner.name}.${iface.name}`;
}

/** A VF attachment as written: `vf(x710.pf0, 3)` with an explicit index, else `vf(x710.pf0)`. */
export function vfCall(attachment: Extract<AttachmentView, { kind: "vf" }>): string {
  const call = attachment.mode;
  return attachment.explicit && attachment.index !== undefined ? `${call}(${pfRef(attachment.pf)}, ${attachment.index})` : `${call}(${pfRef(attachment.pf)})`;
}
