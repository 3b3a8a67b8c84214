import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { generateTopology } from "../../bench/generate.mjs";
import {
  DPDK,
  guestFacts,
  ifaceFacts,
  KIND,
  MAC_WRITTEN,
  MULTI_QUEUE,
  OWNER_CONTAINER,
  OWNER_VM,
  PF,
  REQUIRES,
  SLOT_EXHAUSTED,
  SLOT_EXPLICIT,
  SPOOFCHK_OFF,
  takesVfKind,
  trafficFacts,
  TRUSTED,
  VDPA,
  VF,
  VMDQ,
  VSWITCH,
} from "../../src/rules/iface-facts.js";
import { trafficIface } from "../../src/domain/traffic.js";
import { takesVf, type Model } from "../../src/semantics/model.js";
import { modelOf } from "../helpers/check-source.js";

const REPO = path.join(import.meta.dirname, "../..");
const SAMPLES = path.join(REPO, "samples");

/** Every kind of attachment and owner, each flag set and unset, a slot of each kind, traffic across hosts. */
const VARIED = `host h1 {
  cores = 16
  numa_nodes = 2
  hypervisor_cores = 0..1
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2  vmdq_pools = 2 }
    pf pf1 { mtu = 9000 }
  }
  nic cx6 {
    model = "nvidia-cx6"
    numa = 1
    pf pf0 { vfs = 4 }
  }
  vswitch br0 { type = ovs  uplinks = [x710.pf1] }
  iface mgmt { attach = pf(x710.pf1)  driver = dpdk }
  vm a {
    vcpus = 2
    pin = [3, 2]
    iface e0 { attach = vf(x710.pf0, 1)  trust = true  spoofchk = false  mac = 02:00:00:00:00:09 }
    iface e1 { attach = vf(x710.pf0)  vlan = 7  mtu = 1400 }
    iface e2 { attach = vf(x710.pf0)  queues = 2 }
    iface e3 { attach = vmdq(x710.pf0) }
  }
  vm b {
    vcpus = 4
    live_migration = true
    iface e0 { attach = vdpa(cx6.pf0)  requires = [acl] }
    iface e1 { attach = vswitch(br0) }
  }
  container c {
    iface e0 { attach = vf(cx6.pf0, 3)  driver = dpdk }
  }
}
host h2 {
  iface up { attach = pf(nic0.pf0) }
  nic nic0 {
    model = "intel-x710"
    pf pf0 { vfs = 1 }
  }
}
traffic t1 { from = h2.up  to = h1.a.e0  rate = 1Mpps }
traffic t2 { from = wire  to = h1.b.e1  rate = 1Mpps  vlan = 5 }
traffic t3 { from = h1.a.e2  to = wire  rate = 1Gbps }
traffic t4 { from = wire  to = h1.mgmt  rate = 1Mpps }
traffic t5 { from = wire  to = h1.b.e1  rate = 1Mpps }
`;

function models(): [string, Model][] {
  const out: [string, Model][] = [];
  for (const file of readdirSync(SAMPLES).filter((f) => f.endsWith(".sriov"))) out.push([file, modelOf(readFileSync(path.join(SAMPLES, file), "utf8"))!]);
  out.push(["generated", modelOf(generateTopology({ lines: 3000 }).source)!]);
  out.push(["generated, varied", modelOf(generateTopology({ lines: 3000, varied: true }).source)!]);
  out.push(["varied", modelOf(VARIED)!]);
  return out;
}

const at = (list: readonly { readonly id: string }[], id: string): number => list.findIndex((entity) => entity.id === id);

