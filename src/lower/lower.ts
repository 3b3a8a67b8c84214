/**
 * Lowering: the resolved model (src/semantics/model.ts) of a program that checked without errors → the IR.
 * The model already has canonical ids, defaults, VF/pool allocation and pinning; lowering converts units
 * (seconds → integer ns), picks the cores that take each interface's interrupts, converts bit rates to
 * packet rates, and merges the cost profile with the source's overrides.
 *
 * Lowering is the one place that decides placement; the IR carries each decision and the plan reads it
 * (docs/SIMULATION.md repeats them):
 * - each host-side receive queue is served by one of the cores that take the host's device interrupts
 *   (`interruptCores`: `hypervisor_cores`, a bare-metal host's housekeeping cores): the host's PFs in order
 *   (their default queue, `pf.queueCore`), then its vSwitches without uplinks, round robin;
 * - the vSwitch of a PF (`pf.vswitch`, an interface's `vswitch`) is the first that lists it in `uplinks`;
 * - a vSwitch interface's interrupts go to its queue's core (its first uplink's, or its vSwitch's);
 * - a host's own interface (`pf(...)`, or `vf(...)` with the host kernel's VF driver) takes its hardware
 *   interrupts and runs its stack on its PF's queue core on a hypervisor host (the host kernel); on a
 *   bare-metal host, its own interfaces in order, round robin over the housekeeping cores (with DPDK,
 *   which takes no interrupts, over all the host's cores: `ownIfaceCores`);
 * - a VM interface's guest work runs on the VM's first pinned core, a container's on its first core; with
 *   `queues = N`, queue q runs on the VM's vCPU (the container's core) q, wrapping (`queueCores`); a host's
 *   own interface spreads its queues over the same cores from its own (`ownIfaceCores`);
 * - a PF is in switchdev mode (`switchdev: true`) when it is an uplink of a vSwitch that offloads
 *   (src/semantics/switchdev.ts decides); the emitters write the mode from there;
 * - a `vf`/`vdpa` interface on a PF in switchdev mode, on a NIC model with switchdev, is a representor port
 *   of that vSwitch, whoever uses it (a VM, a container, the host itself): its slow path runs on the PF's
 *   queue core (`offload`); the emitters read it from there too;
 * - a bit rate counts frame bits only (no preamble/gap): pps = bps / (mean frame size × 8).
 *
 * An interface that has no data path the IR can express — no VF or VMDq pool left, a VF index beyond the
 * PF's VFs, `pf(...)` inside a VM — is a check error by default; with that rule turned off in sriovc.json
 * it is left out of the IR together with the traffic to and from it, and `omitted` says so.
 */
import { trafficIface } from "../domain/traffic.js";
import type { Span } from "../syntax/span.js";
import type { Iface, Topology } from "../semantics/model.js";
import { SIMULATION_DEFAULTS } from "../semantics/model.js";
import { interruptCores, ownIfaceCores } from "../semantics/interrupt-cores.js";
import { eswitchMode, representorVswitch } from "../semantics/switchdev.js";
import { COST_PARAMETERS, IR_VERSION, meanFrameBytes, type CostParameter, type Ir, type IrAttachment, type IrIface, type IrSpan, type IrTraffic } from "./ir.js";
import { effectiveCosts, loadProfile } from "./profiles.js";

/** Events a run may process before it stops with a message (about 10 s of CPU at 5 M events/s). */
export const DEFAULT_EVENT_BUDGET = 50_000_000;

export type LowerResult =
  | { readonly ok: true; readonly ir: Ir; readonly omitted: readonly Omission[] }
  | { readonly ok: false; readonly errors: readonly LowerError[] };

/** Something the model holds that the IR cannot express; `check` reports each of these first. */
export interface LowerError {
  readonly message: string;
  readonly span: Span | null;
}

