/** `invalid-mac`: a MAC address is multicast, all zeros or broadcast. */
import { ifaceRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { ifaceFacts, MAC_WRITTEN } from "./iface-facts.js";

/** `Number.parseInt(mac.slice(0, 2), 16)` without the slice (a string per interface) when both are hex digits. */
function firstOctet(mac: string): number {
  const high = hexDigit(mac.charCodeAt(0));
  const low = hexDigit(mac.charCodeAt(1));
  return high >= 0 && low >= 0 ? high * 16 + low : Number.parseInt(mac.slice(0, 2), 16);
}

/** The value of a hex digit's character code, or -1. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

export const invalidMac: Rule = {
  meta: ruleMeta({
    id: "invalid-mac",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "A MAC address is multicast, all zeros or broadcast.",
  }),
  check(model, context) {
    // Only interfaces with a written MAC (`auto` is always valid): their flags read once per check for
    // every rule (iface-facts.ts).
    const { flags } = ifaceFacts(model);
    for (let i = 0; i < flags.length; i++) {
      if ((flags[i]! & MAC_WRITTEN) === 0) continue;
      const iface = model.ifaces[i]!;
      if (iface.mac.kind === "auto") continue;
      const mac = iface.mac.address;
      // Every interface of a topology passes here: decide from the first octet and two comparisons, and
      // split the address only for the few that are reported (this rule was 1.5 % of a check's profile).
      const first = firstOctet(mac);
      // Broadcast and all zeros start with ff and 00: only those addresses are lowered and compared.
      const lower = first === 0xff || first === 0 ? mac.toLowerCase() : "";
      let problem: string | undefined;
      if (lower === "ff:ff:ff:ff:ff:ff") problem = "is the broadcast address";
      else if (lower === "00:00:00:00:00:00") problem = "is all zeros";
      else if ((first & 1) === 1) problem = "is a multicast address (the lowest bit of its first byte is set)";
      if (problem === undefined) continue;
      const octets = mac.split(":").map((part) => Number.parseInt(part, 16));
      // The same address made unicast and locally administered: bit 0 cleared, bit 1 set.
      const fixed = [((first & 0xfe) | 0x02).toString(16).padStart(2, "0"), ...mac.split(":").slice(1)].join(":");
      const example = octets.every((o) => o === 0) || octets.every((o) => o === 0xff) ? "02:00:00:00:00:01" : fixed;
      context.report({
        span: iface.spans.attrs.mac ?? iface.spans.name,
        message: `the MAC of ${ifaceRef(iface)}, ${mac}, ${problem}: a NIC will not take it as an interface's own address`,
        help: `use a unicast address such as ${example} (locally administered), or \`mac = auto\``,
      });
    }
  },
};
