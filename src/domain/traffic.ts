/**
 * Which interface a traffic source exercises, decided once for the two shapes that spell a traffic source
 * (the model's `Traffic`, the IR's `IrTraffic`): both name its ends alike, the wire or an interface by id.
 */

/** One end of a traffic source: the wire, or an interface (its id). */
export type TrafficEnd = { readonly kind: "wire" } | { readonly kind: "iface"; readonly iface: string };

/**
 * The interface a traffic source exercises: its target (receive), or for transmit (`to = wire`) its sender.
 * Traffic from the wire to the wire reaches neither the model nor the IR (`invalid-value`).
 */
export function trafficIface(traffic: { readonly from: TrafficEnd; readonly to: TrafficEnd }): string {
  if (traffic.to.kind === "iface") return traffic.to.iface;
  if (traffic.from.kind === "iface") return traffic.from.iface;
  throw new Error("internal: traffic from the wire to the wire is not part of the model or the IR");
}