/** An interface left out of the IR (with the traffic to and from it), and the rule that would report why. */
export interface Omission {
  readonly iface: string;
  readonly rule: string;
  readonly message: string;
  readonly span: Span;
}

function irSpan(span: Span): IrSpan {
  return { file: span.file, line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn };
}

/**
 * An absent description is an `undefined` field, which JSON leaves out, rather than a missing one: each IR
 * entity is then one object literal with its fields written out. (Built as `{ ...common(entity), ... }`
 * they grew their property store field by field, several times their size in garbage on a large topology.)
 */
function description(entity: { description: string | null }): string | undefined {
  return entity.description ?? undefined;
}

const ns = (seconds: number): number => Math.round(seconds * 1e9);

type ModelTraffic = Topology["traffic"][number];

function offeredPps(t: ModelTraffic): number | null {
  if (t.rate === null) return null;
  return t.rate.kind === "pps" ? t.rate.pps : t.rate.bps / (meanFrameBytes(t.size) * 8);
}

/**
 * The packet rate a flow offers, capped by its sender's `rate_limit` when the sender is a VF (`ip link set
 * ... vf N max_tx_rate`: the NIC enforces it). Flows from one VF share its limit in proportion to what they
 * offer (equally when a window flow has no rate of its own). Frame bits only, as rates are converted.
 */
function cappedRate(t: ModelTraffic, limited: ReadonlyMap<string, { limitBps: number; flows: ModelTraffic[] }>): number | null {
  const offered = offeredPps(t);
  if (t.from.kind !== "iface") return offered;
  const sender = limited.get(t.from.iface);
  if (sender === undefined) return offered;
  const limit = sender.limitBps;
  const siblings = sender.flows;
  const bits = (u: ModelTraffic): number | null => {
    const pps = offeredPps(u);
    return pps === null ? null : pps * meanFrameBytes(u.size) * 8;
  };
  if (siblings.some((u) => bits(u) === null)) {
    const share = limit / siblings.length / (meanFrameBytes(t.size) * 8);
    return offered === null ? share : Math.min(offered, share);
  }
  const total = siblings.reduce((sum, u) => sum + bits(u)!, 0);
  return total > limit ? offered! * (limit / total) : offered;
}

export interface LowerOptions {
  /** The cost profile when the source names none (`profile` in sriovc.json); else `default`. */
  readonly defaultProfile?: string;
}

/**
 * The core serving each host-side receive queue, by PF id (its default queue) and by the id of each
 * vSwitch without uplinks (its host-side port): round robin over the cores that take the host's device
 * interrupts (`interruptCores`).
 */
export function queueCores(model: Topology): Map<string, number> {
  const out = new Map<string, number>();
  for (const host of model.hosts) {
    const cores = interruptCores(host);
    let i = 0;
    const place = (id: string): void => {
      out.set(id, cores.length > 0 ? cores[i % cores.length]! : 0);
      i++;
    };
    for (const nic of host.nics) for (const pf of nic.pfs) place(pf.id);
    for (const vswitch of host.vswitches) if (vswitch.uplinks.length === 0) place(vswitch.id);
  }
  return out;
}

