/** How rules name things in messages: as the author writes them inside a host (`x710.pf0`, `web.eth0`). */
import type { IfaceView, PfView } from "./topology.js";

export function pfRef(pf: PfView): string {
  return `${pf.nic.name}.${pf.name}`;
}

export function ifaceRef(iface: IfaceView): string {
  return iface.vm === undefined ? iface.name : `${iface.vm.name}.${iface.name}`;
}
