/**
 * The one-host topologies both agreement tests generate (agreement.property.test.ts, open loop, and
 * agreement-closed-loop.property.test.ts): one KVM host, one NIC on NUMA node 0 with one PF per receiver
 * (its own line and ring), a vSwitch with every PF as uplink (offloading when a receiver is a representor
 * port), hypervisor cores 0-1, and each VM's or pod's receiver on a core of its own.
 */
import fc from "fast-check";
import type { DataPath, Ir, IrIface, IrTraffic } from "../../src/lower/ir.js";
import { fixtureIr, profileCosts } from "./ir-fixtures.js";

/** A receiver's data path: a path of the language, with the deployment that changes its stages. */
export type ReceiverKind = "pf" | "vswitch" | "vmdq" | "vf" | "vf-dpdk" | "pod-vf" | "vdpa" | "representor";

/** One receiver and the flow into it: open loop (a rate, Poisson) or closed loop (a window, constant). */
export interface ReceiverSpec {
  readonly kind: ReceiverKind;
  readonly bytes: number | "imix";
  readonly vmNuma: number;
  readonly ratePps: number | null;
  readonly window: number | null;
  readonly pattern: "poisson" | "constant";
}

/** What the host is, around its receivers (R: each test's own description of a receiver). */
export interface AgreementTopology<R> {
  readonly profile: "default" | "apicv-no-posted" | "legacy-no-posted";
  readonly posted: boolean;
  readonly freqGHz: number;
  readonly itr: { readonly ns: number; readonly adaptive: boolean };
  readonly vswitchFeatures: readonly ("acl" | "security_groups" | "vxlan")[];
  readonly receivers: readonly R[];
  readonly seed: number;
}

export function topologyArbitrary<R>(receiver: fc.Arbitrary<R>): fc.Arbitrary<AgreementTopology<R>> {
  return fc.record({
    profile: fc.constantFrom("default" as const, "apicv-no-posted" as const, "legacy-no-posted" as const),
    posted: fc.boolean(),
    freqGHz: fc.constantFrom(2.0, 2.5, 3.0),
    itr: fc.constantFrom({ ns: 0, adaptive: false }, { ns: 20_000, adaptive: false }, { ns: 50_000, adaptive: false }, { ns: 50_000, adaptive: true }),
    vswitchFeatures: fc.subarray(["acl", "security_groups", "vxlan"] as const),
    receivers: fc.array(receiver, { minLength: 1, maxLength: 3 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  });
}

const PATH: Readonly<Record<ReceiverKind, DataPath>> = { pf: "pf", vswitch: "vswitch", vmdq: "vmdq", vf: "vf", "vf-dpdk": "vf", "pod-vf": "vf", vdpa: "vdpa", representor: "vf" };

/** The IR of a topology whose receivers `spec` describes, simulated with `seed`. */
export function agreementIr<R>(t: AgreementTopology<R>, spec: (r: R) => ReceiverSpec, seed = t.seed): Ir {
  const receivers = t.receivers.map(spec);
  const base = fixtureIr({ path: "vf", posted: t.posted, profile: t.profile });
  const pfs = receivers.map((_, i) => ({ ...base.pfs[0]!, id: `h1.x710.pf${i}`, itrNs: t.itr.ns, itrAdaptive: t.itr.adaptive, queueCore: i % 2, vswitch: "h1.br0", ring: 1024 }));
  const vms: Ir["vms"][number][] = [];
  const containers: Ir["containers"][number][] = [];
  const ifaces: IrIface[] = [];
  const traffic: IrTraffic[] = [];
  receivers.forEach((r, i) => {
    const pf = `h1.x710.pf${i}`;
    const core = 2 + i;
    const path = PATH[r.kind];
    const bare = r.kind === "pf";
    const pod = r.kind === "pod-vf";
    const vm = bare || pod ? null : `h1.vm${i}`;
    if (vm !== null) vms.push({ id: vm, host: "h1", vcpus: 1, pin: [core], numa: r.vmNuma, memoryBytes: 4 * 2 ** 30, liveMigration: false });
    if (pod) containers.push({ id: `h1.pod${i}`, host: "h1", pin: [core], numa: 0 });
    const attachment: IrIface["attachment"] =
      path === "vf" || path === "vdpa" ? { kind: path, pf, vf: 0 } : path === "vmdq" ? { kind: "vmdq", pf, pool: 0 } : path === "vswitch" ? { kind: "vswitch", vswitch: "h1.br0", pf } : { kind: "pf", pf };
    const id = bare ? `h1.eth${i}` : pod ? `h1.pod${i}.eth0` : `${vm}.eth0`;
    // The fixture's interface for what no receiver changes (VLAN, spoof checking, trust, rate limit, MTU).
    ifaces.push({
      ...base.ifaces[0]!,
      id,
      host: "h1",
      vm,
      container: pod ? `h1.pod${i}` : null,
      attachment,
      vswitch: bare || pod ? null : "h1.br0",
      mac: `02:00:00:00:00:0${i + 1}`,
      irqCore: path === "vswitch" ? i % 2 : core,
      stackCore: core,
      driver: r.kind === "vf-dpdk" ? "dpdk" : "kernel",
      queueCores: [core],
      offload: r.kind === "representor" ? { vswitch: "h1.br0", upcallCore: i % 2 } : null,
    });
    traffic.push({
      id: `t${i}`,
      from: { kind: "wire" },
      to: { kind: "iface", iface: id },
      flows: 1,
      ratePps: r.ratePps,
      window: r.window,
      size: r.bytes === "imix" ? { kind: "imix" } : { kind: "fixed", bytes: r.bytes },
      pattern: { kind: r.pattern },
      vlan: null,
      startNs: 0,
      stopNs: null,
    });
  });
  return {
    ...base,
    hosts: [{ ...base.hosts[0]!, cores: 8, freqHz: t.freqGHz * 1e9, numaNodes: 2, hypervisorCores: [0, 1], postedInterrupts: t.posted }],
    pfs,
    vswitches: [{ id: "h1.br0", host: "h1", type: "ovs", uplinks: pfs.map((p) => p.id), features: [...t.vswitchFeatures], offload: receivers.some((r) => r.kind === "representor") }],
    vms,
    containers,
    ifaces,
    traffic,
    simulation: { ...base.simulation, durationNs: 40_000_000, warmupNs: 4_000_000, seed },
    costs: profileCosts(t.profile),
  };
}