export function lowerModel(model: Topology, options: LowerOptions = {}): LowerResult {
  const errors: LowerError[] = [];
  const sim = model.simulation;
  const written = sim !== null && sim.spans.attrs["profile"] !== undefined;
  const profileName = written ? sim.profile : (options.defaultProfile ?? SIMULATION_DEFAULTS.profile);
  const profile = loadProfile(profileName);
  if (!profile.ok) return { ok: false, errors: [{ message: profile.message, span: sim?.spans.attrs["profile"] ?? null }] };
  const overrides = new Map<CostParameter | "feature.mirroring", number>();
  for (const o of sim?.costOverrides ?? []) {
    if (o.param === "feature.mirroring" || (COST_PARAMETERS as readonly string[]).includes(o.param)) overrides.set(o.param as CostParameter | "feature.mirroring", o.value);
    else errors.push({ message: `cost parameter '${o.param}' is not known to the simulator`, span: o.span });
  }

  const queueCore = queueCores(model);
  // A host's own interface: on a hypervisor host the host kernel runs on the hypervisor cores (its PF's
  // queue core); on bare metal, the host's own interfaces in order, round robin over the cores that serve
  // them (`ownIfaceCores`: the housekeeping cores that take its interrupts, any core for DPDK).
  const hostIfaceCore = new Map<string, number>();
  for (const host of model.hosts) {
    host.bareIfaces.forEach((f, i) => {
      const a = f.attachment;
      const pf = a.kind === "pf" || a.kind === "vf" ? a.pf : null;
      if (host.hypervisor !== "none" && pf !== null) hostIfaceCore.set(f.id, queueCore.get(pf) ?? 0);
      else {
        const cores = ownIfaceCores(host, f.driver);
        hostIfaceCore.set(f.id, cores.length > 0 ? cores[i % cores.length]! : 0);
      }
    });
  }

  const omitted: Omission[] = [];
  const omit = (iface: Iface, rule: string, message: string): undefined => {
    omitted.push({ iface: iface.id, rule, message, span: iface.spans.attrs["attach"] ?? iface.spans.name });
    return undefined;
  };
  const lowerIface = (iface: Iface): IrIface | undefined => {
    const host = model.lookup.hosts.get(iface.host)!;
    const vm = iface.owner.kind === "vm" ? model.lookup.vms.get(iface.owner.vm) : undefined;
    const container = iface.owner.kind === "container" ? model.lookup.containers.get(iface.owner.container) : undefined;
    const owned = vm ?? container;
    const stackCore = owned ? (owned.pin.cores[0] ?? 0) : (hostIfaceCore.get(iface.id) ?? 0);
    let attachment: IrAttachment;
    let irqCore = stackCore;
    const a = iface.attachment;
    if (owned === undefined && (a.kind === "vmdq" || a.kind === "vswitch"))
      return omit(iface, "invalid-value", `'${iface.id}' is a host's own interface: it cannot use ${a.kind}(...)`);
    if (vm !== undefined && a.kind === "pf") return omit(iface, "invalid-value", `'${iface.id}' is a VM's interface: it cannot use pf(...)`);
    if (container !== undefined && a.kind === "vmdq") return omit(iface, "invalid-value", `'${iface.id}' is a container's interface: it cannot use vmdq(...)`);
    if (vm === undefined && a.kind === "vdpa") return omit(iface, "invalid-value", `'${iface.id}' is not in a VM: it cannot use vdpa(...)`);
    switch (a.kind) {
      case "vf":
      case "vdpa": {
        if (a.slot.kind === "exhausted") return omit(iface, "vf-exhausted", `'${iface.id}' has no VF: '${a.pf}' has none free`);
        const vfs = model.lookup.pfs.get(a.pf)?.vfs ?? 0;
        if (a.slot.index >= vfs) return omit(iface, "vf-index-out-of-range", `'${iface.id}' uses VF ${a.slot.index}, but '${a.pf}' enables ${vfs}`);
        attachment = { kind: a.kind, pf: a.pf, vf: a.slot.index };
        break;
      }
      case "vmdq":
        if (a.pool === null) return omit(iface, "vmdq-pools-exhausted", `'${iface.id}' has no VMDq pool: '${a.pf}' has none free`);
        attachment = { kind: "vmdq", pf: a.pf, pool: a.pool };
        break;
      case "vswitch": {
        const uplink = model.lookup.vswitches.get(a.vswitch)?.uplinks[0] ?? null;
        attachment = { kind: "vswitch", vswitch: a.vswitch, pf: uplink };
        irqCore = queueCore.get(uplink ?? a.vswitch) ?? 0;
        break;
      }
      case "pf":
        attachment = { kind: "pf", pf: a.pf };
        break;
    }
    const pfId = attachment.pf;
    const vswitch = owned === undefined ? null : attachment.kind === "vswitch" ? attachment.vswitch : pfId === null ? null : (model.lookup.vswitchByUplink.get(pfId)?.id ?? null);
    // Queue q on the owner's core q, wrapping; a host's own interface over the kernel's cores from its own.
    const queueCores: number[] = [stackCore];
    if (iface.queues > 1) {
      queueCores.length = 0;
      const kernelCores = owned !== undefined ? [] : ownIfaceCores(host, iface.driver);
      const from = Math.max(0, kernelCores.indexOf(stackCore));
      for (let q = 0; q < iface.queues; q++) {
        if (owned !== undefined) queueCores.push(owned.pin.cores.length > 0 ? owned.pin.cores[q % owned.pin.cores.length]! : stackCore);
        else queueCores.push(q === 0 || kernelCores.length === 0 ? stackCore : kernelCores[(from + q) % kernelCores.length]!);
      }
    }
    // Whoever uses the VF (a VM, a container or the host itself): in switchdev mode every VF of the PF is a
    // representor port, so the first packet of each of its flows goes up to the vSwitch. Not `vswitch` above,
    // which is null for a host's own interface (it bypasses no vSwitch's features it asked for).
    let offload: IrIface["offload"] = null;
    if (attachment.kind === "vf" || attachment.kind === "vdpa") {
      const sw = representorVswitch(model, attachment.pf);
      if (sw !== undefined) offload = { vswitch: sw.id, upcallCore: queueCore.get(attachment.pf) ?? 0 };
    }
    return {
      id: iface.id,
      description: description(iface),
      span: irSpan(iface.spans.decl),
      host: iface.host,
      vm: vm?.id ?? null,
      container: container?.id ?? null,
      attachment,
      driver: iface.driver,
      queueCores,
      offload,
      vswitch,
      mac: iface.mac.address,
      vlan: iface.vlan,
      spoofchk: iface.spoofchk,
      trust: iface.trust,
      requires: [...iface.requires],
      rateLimitBps: iface.rateLimitBps,
      mtu: iface.mtu,
      irqCore,
      stackCore,
    };
  };

  const ifaces = model.ifaces.map(lowerIface).filter((f): f is IrIface => f !== undefined);
  const left = new Set(omitted.map((o) => o.iface));
  const carried = left.size === 0 ? model.traffic : model.traffic.filter((t) => !left.has(trafficIface(t)) && (t.from.kind !== "iface" || !left.has(t.from.iface)));
  // VFs with a `rate_limit`, with the flows they send.
  const limited = new Map<string, { limitBps: number; flows: ModelTraffic[] }>();
  for (const f of model.ifaces) if (f.rateLimitBps !== null && f.attachment.kind === "vf") limited.set(f.id, { limitBps: f.rateLimitBps, flows: [] });
  for (const t of carried) if (t.from.kind === "iface") limited.get(t.from.iface)?.flows.push(t);
  const traffic: IrTraffic[] = carried.map((t) => ({
    id: t.id,
    description: description(t),
    span: irSpan(t.spans.decl),
    from: t.from.kind === "wire" ? { kind: "wire" } : { kind: "iface", iface: t.from.iface },
    to: t.to.kind === "wire" ? { kind: "wire" } : { kind: "iface", iface: t.to.iface },
    flows: t.flows,
    ratePps: cappedRate(t, limited),
    window: t.window,
    size: t.size.kind === "fixed" ? { kind: "fixed", bytes: t.size.bytes } : { kind: "imix" },
    pattern: t.pattern.kind === "burst" ? { kind: "burst", n: t.pattern.n } : { kind: t.pattern.kind },
    vlan: t.vlan,
    startNs: ns(t.startS),
    stopNs: t.stopS === null ? null : ns(t.stopS),
  }));
  const seed = sim?.seed ?? SIMULATION_DEFAULTS.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    errors.push({ message: `seed ${seed} is out of range: the simulator takes a whole number from 0 to 4294967295`, span: sim?.spans.attrs["seed"] ?? null });
  if (errors.length > 0) return { ok: false, errors };

  const ir: Ir = {
    irVersion: IR_VERSION,
    hosts: model.hosts.map((h) => ({
      id: h.id,
      description: description(h),
      span: irSpan(h.spans.decl),
      cores: h.cores,
      freqHz: h.freqHz,
      numaNodes: h.numaNodes,
      hypervisor: h.hypervisor,
      // Cores the host does not have are a check error or warning already; the IR keeps only real ones.
      hypervisorCores: interruptCores(h),
      iommu: h.iommu,
      postedInterrupts: h.postedInterrupts,
      overcommit: h.overcommit,
      node: h.node ?? undefined,
    })),
    nics: model.nics.map((n) => ({ id: n.id, description: description(n), span: irSpan(n.spans.decl), host: n.host, model: n.model.id, numa: n.numa, ...(n.model.dpdkBifurcated ? { dpdkBifurcated: true as const } : {}) })),
    pfs: model.pfs.map((p) => ({
      id: p.id,
      description: description(p),
      span: irSpan(p.spans.decl),
      host: p.host,
      nic: p.nic,
      pci: p.pci,
      speedBps: p.speedBps,
      maxVfs: p.maxVfs,
      vfs: p.vfs,
      vmdqPools: p.vmdqPools,
      msix: p.msix,
      itrNs: ns(p.itrS),
      itrAdaptive: p.itrAdaptive,
      ring: p.ring,
      mtu: p.mtu,
      queueCore: queueCore.get(p.id) ?? 0,
      vswitch: model.lookup.vswitchByUplink.get(p.id)?.id ?? null,
      // Left out in legacy mode (undefined: JSON writes nothing), so IR without offload is unchanged.
      switchdev: eswitchMode(model, p.id) === "switchdev" ? true : undefined,
    })),
    vswitches: model.vswitches.map((s) => ({
      id: s.id,
      description: description(s),
      span: irSpan(s.spans.decl),
      host: s.host,
      type: s.type,
      uplinks: [...s.uplinks],
      features: [...s.features],
      offload: s.offload,
    })),
    vms: model.vms.map((v) => ({
      id: v.id,
      description: description(v),
      span: irSpan(v.spans.decl),
      host: v.host,
      vcpus: v.vcpus,
      pin: [...v.pin.cores],
      numa: v.numa,
      memoryBytes: v.memoryBytes,
      liveMigration: v.liveMigration,
      hugepages: v.hugepages === null ? undefined : { pageBytes: v.hugepages.pageBytes, totalBytes: v.hugepages.totalBytes },
      domain: v.domain ?? undefined,
    })),
    containers: model.containers.map((c) => ({
      id: c.id,
      description: description(c),
      span: irSpan(c.spans.decl),
      host: c.host,
      pin: [...c.pin.cores],
      numa: c.numa,
      hugepages: c.hugepages === null ? undefined : { pageBytes: c.hugepages.pageBytes, totalBytes: c.hugepages.totalBytes },
    })),
    ifaces,
    traffic,
    simulation: {
      ...(sim && sim.description !== null ? { description: sim.description } : {}),
      ...(sim ? { span: irSpan(sim.spans.decl) } : {}),
      durationNs: ns(sim?.durationS ?? SIMULATION_DEFAULTS.durationS),
      warmupNs: ns(sim?.warmupS ?? SIMULATION_DEFAULTS.warmupS),
      seed,
      profile: profileName,
      eventBudget: DEFAULT_EVENT_BUDGET,
    },
    costs: effectiveCosts(profile.profile, overrides),
  };
  return { ok: true, ir, omitted };
}
