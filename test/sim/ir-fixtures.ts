/** Hand-built IR documents for simulator, report and schema tests (one host, one NIC, one receiving interface). */
import { IR_VERSION, type DataPath, type Feature, type IfaceDriver, type Ir, type IrIface, type IrPacketSize, type IrPattern, type IrTraffic, type VswitchType } from "../../src/lower/ir.js";
import { effectiveCosts, loadProfile } from "../../src/lower/profiles.js";

export interface FixtureOptions {
  path?: DataPath;
  ratePps?: number | null;
  size?: IrPacketSize;
  pattern?: IrPattern;
  itrNs?: number;
  itrAdaptive?: boolean;
  window?: number | null;
  vmNuma?: number;
  posted?: boolean;
  features?: Feature[];
  vswitchType?: VswitchType;
  durationNs?: number;
  warmupNs?: number;
  seed?: number;
  ring?: number;
  speedBps?: number;
  profile?: string;
  overrides?: Map<string, number>;
  description?: string;
  eventBudget?: number;
  /** `dpdk`: a poll-mode driver on the interface. */
  driver?: IfaceDriver;
  /** RSS queues (the VM gets as many vCPUs, cores 4, 5, …). */
  queues?: number;
  flows?: number;
  /** The interface is a container's (SR-IOV CNI, veth) instead of a VM's. */
  container?: boolean;
  /** The traffic is transmitted by the interface to the wire instead of received. */
  transmit?: boolean;
  /** The vSwitch offloads into the NIC (`offload = true`); a `vf` interface is then its representor port. */
  offload?: boolean;
}

export function profileCosts(name = "default", overrides = new Map<string, number>()): Ir["costs"] {
  const loaded = loadProfile(name);
  if (!loaded.ok) throw new Error(loaded.message);
  return effectiveCosts(loaded.profile, overrides as Map<never, number>);
}

export function fixtureIr(options: FixtureOptions = {}): Ir {
  const path = options.path ?? "vf";
  const bare = path === "pf";
  const container = options.container === true && !bare;
  const ifaceId = bare ? "h1.eth0" : container ? "h1.pod1.eth0" : "h1.web1.eth0";
  const queues = options.queues ?? 1;
  const guestCores = Array.from({ length: queues }, (_, q) => 4 + q);
  const attachment: IrIface["attachment"] =
    path === "vf" || path === "vdpa"
      ? { kind: path, pf: "h1.x710.pf0", vf: 0 }
      : path === "vmdq"
        ? { kind: "vmdq", pf: "h1.x710.pf0", pool: 0 }
        : path === "vswitch"
          ? { kind: "vswitch", vswitch: "h1.br0", pf: "h1.x710.pf0" }
          : { kind: "pf", pf: "h1.x710.pf0" };
  const traffic: IrTraffic = {
    id: "t1",
    from: options.transmit === true ? { kind: "iface", iface: ifaceId } : { kind: "wire" },
    to: options.transmit === true ? { kind: "wire" } : { kind: "iface", iface: ifaceId },
    flows: options.flows ?? 1,
    ratePps: options.ratePps === undefined ? 200_000 : options.ratePps,
    window: options.window ?? null,
    size: options.size ?? { kind: "fixed", bytes: 64 },
    pattern: options.pattern ?? { kind: "poisson" },
    vlan: null,
    startNs: 0,
    stopNs: null,
    ...(options.description === undefined ? {} : { description: options.description }),
  };
  return {
    irVersion: IR_VERSION,
    hosts: [
      {
        id: "h1",
        cores: 8,
        freqHz: 2.5e9,
        numaNodes: 1,
        hypervisor: bare ? "none" : "kvm",
        hypervisorCores: bare ? [] : [0],
        iommu: true,
        postedInterrupts: options.posted ?? true,
        overcommit: 1,
        ...(options.description === undefined ? {} : { description: options.description }),
      },
    ],
    nics: [{ id: "h1.x710", host: "h1", model: "intel-x710", numa: 0 }],
    pfs: [
      {
        id: "h1.x710.pf0",
        host: "h1",
        nic: "h1.x710",
        pci: "0000:3b:00.0",
        speedBps: options.speedBps ?? 10e9,
        maxVfs: 64,
        vfs: 8,
        vmdqPools: 8,
        msix: 129,
        itrNs: options.itrNs ?? 0,
        itrAdaptive: options.itrAdaptive ?? false,
        ring: options.ring ?? 512,
        mtu: 1500,
        queueCore: 0,
        vswitch: bare ? null : "h1.br0",
        // An offloading vSwitch's uplink is in switchdev mode, as lowering writes it (its VFs are representors).
        ...(options.offload === true && !bare ? { switchdev: true as const } : {}),
      },
    ],
    vswitches: bare ? [] : [{ id: "h1.br0", host: "h1", type: options.vswitchType ?? "ovs", uplinks: ["h1.x710.pf0"], features: options.features ?? [], offload: options.offload === true }],
    vms: bare || container ? [] : [{ id: "h1.web1", host: "h1", vcpus: queues, pin: guestCores, numa: options.vmNuma ?? 0, memoryBytes: 4 * 2 ** 30, liveMigration: false }],
    containers: container ? [{ id: "h1.pod1", host: "h1", pin: guestCores, numa: 0 }] : [],
    ifaces: [
      {
        id: ifaceId,
        host: "h1",
        vm: bare || container ? null : "h1.web1",
        container: container ? "h1.pod1" : null,
        attachment,
        driver: options.driver ?? "kernel",
        queueCores: bare ? [4] : guestCores,
        offload: options.offload === true && (path === "vf" || path === "vdpa") ? { vswitch: "h1.br0", upcallCore: 0 } : null,
        vswitch: bare ? null : "h1.br0",
        mac: "02:00:00:00:00:01",
        vlan: null,
        spoofchk: true,
        trust: false,
        requires: [],
        rateLimitBps: null,
        mtu: 1500,
        irqCore: path === "vswitch" ? 0 : 4,
        stackCore: 4,
      },
    ],
    traffic: [traffic],
    simulation: {
      durationNs: options.durationNs ?? 20_000_000,
      warmupNs: options.warmupNs ?? 2_000_000,
      seed: options.seed ?? 42,
      profile: options.profile ?? "default",
      eventBudget: options.eventBudget ?? 50_000_000,
    },
    costs: profileCosts(options.profile ?? "default", options.overrides),
  };
}
