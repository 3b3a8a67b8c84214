/**
 * An interface's MTU when its `mtu` is left out, decided here once for the file (resolve.ts) and for a
 * what-if that re-attaches the interface (src/lower/what-if.ts), so a what-if gets the MTU the file would
 * have had, written that way.
 *
 * A `vf`/`vdpa`/`vmdq`/`pf` interface takes its PF's `mtu`. A `vswitch` interface takes the smallest MTU of
 * the vSwitch's uplinks, as Open vSwitch and a Linux bridge give a bridge that sets none (a larger frame
 * would be dropped at the narrowest uplink, what mtu-exceeds-pf says of a written one), or 1500 when it
 * has none (docs/LANGUAGE.md, "interface MTU defaults").
 */
import type { Attachment } from "./model.js";

/** The Ethernet MTU Linux gives a device that sets none (`ether_setup`: ETH_DATA_LEN). */
export const ETHERNET_MTU = 1500;

export interface MtuSources {
  /** A PF's `mtu`; undefined for a PF the program does not have. */
  readonly pfMtu: (pf: string) => number | undefined;
  /** A vSwitch's uplinks (PF ids); undefined for a vSwitch the program does not have. */
  readonly uplinks: (vswitch: string) => readonly string[] | undefined;
}

export function defaultIfaceMtu(attachment: Attachment, sources: MtuSources): number {
  switch (attachment.kind) {
    case "vf":
    case "vdpa":
    case "vmdq":
    case "pf":
      return sources.pfMtu(attachment.pf) ?? ETHERNET_MTU;
    case "vswitch": {
      let mtu = Infinity;
      for (const uplink of sources.uplinks(attachment.vswitch) ?? []) mtu = Math.min(mtu, sources.pfMtu(uplink) ?? Infinity);
      return mtu === Infinity ? ETHERNET_MTU : mtu;
    }
  }
}
