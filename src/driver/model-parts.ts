/**
 * The resolved model in parts before lowering: the hosts that traffic couples, each with its entities and
 * the traffic into it, as a topology of its own that shares the whole model's lookup and simulation block.
 *
 * Lowering reads, for the entities of a host, only that host's entities (its PFs' queue cores, its own
 * interfaces' cores, the VMs and PFs its interfaces name) and, for a traffic source, the sources sent by
 * the same interface (a VF's `rate_limit` shared among them) — all in the sender's part, since a source
 * from one host's interface to another's couples the two. The rest it reads is the program's (the profile,
 * the cost overrides, the seed). So lowering a part gives the IR of that part's hosts, in the model's order,
 * with the same interfaces left out, and fails exactly when lowering the whole fails (only the program-wide
 * settings can fail it); test/driver/model-parts.test.ts holds it against `splitIr` of the whole IR.
 * A part here may hold more hosts than the IR's (src/driver/estimate-parts.ts): traffic to an interface that
 * lowering leaves out couples hosts here and not in the IR; a part's figures are those of its IR parts
 * together, either way.
 */
import { trafficIface } from "../domain/traffic.js";
import type { Topology } from "../semantics/model.js";
import { splitCoupled } from "../sim/coupled-hosts.js";

/** The model's hosts grouped into parts that traffic couples, each a topology of its own, in the order of their first host. */
export function splitModel(model: Topology): Topology[] {
  return splitCoupled(model, (iface) => model.lookup.ifaces.get(iface)?.host, trafficIface);
}

/** The model without its hosts and traffic: what lowering makes of the program-wide settings alone. */
export function settingsOnly(model: Topology): Topology {
  return { ...model, hosts: [], traffic: [], nics: [], pfs: [], vswitches: [], vms: [], containers: [], ifaces: [] };
}