describe("the rules' shared facts (src/rules/iface-facts.ts)", () => {
  const all = models();

  it("has a model with every attachment kind, owner kind and flag, both set and unset", () => {
    const model = all.find(([name]) => name === "varied")![1];
    const { flags } = ifaceFacts(model);
    for (const kind of [PF, VF, VDPA, VMDQ, VSWITCH]) expect([...flags].some((f) => (f & KIND) === kind), `kind ${kind}`).toBe(true);
    for (const bit of [OWNER_VM, OWNER_CONTAINER, SPOOFCHK_OFF, TRUSTED, DPDK, MAC_WRITTEN, MULTI_QUEUE, SLOT_EXPLICIT, SLOT_EXHAUSTED, REQUIRES]) {
      expect([...flags].some((f) => (f & bit) !== 0), `bit ${bit} set`).toBe(true);
      expect([...flags].some((f) => (f & bit) === 0), `bit ${bit} unset`).toBe(true);
    }
    expect([...flags].some((f) => (f & (OWNER_VM | OWNER_CONTAINER)) === 0)).toBe(true);
    // Targets in the interfaces' order, then transmit traffic, then one out of that order (and one after it).
    expect(model.traffic.map((t) => trafficIface(t))).toEqual(["h1.a.e0", "h1.b.e1", "h1.a.e2", "h1.mgmt", "h1.b.e1"]);
    expect(model.traffic.map((t) => [t.from.kind, t.to.kind])).toEqual([["iface", "iface"], ["wire", "iface"], ["iface", "wire"], ["wire", "iface"], ["wire", "iface"]]);
  });

  it.each(all)("says what the interfaces of %s say", (_name, model) => {
    const facts = ifaceFacts(model);
    expect(facts.flags.length).toBe(model.ifaces.length);
    model.ifaces.forEach((iface, i) => {
      const { attachment, owner } = iface;
      const f = facts.flags[i]!;
      expect(f & KIND).toBe({ pf: PF, vf: VF, vdpa: VDPA, vmdq: VMDQ, vswitch: VSWITCH }[attachment.kind]);
      expect(takesVfKind(f)).toBe(takesVf(attachment));
      expect((f & OWNER_VM) !== 0).toBe(owner.kind === "vm");
      expect((f & OWNER_CONTAINER) !== 0).toBe(owner.kind === "container");
      expect((f & SPOOFCHK_OFF) !== 0).toBe(!iface.spoofchk);
      expect((f & TRUSTED) !== 0).toBe(iface.trust);
      expect((f & DPDK) !== 0).toBe(iface.driver === "dpdk");
      expect((f & MAC_WRITTEN) !== 0).toBe(iface.mac.kind !== "auto");
      expect((f & MULTI_QUEUE) !== 0).toBe(iface.queues > 1);
      expect((f & REQUIRES) !== 0).toBe(iface.requires.length > 0);
      expect((f & SLOT_EXPLICIT) !== 0).toBe(takesVf(attachment) && attachment.slot.kind === "explicit");
      expect((f & SLOT_EXHAUSTED) !== 0).toBe(takesVf(attachment) && attachment.slot.kind === "exhausted");
      expect(facts.slot[i]).toBe(takesVf(attachment) && attachment.slot.kind !== "exhausted" ? attachment.slot.index : -1);
      expect(facts.target[i]).toBe(attachment.kind === "vswitch" ? at(model.vswitches, attachment.vswitch) : at(model.pfs, attachment.pf));
      expect(facts.target[i]).toBeGreaterThanOrEqual(0);
      expect(facts.owner[i]).toBe(owner.kind === "vm" ? at(model.vms, owner.vm) : owner.kind === "container" ? at(model.containers, owner.container) : -1);
      expect(facts.host[i]).toBe(at(model.hosts, iface.host));
      expect(facts.mtu[i]).toBe(iface.mtu);
      expect(facts.vlan[i]).toBe(iface.vlan ?? -1);
    });
  });

  it.each(all)("finds the interfaces of the traffic of %s", (_name, model) => {
    const facts = trafficFacts(model);
    expect(facts.iface.length).toBe(model.traffic.length);
    model.traffic.forEach((traffic, t) => {
      expect(facts.iface[t]).toBe(at(model.ifaces, trafficIface(traffic)));
      expect(facts.from[t]).toBe(traffic.from.kind === "iface" ? at(model.ifaces, traffic.from.iface) : -1);
      expect(facts.to[t]).toBe(traffic.to.kind === "iface" ? at(model.ifaces, traffic.to.iface) : -1);
    });
  });

  it.each(all)("says what the VMs and containers of %s say", (_name, model) => {
    const facts = guestFacts(model);
    const guests = [...model.vms, ...model.containers];
    expect(facts.host.length).toBe(guests.length);
    guests.forEach((guest, g) => {
      expect(facts.host[g]).toBe(at(model.hosts, guest.host));
      expect(facts.explicitPin[g]).toBe(guest.pin.kind === "explicit" ? 1 : 0);
      expect(facts.vcpus[g]).toBe(guest.kind === "vm" ? guest.vcpus : 0);
      expect(facts.numa[g]).toBe(guest.numa);
      expect(facts.cores.slice(facts.coreStart[g], facts.coreStart[g + 1])).toEqual(guest.pin.cores);
    });
    expect(facts.coreStart[guests.length]).toBe(facts.cores.length);
  });

  it("computes the facts once per model: every rule of a check reads the same arrays", () => {
    const model = all[0]![1];
    expect(ifaceFacts(model)).toBe(ifaceFacts(model));
    expect(trafficFacts(model)).toBe(trafficFacts(model));
    expect(guestFacts(model)).toBe(guestFacts(model));
    // The entity at a position is the one the model's lookup gives (the rules read either).
    for (const [, m] of all) {
      m.pfs.forEach((pf) => expect(m.lookup.pfs.get(pf.id)).toBe(pf));
      m.vms.forEach((vm) => expect(m.lookup.vms.get(vm.id)).toBe(vm));
      m.vswitches.forEach((s) => expect(m.lookup.vswitches.get(s.id)).toBe(s));
      m.hosts.forEach((h) => expect(m.lookup.hosts.get(h.id)).toBe(h));
    }
  });
});
