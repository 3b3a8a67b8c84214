/**
 * libvirt XML → a `.sriov` program (docs/INTEROP.md, "libvirt"): `virsh dumpxml` domains become `vm`s,
 * `virsh net-dumpxml` hostdev networks become the PFs they draw VFs from, and `virsh nodedev-dumpxml` of
 * PCI devices gives those PFs their address, VF count and NUMA node. libvirt XML does not name the host
 * it runs on: every file of one import is one host (`--host NAME`, default `kvm_host`).
 */
import type { Element } from "@xmldom/xmldom";
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { LineIndex, Span } from "../../syntax/span.js";
import { attr as xmlAttr, attributeSpan, child, children, elementSpan, text } from "../xml.js";
import { isDomainName } from "../../domain/domain-name.js";
import { DEFAULT_HOST_CORES } from "../../domain/host-defaults.js";
import { isNodeName } from "../../domain/node-name.js";
import { attr, block, numberText, quote, sriovName, type GenBlock, type GenProgram } from "../writer.js";
import { INVALID_FIELD_VALUE } from "../k8s/field-values.js";
import { modelOfPciId } from "../pci-ids.js";
import { nicNameOfPci, unmapped, where, type ImportResult } from "./common.js";

export interface XmlInput {
  readonly root: Element;
  readonly lines: LineIndex;
}

interface PfBuild {
  readonly name: string;
  readonly nic: string;
  readonly block: GenBlock;
  /** Interfaces that take a VF of it without an index (through a hostdev network). */
  users: number;
  /** The largest MTU of an interface on it (the PF's MTU when no `<mtu>` says it). */
  maxUserMtu: number;
  origin: Span;
  /** A PF of the `.sriov` host the XML is attached to (see LibvirtTarget): nothing is written for it. */
  readonly external: boolean;
}

/**
 * The `.sriov` host that libvirt XML checked beside a `.sriov` program runs on (docs/INTEROP.md, "Check in
 * place"): its domains are written into that host, their interfaces use its PFs and vSwitches, and the
 * XML's PFs and node devices add nothing (the `.sriov` file is the hardware).
 */
export interface LibvirtTarget {
  readonly host: string;
  /** The host's PF for a PF the XML names (by kernel name or PCI address): its NIC and PF names. */
  readonly findPf: (name: string, pci: string | undefined) => { readonly nic: string; readonly pf: string } | undefined;
  readonly vswitches: ReadonlySet<string>;
}

/** A `<vlan>`'s one tag and where its id is written; "trunk" for what `.sriov` cannot hold (reported once, where written). */
type Vlan = { readonly id: number; readonly span: Span } | "trunk";

interface NetworkVlans {
  readonly vlan: Vlan | undefined;
  readonly portgroups: ReadonlyMap<string, Vlan | undefined>;
  readonly defaultGroup: string | undefined;
}

/** A PF the XML names: a hostdev network's `<pf dev>`, a node device's interface or address. */
export interface NamedPf {
  readonly name: string;
  readonly pci: string | undefined;
}

export interface LibvirtImport extends ImportResult {
  readonly pfs: readonly NamedPf[];
}

/**
 * A PCI address from its four parts, hex (`0x3b`) or decimal (`59`, as node devices write them):
 * `0000:3b:02.1`, or undefined when a part is missing.
 */
export function pciOf(part: (name: "domain" | "bus" | "slot" | "function") => string | undefined): string | undefined {
  const hex = (name: "domain" | "bus" | "slot" | "function", width: number): string | undefined => {
    const raw = part(name);
    if (raw === undefined) return undefined;
    const n = raw.toLowerCase().startsWith("0x") ? parseInt(raw.slice(2), 16) : parseInt(raw, 10);
    return Number.isFinite(n) && n >= 0 ? n.toString(16).padStart(width, "0") : undefined;
  };
  const domain = hex("domain", 4) ?? "0000";
  const bus = hex("bus", 2);
  const slot = hex("slot", 2);
  const fn = hex("function", 1);
  return bus === undefined || slot === undefined || fn === undefined ? undefined : `${domain}:${bus}:${slot}.${fn}`;
}

/** `<address domain='0x0000' bus='0x3b' slot='0x02' function='0x1'/>` → `0000:3b:02.1`. */
export function pciOfAddress(address: Element | undefined): string | undefined {
  return address === undefined ? undefined : pciOf((name) => xmlAttr(address, name));
}

/** libvirt's memory units (formatdomain.html "Memory Allocation") in bytes; no unit is KiB. */
const MEMORY_UNITS: Record<string, number> = { b: 1, bytes: 1, k: 1024, kib: 1024, kb: 1000, m: 1024 ** 2, mib: 1024 ** 2, mb: 1e6, g: 1024 ** 3, gib: 1024 ** 3, gb: 1e9, t: 1024 ** 4, tib: 1024 ** 4, tb: 1e12 };

export function memoryBytes(element: Element | undefined): number | undefined {
  const value = text(element);
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const unit = (xmlAttr(element, "unit") ?? "KiB").toLowerCase();
  const factor = MEMORY_UNITS[unit];
  return factor === undefined ? undefined : Number(value) * factor;
}

export function sizeLiteral(bytes: number): string {
  for (const [unit, factor] of [["GiB", 1024 ** 3], ["MiB", 1024 ** 2], ["KiB", 1024]] as const) if (bytes % factor === 0) return `${numberText(bytes / factor)}${unit}`;
  return `${numberText(bytes)}B`;
}

/** The page sizes `hugepages` takes (src/semantics/model.ts, HUGEPAGE_SIZES): 2 MiB and 1 GiB. */
const HUGEPAGE_LITERALS = new Map([[2 * 1024 ** 2, "2MiB"], [1024 ** 3, "1GiB"]]);

/**
 * `<memoryBacking><hugepages>` → the VM's `hugepages`, the page size: its one `<page size unit>` (no unit is
 * KiB), or, with no `<page>`, the host's default hugepage size, which the XML does not name: 2 MiB, x86-64's
 * default, said as taken. Pages per NUMA node (several `<page nodeset>`) and sizes other than 2 MiB and 1 GiB
 * are `import-unmapped`, and the VM is imported without hugepages.
 */
function readHugepages(vm: GenBlock, hugepages: Element | undefined, lines: LineIndex, diagnostics: Diagnostic[]): void {
  if (hugepages === undefined) return;
  const pages = children(hugepages, "page");
  const span = elementSpan(hugepages, lines);
  if (pages.length === 0) {
    attr(vm, "hugepages", "2MiB", span);
    diagnostics.push(unmapped(span, "<hugepages/> names no <page>: the guest's memory is backed by the host's default hugepage size, which the XML does not say; imported as 2MiB, x86-64's default", "check the host's `default_hugepagesz` (2 MiB unless its kernel command line says otherwise), or name the size: <page size='1' unit='G'/>"));
    return;
  }
  if (pages.length > 1) {
    diagnostics.push(unmapped(span, `${pages.length} <page> sizes, one per set of guest NUMA nodes: a \`.sriov\` VM has one page size`, "the VM is imported without hugepages; write `hugepages = 1GiB` or `2MiB` by hand"));
    return;
  }
  const page = pages[0]!;
  const size = xmlAttr(page, "size");
  const factor = MEMORY_UNITS[(xmlAttr(page, "unit") ?? "KiB").toLowerCase()];
  const bytes = size !== undefined && /^\d+$/.test(size) && factor !== undefined ? Number(size) * factor : undefined;
  const literal = bytes === undefined ? undefined : HUGEPAGE_LITERALS.get(bytes);
  if (literal === undefined) {
    diagnostics.push(unmapped(elementSpan(page, lines), `a hugepage size of ${size ?? "?"} ${xmlAttr(page, "unit") ?? "KiB"}: \`hugepages\` takes x86-64's 2 MiB and 1 GiB pages`, "the VM is imported without hugepages"));
    return;
  }
  attr(vm, "hugepages", literal, elementSpan(page, lines));
}

/** A libvirt cpuset (`2-3,6,^3`) → the CPUs, or undefined when it does not parse. */
export function parseCpuset(raw: string): number[] | undefined {
  const out = new Set<number>();
  const excluded = new Set<number>();
  for (const part of raw.split(",")) {
    const m = /^\s*(\^?)(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (m === null) return undefined;
    const from = Number(m[2]);
    const to = m[3] === undefined ? from : Number(m[3]);
    // Past 2^53 `i++` no longer changes `i`: a CPU number that large would never be counted up to.
    if (!Number.isSafeInteger(to) || to < from || to - from > 4096) return undefined;
    for (let i = from; i <= to; i++) (m[1] === "^" ? excluded : out).add(i);
  }
  return [...out].filter((c) => !excluded.has(c)).sort((a, b) => a - b);
}

/**
 * A `<mac address>` as libvirt reads it (virMacAddrParse, src/util/virmacaddr.c: six octets of one or two
 * hex digits joined by `:`, nothing before the first, whitespace allowed after the last; then
 * virDomainNetDefParseXML refuses a multicast address), written as `.sriov` writes a MAC (`0:1E:FC:E:3a:CB`
 * → `00:1e:fc:0e:3a:cb`); else why libvirt refuses it.
 */
export function libvirtMac(raw: string): string | { readonly why: string; readonly help: string } {
  const m = /^([0-9a-f]{1,2}(?::[0-9a-f]{1,2}){5})(?:[\s\0-\x20].*)?$/is.exec(raw);
  const help = "write six hex octets joined by `:`, as `52:54:00:6b:3c:58`";
  if (m === null) return { why: /^\s/.test(raw) ? "starts with a space, which libvirt's MAC parser does not skip" : "is no MAC address libvirt reads (six hex octets of one or two digits joined by `:`)", help };
  const octets = m[1]!.split(":").map((o) => o.toLowerCase().padStart(2, "0"));
  if ((parseInt(octets[0]!, 16) & 1) === 1) return { why: "is a multicast address (its first octet is odd), which no interface can have", help: "give the interface a unicast MAC: an even first octet, as `52:54:00:…`" };
  return octets.join(":");
}

/** What the interface types without a `.sriov` data path are (formatdomain.html, "Network interfaces"), as said. */
const OTHER_INTERFACE_TYPES: Readonly<Record<string, string>> = {
  user: "user-mode networking: the QEMU process itself carries each packet (SLIRP or passt)",
  ethernet: "a tap device set up outside libvirt: what the host does with its packets is not in the XML",
  server: "a QEMU socket backend: packets go over a TCP socket to another guest, no switch or VF",
  client: "a QEMU socket backend: packets go over a TCP socket to another guest, no switch or VF",
  mcast: "a QEMU socket backend: packets go over a multicast socket between guests, no switch or VF",
  udp: "a QEMU socket backend: packets go over a UDP socket to another guest, no switch or VF",
};

/**
 * A network of macvtap devices (formatnetwork.html, "Direct attachment to physical interfaces"): `<forward
 * mode='passthrough'|'private'|'vepa'>`, or `'bridge'` without a bridge, gives each guest a macvtap device on
 * one of the host netdevs it lists (its `<interface dev>`s, else the VFs of its `<pf dev>`, libvirt's
 * networkCreateInterfacePool; or PCI `<address>`es). Its interfaces are left out with what a macvtap
 * interface of that mode is told (macvtapLeftOut).
 */
interface MacvtapPool {
  readonly mode: string;
  /** The pool's devices, as said: "`eth10`, `eth11`", "the VFs of `eth0`". */
  readonly devices: string;
  readonly help: string;
  /** The `<forward>` element. */
  readonly span: Span;
}

function macvtapPool(forward: Element, mode: string, lines: LineIndex): MacvtapPool {
  const named = children(forward, "interface").map((i) => xmlAttr(i, "dev")).filter((dev): dev is string => dev !== undefined);
  const pf = xmlAttr(child(forward, "pf"), "dev");
  const addresses = children(forward, "address").map(pciOfAddress).filter((a): a is string => a !== undefined);
  const list = (items: readonly string[]): string => (items.length <= 3 ? items : [...items.slice(0, 3), `… (${items.length} in all)`]).map((i) => (i.startsWith("…") ? i : `\`${i}\``)).join(", ");
  const devices =
    named.length > 0 ? list(named) : pf !== undefined ? `the VFs of \`${pf}\`` : addresses.length > 0 ? `the netdevs of the PCI devices ${list(addresses)}` : "the devices its <forward> lists (none given)";
  // A pool of a PF's VFs is a hostdev network away from PCI passthrough of them.
  const help =
    named.length === 0 && pf !== undefined
      ? `\`attach = vf(NIC.PF)\` gives the guest a VF of \`${pf}\` itself, as a hostdev network on it does (<forward mode='hostdev'> with <pf dev='${pf}'/>)`
      : "`attach = vf(NIC.PF, INDEX)` gives the guest a VF itself, as `<interface type='hostdev'>` or a hostdev network does; /sys/class/net/DEV/device/physfn names a VF's PF";
  return { mode, devices, help, span: elementSpan(forward, lines) };
}

/**
 * `<driver name='kvm'/>` on a `<hostdev>`, an `<interface type='hostdev'>` or a hostdev network's `<forward>`
 * (formatdomain.html, "PCI Passthrough"): legacy KVM device assignment, which Linux removed in 4.12 and QEMU
 * after it; current libvirt refuses to start such a domain ("host doesn't support legacy PCI passthrough",
 * qemu_hostdev.c). Refused here too, as an error at the attribute (docs/INTEROP.md, "Decisions"): the data
 * path it meant is `vf(…)`, but an import that passed it would hide that the XML cannot run.
 */
function legacyKvmAssignment(driver: Element, lines: LineIndex): Diagnostic {
  return diagnostic(
    INVALID_FIELD_VALUE,
    "error",
    attributeSpan(driver, "name", lines),
    "`<driver name='kvm'/>` asks for legacy KVM device assignment, which Linux removed in 4.12 (and QEMU after it): libvirt refuses to start the domain (\"host doesn't support legacy PCI passthrough\")",
    { help: "write `<driver name='vfio'/>`, or leave the <driver> out (libvirt then uses VFIO): the same PCI passthrough, which `.sriov` imports as `vf(…)`" },
  );
}

/**
 * What a macvtap device (an interface of type `direct`, or one on a macvtap network) is, and why no `.sriov`
 * data path is it: in passthrough mode its netdev is often a VF's, yet the guest gets virtio and the host
 * copies every packet. Importing it as `vf(…)` would simulate a copy-free path that is not there.
 */
function macvtapLeftOut(what: string, device: string): string {
  return `${what} is left out: the guest has a virtio NIC, and the host kernel copies each packet between it and ${device} (a VF's netdev, when it is one), a data path \`.sriov\` has not: \`vf(…)\` is PCI passthrough, the VF in the guest with no host copy, and \`vswitch(…)\` a software switch`;
}

export function importLibvirt(inputs: readonly XmlInput[], options: { host?: string; target?: LibvirtTarget } = {}): LibvirtImport {
  const diagnostics: Diagnostic[] = [];
  const target = options.target;
  const hostName = target?.host ?? sriovName(options.host ?? "kvm_host");
  const named: NamedPf[] = [];
  const files = [...new Set(inputs.map((i) => i.lines.file))];
  const fileList = files.length <= 3 ? files.join(", ") : `${files.length} files (${files.slice(0, 2).join(", ")}, …)`;
  const host = block("host", hostName, undefined, [target === undefined ? `the host of ${fileList} (libvirt XML does not name it)` : `the domains of ${fileList}, on this host of the .sriov program`]);
  // The machine's name as given (`--host`), where the `.sriov` name cannot be it: a node's, for `--emit k8s`.
  if (target === undefined && options.host !== undefined && hostName !== options.host && isNodeName(options.host)) attr(host, "node", quote(options.host));
  const nics = new Map<string, GenBlock>();
  const pfsByNetwork = new Map<string, PfBuild>();
  /** A hostdev network's VLANs, for the interfaces on it that set none. */
  const vlansByNetwork = new Map<string, NetworkVlans>();
  const pfsByPci = new Map<string, PfBuild>();
  const pfsByName = new Map<string, PfBuild>();
  /** VF PCI address → its PF and index, from nodedev `virt_functions`. */
  const vfsByPci = new Map<string, { pf: PfBuild; index: number }>();
  const vswitches = new Map<string, GenBlock>();
  /** A bridge network's name → the `.sriov` name of the vSwitch it is. */
  const vswitchesByNetwork = new Map<string, string>();
  /** A macvtap network's name → what its interfaces are told (see importNetwork). */
  const macvtapPools = new Map<string, MacvtapPool>();
  const vms: GenBlock[] = [];

  /** The vSwitch of a bridge, made at its first mention (a bridge network, or an interface on the bridge). */
  const addVswitch = (bridge: string, kind: "ovs" | "ovs_dpdk" | "linux_bridge", origin: Span, comment: string): string => {
    const name = sriovName(bridge);
    if (!vswitches.has(name) && !(target?.vswitches.has(name) ?? false)) {
      const sw = block("vswitch", name, origin, [comment]);
      attr(sw, "type", kind, origin);
      vswitches.set(name, sw);
    }
    return name;
  };

  const addPf = (name: string, pci: string | undefined, origin: Span): PfBuild => {
    const existing = pfsByName.get(name) ?? (pci !== undefined ? pfsByPci.get(pci) : undefined);
    if (existing !== undefined) return existing;
    named.push({ name, pci });
    const external = target?.findPf(name, pci);
    if (external !== undefined) {
      const pf: PfBuild = { name, nic: external.nic, block: block("pf", external.pf, origin), users: 0, maxUserMtu: 0, origin, external: true };
      pfsByName.set(name, pf);
      if (pci !== undefined) pfsByPci.set(pci, pf);
      return pf;
    }
    const nicName = pci !== undefined ? nicNameOfPci(pci) : `nic_${sriovName(name)}`;
    let nic = nics.get(nicName);
    if (nic === undefined) {
      nic = block("nic", nicName, origin);
      nics.set(nicName, nic);
    }
    const pfBlock = block("pf", sriovName(name), origin);
    if (pci !== undefined) attr(pfBlock, "pci", pci, origin);
    nic.members.push(pfBlock);
    const pf: PfBuild = { name, nic: nicName, block: pfBlock, users: 0, maxUserMtu: 0, origin, external: false };
    pfsByName.set(name, pf);
    if (pci !== undefined) pfsByPci.set(pci, pf);
    return pf;
  };

  // A running hostdev network names its PF's kernel interface (`<pf dev>`) and lists that PF's VFs; a PCI
  // node device does not name its interface. A node device listing those VFs takes that name, so what is
  // emitted from the import (`<pf dev>`, operator pfNames) names a device that exists.
  const kernelNameOfVf = new Map<string, string>();
  for (const { root } of inputs) {
    const forward = root.tagName === "network" ? child(root, "forward") : undefined;
    const dev = xmlAttr(child(forward, "pf"), "dev");
    if (dev === undefined || xmlAttr(forward, "mode") !== "hostdev") continue;
    for (const address of children(forward, "address")) {
      const vf = pciOfAddress(address);
      if (vf !== undefined && !kernelNameOfVf.has(vf)) kernelNameOfVf.set(vf, dev);
    }
  }

  // A net node device (`virsh nodedev-dumpxml net_ens1f0_…`) gives the kernel name of its parent, a PCI
  // node device: the only tie between a network's `<pf dev='ens1f0'>` and the PF's VFs when the network
  // lists no VF addresses (as defined, not running).
  const pciDevices = new Set(inputs.filter(({ root }) => root.tagName === "device" && pciCapability(root) !== undefined).map(({ root }) => text(child(root, "name"))));
  const kernelNameOfDevice = new Map<string, string>();
  for (const { root } of inputs) {
    const parent = root.tagName === "device" && pciCapability(root) === undefined ? text(child(root, "parent")) : undefined;
    const dev = parent === undefined ? undefined : findInterfaceName(root);
    if (parent !== undefined && dev !== undefined && pciDevices.has(parent) && !kernelNameOfDevice.has(parent)) kernelNameOfDevice.set(parent, dev);
  }

  // Node devices first (PF addresses and VF lists), then networks, then domains.
  const order = (root: Element): number => (root.tagName === "capabilities" ? -1 : root.tagName === "device" ? 0 : root.tagName === "network" ? 1 : 2);
  let hostCores: number | undefined;
  let maxPinned = -1;
  let maxNuma = 0;
  const nicNumaKnown = new Set<string>();
  const nicFirstUserNuma = new Map<string, { numa: number; origin: Span }>();
  for (const input of [...inputs].sort((a, b) => order(a.root) - order(b.root))) {
    const { root, lines } = input;
    if (root.tagName === "capabilities") importCapabilities(root, lines);
    else if (root.tagName === "device") importNodeDevice(root, lines);
    else if (root.tagName === "network") importNetwork(root, lines);
    else if (root.tagName === "domain") importDomain(root, lines);
    else diagnostics.push(unmapped(elementSpan(root, lines), `<${root.tagName}> is not a libvirt domain, network or node device`, "give the output of virsh dumpxml, net-dumpxml or nodedev-dumpxml"));
  }
  for (const pf of pfsByName.values()) {
    if (pf.external) continue;
    if (pf.maxUserMtu > 0 && !pf.block.members.some((m) => m.kind === "attr" && m.name === "mtu")) {
      // Neither the network nor a node device gives the PF's MTU: the largest of its VFs' (a VF cannot exceed it).
      attr(pf.block, "mtu", pf.maxUserMtu, pf.origin);
    }
    if (pf.users === 0 || pf.block.members.some((m) => m.kind === "attr" && m.name === "vfs")) continue;
    // A hostdev network does not say how many VFs its PF has: at least one per interface that uses it.
    attr(pf.block, "vfs", pf.users, pf.origin);
    pf.block.comments.push(`VF count not in the XML (give virsh nodedev-dumpxml of the PF): one per interface that uses it`);
  }
  if (hostCores === undefined && maxPinned >= 0 && target === undefined) {
    // Domains do not say how many cores the host has: the language's default, or as many as the pins need.
    const needed = maxPinned + 1;
    attr(host, "cores", Math.max(DEFAULT_HOST_CORES, needed));
    host.comments.push(
      needed > DEFAULT_HOST_CORES
        ? `cores: not in the domain XML; ${needed}, the fewest the pinned cores need (give virsh capabilities for the real count)`
        : `cores: not in the domain XML; ${DEFAULT_HOST_CORES}, the default, holds every pinned core (give virsh capabilities for the real count)`,
    );
  }
  if (maxNuma > 0 && target === undefined && !host.members.some((m) => m.kind === "attr" && m.name === "numa_nodes")) attr(host, "numa_nodes", maxNuma + 1);
  for (const [nicName, nic] of nics) {
    const first = nicFirstUserNuma.get(nicName);
    if (nicNumaKnown.has(nicName) || first === undefined || first.numa === 0) continue;
    // No node device gives the NIC's NUMA node: take its first user's, so only real mismatches are reported.
    attr(nic, "numa", first.numa, first.origin);
    nic.comments.push("NUMA node not in the XML (give virsh nodedev-dumpxml of the PF): that of its first VM");
  }
  host.members.push(...nics.values(), ...vswitches.values(), ...vms);
  const program: GenProgram = {
    header: [`Imported by sriovc import libvirt from ${fileList}.`, "Each block names the element and line it came from; see docs/INTEROP.md for the mapping."],
    blocks: [host],
  };
  return { program, diagnostics, pfs: named };

  function importCapabilities(root: Element, lines: LineIndex): void {
    if (target !== undefined) return; // the .sriov host says its cores and NUMA nodes
    const cells = children(child(child(child(root, "host"), "topology"), "cells"), "cell");
    if (cells.length === 0) return;
    const cpus = cells.reduce((sum, cell) => sum + children(child(cell, "cpus"), "cpu").length, 0);
    const span = elementSpan(root, lines);
    if (cpus > 0) {
      hostCores = cpus;
      attr(host, "cores", cpus, span);
    }
    attr(host, "numa_nodes", cells.length, span);
  }

  function importNodeDevice(root: Element, lines: LineIndex): void {
    const pciCap = pciCapability(root);
    if (pciCap === undefined) {
      const parent = text(child(root, "parent"));
      if (findInterfaceName(root) !== undefined && parent !== undefined) {
        // Read above, for its parent's kernel name.
        if (pciDevices.has(parent)) return;
        diagnostics.push(unmapped(elementSpan(root, lines), `the net node device's parent \`${parent}\` is not among the node devices given`, `give \`virsh nodedev-dumpxml ${parent}\` too: the PF is read from its PCI node device`));
        return;
      }
      diagnostics.push(unmapped(elementSpan(root, lines), "only PCI node devices, and the net node devices of their interfaces, are read", "give `virsh nodedev-dumpxml pci_…` of the PF"));
      return;
    }
    const name = text(child(root, "name")) ?? "pf";
    const physFunction = children(pciCap, "capability").find((c) => xmlAttr(c, "type") === "phys_function");
    if (physFunction !== undefined && !children(pciCap, "capability").some((c) => xmlAttr(c, "type") === "virt_functions")) {
      // A VF's own node device: it names its PF, not its index among the PF's VFs. (A device with VFs of its
      // own is a PF whatever else it says, as in libvirt's pci_0000_02_10_7_sriov_pf_vfs_all.xml.)
      const pf = pciOfAddress(child(physFunction, "address"));
      const pfDevice = pf === undefined ? "pci_…" : `pci_${pf.replace(/[:.]/g, "_")}`;
      diagnostics.push(unmapped(elementSpan(physFunction, lines), `\`${name}\` is a VF${pf === undefined ? "" : ` (of the PF at ${pf})`}, not a PF: it is left out`, `give \`virsh nodedev-dumpxml ${pfDevice}\`, the PF's node device: its virt_functions list the VFs`));
      return;
    }
    const address = pciOf((part) => text(child(pciCap, part)));
    const vfCap = children(pciCap, "capability").find((c) => xmlAttr(c, "type") === "virt_functions");
    const fromNetwork = children(vfCap, "address")
      .map((a) => kernelNameOfVf.get(pciOfAddress(a) ?? ""))
      .find((dev) => dev !== undefined);
    const iface = kernelNameOfDevice.get(name) ?? fromNetwork;
    const pf = addPf(iface ?? name, address, elementSpan(root, lines));
    if (pf.external) {
      // The .sriov file is the hardware: only the node device's VF addresses are used, to find hostdev VFs.
      children(vfCap, "address").forEach((a, index) => {
        const vf = pciOfAddress(a);
        if (vf !== undefined) vfsByPci.set(vf, { pf, index });
      });
      return;
    }
    const vendorId = xmlAttr(child(pciCap, "vendor"), "id");
    const productId = xmlAttr(child(pciCap, "product"), "id");
    const model = modelOfPciId(vendorId, productId);
    if (model !== undefined) attr(nics.get(pf.nic)!, "model", `"${model}"`, elementSpan(child(pciCap, "product")!, lines));
    if (vfCap !== undefined) {
      const max = xmlAttr(vfCap, "maxCount");
      if (max !== undefined && /^\d+$/.test(max)) attr(pf.block, "max_vfs", Number(max), attributeSpan(vfCap, "maxCount", lines));
      const addresses = children(vfCap, "address");
      attr(pf.block, "vfs", addresses.length, elementSpan(vfCap, lines));
      addresses.forEach((a, index) => {
        const vf = pciOfAddress(a);
        if (vf !== undefined) vfsByPci.set(vf, { pf, index });
      });
    }
    const numa = child(pciCap, "numa");
    const node = xmlAttr(numa, "node");
    if (node !== undefined && /^\d+$/.test(node)) {
      const nic = nics.get(pf.nic)!;
      attr(nic, "numa", Number(node), attributeSpan(numa!, "node", lines));
      nicNumaKnown.add(pf.nic);
    }
  }

  function pciCapability(root: Element): Element | undefined {
    return children(root, "capability").find((c) => xmlAttr(c, "type") === "pci");
  }

  function findInterfaceName(root: Element): string | undefined {
    // A net node device: <capability type='net'><interface>ens1f0</interface>.
    for (const cap of children(root, "capability")) if (xmlAttr(cap, "type") === "net") return text(child(cap, "interface"));
    return undefined;
  }

  function importNetwork(root: Element, lines: LineIndex): void {
    const name = text(child(root, "name")) ?? "";
    const forward = child(root, "forward");
    const mode = xmlAttr(forward, "mode");
    if (mode === "bridge") {
      importBridgeNetwork(root, name, lines);
      return;
    }
    if (mode === "passthrough" || mode === "private" || mode === "vepa") {
      macvtapPools.set(name, macvtapPool(forward!, mode, lines));
      return;
    }
    if (mode !== "hostdev") return; // NAT, routed and isolated networks are no SR-IOV pool or vSwitch: interfaces on them are reported where used.
    const pfEl = child(forward, "pf");
    const dev = xmlAttr(pfEl, "dev");
    // A running network (`virsh net-dumpxml`) lists its PF's VFs after `<pf dev>`; a node device that lists
    // them is that PF (a PCI node device does not give its kernel name), not a second PF of the same port.
    const known = children(forward, "address")
      .map((address) => vfsByPci.get(pciOfAddress(address) ?? ""))
      .find((vf) => vf !== undefined);
    if (dev !== undefined) {
      if (known !== undefined && !pfsByName.has(dev)) pfsByName.set(dev, known.pf);
      if (known === undefined && !pfsByName.has(dev) && pciDevices.size > 0 && target === undefined) {
        // Its PF may well be one of those node devices; nothing given says which.
        diagnostics.push(
          unmapped(
            attributeSpan(pfEl!, "dev", lines),
            `hostdev network \`${name}\`'s PF \`${dev}\` is tied to none of the PCI node devices given (they do not name their interfaces): it is imported as a PF of its own, one VF per interface that uses it`,
            `give \`virsh nodedev-dumpxml\` of its net node device too (\`virsh nodedev-list --cap net\`): it names its PCI parent`,
          ),
        );
      }
      importDriver(child(forward, "driver"), "vf", undefined, lines);
      const pf = known?.pf ?? addPf(dev, undefined, attributeSpan(pfEl!, "dev", lines));
      if (pf.block.comments.length === 0) pf.block.comments.push(`hostdev network ${name} (${where(elementSpan(root, lines))})`);
      pfsByNetwork.set(name, pf);
      vlansByNetwork.set(name, networkVlans(root, lines));
      const mtuEl = child(root, "mtu");
      const mtu = xmlAttr(mtuEl, "size");
      if (mtu !== undefined && /^\d+$/.test(mtu) && !pf.external) attr(pf.block, "mtu", Number(mtu), attributeSpan(mtuEl!, "size", lines));
      return;
    }
    // An explicit VF list: the PF is known only through a node device's virt_functions.
    importDriver(child(forward, "driver"), "vf", undefined, lines);
    if (known !== undefined) {
      pfsByNetwork.set(name, known.pf);
      vlansByNetwork.set(name, networkVlans(root, lines));
      return;
    }
    diagnostics.push(unmapped(elementSpan(forward!, lines), `hostdev network \`${name}\` lists VFs by PCI address, and no node device maps them to a PF`, "give `virsh nodedev-dumpxml` of the PF too, or use `<pf dev='…'/>`"));
  }

  /**
   * `<forward mode='bridge'>` on a bridge made outside libvirt (`<bridge name>`), an Open vSwitch one when
   * `<virtualport type='openvswitch'>` says so (formatnetwork.html, "Using an existing host bridge"): the
   * interfaces on it are ports of that bridge's vSwitch, with the portgroups' VLANs. Without a bridge and
   * without Open vSwitch it is a pool of macvtap devices on the `<forward>` interfaces, no vSwitch.
   */
  function importBridgeNetwork(root: Element, name: string, lines: LineIndex): void {
    const bridge = xmlAttr(child(root, "bridge"), "name");
    const ovs = xmlAttr(child(root, "virtualport"), "type") === "openvswitch";
    if (bridge === undefined && !ovs) {
      macvtapPools.set(name, macvtapPool(child(root, "forward")!, "bridge", lines));
      return;
    }
    const span = elementSpan(root, lines);
    vswitchesByNetwork.set(name, addVswitch(bridge ?? name, ovs ? "ovs" : "linux_bridge", span, `bridge network ${name} (${where(span)})`));
    vlansByNetwork.set(name, networkVlans(root, lines));
  }

  /** A `<vlan>`: its one tag, "trunk" (said where it is written), or undefined when there is none. */
  function vlanOf(vlan: Element | undefined, lines: LineIndex): Vlan | undefined {
    const tags = children(vlan, "tag");
    if (tags.length > 1 || xmlAttr(vlan, "trunk") === "yes") {
      diagnostics.push(unmapped(elementSpan(vlan!, lines), "a VLAN trunk has no `.sriov` form", "an interface has one port VLAN (`vlan = 100`)"));
      return "trunk";
    }
    const id = xmlAttr(tags[0], "id");
    return id !== undefined && /^\d+$/.test(id) ? { id: Number(id), span: attributeSpan(tags[0]!, "id", lines) } : undefined;
  }

  function networkVlans(root: Element, lines: LineIndex): NetworkVlans {
    const portgroups = new Map<string, Vlan | undefined>();
    let defaultGroup: string | undefined;
    for (const group of children(root, "portgroup")) {
      const name = xmlAttr(group, "name");
      if (name === undefined) continue;
      portgroups.set(name, vlanOf(child(group, "vlan"), lines));
      if (xmlAttr(group, "default") === "yes") defaultGroup ??= name;
    }
    return { vlan: vlanOf(child(root, "vlan"), lines), portgroups, defaultGroup };
  }

  /**
   * The VLAN an interface without its own `<vlan>` gets from its network: libvirt applies the portgroup's
   * (the one it names, else the network's default portgroup), else the network's (formatnetwork.html,
   * "Setting VLAN tag"); for a hostdev network it is the VF's port VLAN.
   */
  function inheritedVlan(element: Element): Vlan | undefined {
    if (xmlAttr(element, "type") !== "network") return undefined;
    const source = child(element, "source");
    const vlans = vlansByNetwork.get(xmlAttr(source, "network") ?? "");
    if (vlans === undefined) return undefined;
    const group = xmlAttr(source, "portgroup") ?? vlans.defaultGroup;
    return (group === undefined ? undefined : vlans.portgroups.get(group)) ?? vlans.vlan;
  }

  function importDomain(root: Element, lines: LineIndex): void {
    const nameEl = child(root, "name");
    const rawName = text(nameEl) ?? "vm";
    const origin = nameEl === undefined ? elementSpan(root, lines) : elementSpan(nameEl, lines);
    const vm = block("vm", sriovName(rawName), origin, [`domain ${rawName} (${where(origin)})`]);
    // The domain's own name, where the `.sriov` name cannot be it (`web01.example.com`): `--emit libvirt` names the domain so.
    if (rawName !== sriovName(rawName) && isDomainName(rawName)) attr(vm, "domain", quote(rawName), origin);
    const vcpuEl = child(root, "vcpu");
    const vcpus = text(vcpuEl);
    if (vcpus !== undefined && /^\d+$/.test(vcpus)) attr(vm, "vcpus", Number(vcpus), elementSpan(vcpuEl!, lines));
    const vcpuCount = vcpus !== undefined && /^\d+$/.test(vcpus) ? Number(vcpus) : 1;
    const cputune = child(root, "cputune");
    const pins = children(cputune, "vcpupin");
    // vCPUs without a <vcpupin> run anywhere in <vcpu cpuset> (formatdomain.html, "CPU Allocation"), or on
    // any host CPU when it sets none.
    const cpuset = xmlAttr(vcpuEl, "cpuset");
    if (pins.length > 0) {
      // `.sriov`'s `pin` gives vCPU i the i-th core: each vCPU, 0 to vcpus − 1, needs exactly one CPU.
      const byVcpu = new Map<number, Element>();
      // The <vcpupin> that has no `.sriov` form, where it is said.
      let stray: Element | undefined;
      for (const pin of pins) {
        const vcpu = Number(xmlAttr(pin, "vcpu") ?? NaN);
        if (!Number.isInteger(vcpu) || vcpu < 0 || vcpu >= vcpuCount || byVcpu.has(vcpu)) stray ??= pin;
        else byVcpu.set(vcpu, pin);
      }
      const cores: number[] = [];
      const unpinned: number[] = [];
      let unpinnable: Element | undefined;
      for (let vcpu = 0; vcpu < vcpuCount; vcpu++) {
        const pin = byVcpu.get(vcpu);
        if (pin === undefined) {
          unpinned.push(vcpu);
          continue;
        }
        const set = parseCpuset(xmlAttr(pin, "cpuset") ?? "");
        if (set === undefined || set.length !== 1 || cores.includes(set[0]!)) unpinnable ??= pin;
        else cores.push(set[0]!);
      }
      const pinOneToOne = "`.sriov` pins each vCPU to one core: pin them 1:1 (`pin = [2, 3]`)";
      if (stray !== undefined) diagnostics.push(unmapped(elementSpan(stray, lines), `a <vcpupin> for a vCPU the domain does not have (it has ${vcpuCount}), or a second one for a vCPU, which libvirt refuses: the VM is imported unpinned`, pinOneToOne));
      else if (unpinnable !== undefined) diagnostics.push(unmapped(elementSpan(unpinnable, lines), "a vCPU pinned to a set of CPUs, or two vCPUs on one CPU, has no `.sriov` form", pinOneToOne));
      else if (unpinned.length > 0) {
        // With <vcpu cpuset> the set is said below, where it is written.
        if (cpuset === undefined) {
          const which = unpinned.length === 1 ? `vCPU ${unpinned[0]} has` : `vCPUs ${unpinned.join(", ")} have`;
          diagnostics.push(unmapped(elementSpan(cputune!, lines), `${which} no <vcpupin>, so libvirt runs ${unpinned.length === 1 ? "it" : "them"} on any host CPU, which has no \`.sriov\` form: the VM is imported unpinned`, `${pinOneToOne}, or give each vCPU a <vcpupin>`));
        }
      } else {
        attr(vm, "pin", `[${cores.join(", ")}]`, elementSpan(pins[0]!, lines));
        maxPinned = Math.max(maxPinned, ...cores);
      }
    }
    if (cpuset !== undefined && pins.length < vcpuCount)
      diagnostics.push(
        unmapped(attributeSpan(vcpuEl!, "cpuset", lines), `the vCPUs run on the CPU set \`${cpuset}\` (\`<vcpu cpuset>\`), which has no \`.sriov\` form: they are imported unpinned`, "`.sriov` pins each vCPU to one core: pin them 1:1 (`pin = [2, 3]`), or give each vCPU a <vcpupin>"),
      );
    const numaMemory = child(child(root, "numatune"), "memory");
    const nodeset = xmlAttr(numaMemory, "nodeset");
    if (nodeset !== undefined) {
      const nodes = parseCpuset(nodeset);
      if (nodes !== undefined && nodes.length === 1) {
        attr(vm, "numa", nodes[0]!, attributeSpan(numaMemory!, "nodeset", lines));
        maxNuma = Math.max(maxNuma, nodes[0]!);
      }
      else diagnostics.push(unmapped(attributeSpan(numaMemory!, "nodeset", lines), `memory on NUMA nodes ${nodeset}: a \`.sriov\` VM lives on one node`, "the VM's node is taken from its first pinned core"));
    }
    const memoryEl = child(root, "memory");
    const memory = memoryBytes(memoryEl);
    if (memory !== undefined) attr(vm, "memory", sizeLiteral(memory), elementSpan(memoryEl!, lines));
    readHugepages(vm, child(child(root, "memoryBacking"), "hugepages"), lines, diagnostics);
    const devices = child(root, "devices");
    const used = new Set<string>();
    const ifaceName = (element: Element, fallback: string): string => {
      const alias = xmlAttr(child(element, "alias"), "name");
      let name = alias?.startsWith("ua-") ? sriovName(alias.slice(3)) : fallback;
      for (let i = 1; used.has(name); i++) name = `${fallback}_${i}`;
      used.add(name);
      return name;
    };
    let index = 0;
    for (const element of children(devices)) {
      if (element.tagName !== "interface" && !(element.tagName === "hostdev" && xmlAttr(element, "type") === "pci")) continue;
      const span = elementSpan(element, lines);
      const iface = block("iface", ifaceName(element, `net${index++}`), span);
      const attach = attachOf(element, lines);
      if (attach === undefined) {
        used.delete(iface.name);
        continue;
      }
      attr(iface, "attach", attach.value, attach.span);
      const vmNuma = vm.members.find((m) => m.kind === "attr" && m.name === "numa");
      if (attach.pf !== undefined && !nicFirstUserNuma.has(attach.pf.nic) && vmNuma?.kind === "attr") nicFirstUserNuma.set(attach.pf.nic, { numa: Number(vmNuma.value), origin: attach.span });
      const macEl = child(element, "mac");
      const mac = xmlAttr(macEl, "address");
      if (mac !== undefined) {
        const read = libvirtMac(mac);
        if (typeof read === "string") attr(iface, "mac", read, attributeSpan(macEl!, "address", lines));
        else diagnostics.push(diagnostic(INVALID_FIELD_VALUE, "error", attributeSpan(macEl!, "address", lines), `\`<mac address='${mac}'/>\` ${read.why}: libvirt refuses the domain`, { help: read.help }));
      }
      const vlan = vlanOf(child(element, "vlan"), lines) ?? inheritedVlan(element);
      if (vlan !== undefined && vlan !== "trunk") attr(iface, "vlan", vlan.id, vlan.span);
      const mtuEl = child(element, "mtu");
      const mtu = xmlAttr(mtuEl, "size");
      if (mtu !== undefined && /^\d+$/.test(mtu)) {
        attr(iface, "mtu", Number(mtu), attributeSpan(mtuEl!, "size", lines));
        if (attach.pf !== undefined) attach.pf.maxUserMtu = Math.max(attach.pf.maxUserMtu, Number(mtu));
      }
      importDriver(child(element, "driver"), attach.kind, iface, lines);
      vm.members.push(iface);
    }
    vms.push(vm);
  }

  /**
   * An interface's `<driver>`, or a hostdev network's (`<forward><driver>`, for every interface on it;
   * formatdomain.html, "Setting NIC driver-specific options"; a `<hostdev>`'s `model` picks a VFIO variant
   * driver): `.sriov` passes a VF through with vfio-pci and gives a vSwitch interface virtio with vhost; a
   * virtio interface's `queues` are its RSS queues (multiqueue virtio-net, docs/SIMULATION.md). A VF's
   * `name='kvm'` is an error (legacyKvmAssignment); any other setting is said, in one warning at the
   * element, not dropped unseen.
   */
  function importDriver(driver: Element | undefined, kind: "vf" | "vswitch", iface: GenBlock | undefined, lines: LineIndex): void {
    if (driver === undefined) return;
    const assumed = kind === "vf" ? "vfio" : "vhost";
    const left: string[] = [];
    for (let i = 0; i < driver.attributes.length; i++) {
      const { name, value } = driver.attributes.item(i)!;
      if (name === "name" && value === assumed) continue;
      if (name === "name" && value === "kvm" && kind === "vf") diagnostics.push(legacyKvmAssignment(driver, lines));
      else if (name === "queues" && kind === "vswitch" && iface !== undefined && /^\d+$/.test(value) && Number(value) >= 1) attr(iface, "queues", Number(value), attributeSpan(driver, "queues", lines));
      else left.push(`${name}='${value}'`);
    }
    if (left.length === 0) return;
    const help = kind === "vf" ? "`.sriov` passes a VF through with vfio-pci, as <driver name='vfio'/> does" : "`.sriov` models a vSwitch interface as virtio with vhost in the host kernel; of <driver>, `queues` is imported";
    diagnostics.push(unmapped(elementSpan(driver, lines), `<driver> settings without a \`.sriov\` form are left out: ${left.join(", ")}`, help));
  }

  function attachOf(element: Element, lines: LineIndex): { value: string; span: Span; kind: "vf" | "vswitch"; pf?: PfBuild } | undefined {
    const type = xmlAttr(element, "type");
    const source = child(element, "source");
    const span = elementSpan(element, lines);
    if (element.tagName === "hostdev" || type === "hostdev") {
      const address = child(source, "address");
      const pci = pciOfAddress(address);
      const vf = vfsByPci.get(pci ?? "");
      if (vf !== undefined) return { value: `vf(${vf.pf.nic}.${vf.pf.block.name}, ${vf.index})`, span: attributeSpan(address!, "function", lines), kind: "vf", pf: vf.pf };
      diagnostics.push(unmapped(address === undefined ? span : elementSpan(address, lines), `VF ${pci ?? "(no address)"} passed through by PCI address: its PF is not known`, "give `virsh nodedev-dumpxml` of its PF too (its virt_functions list the VFs)"));
      return undefined;
    }
    if (type === "network") {
      const network = xmlAttr(source, "network") ?? "";
      const pf = pfsByNetwork.get(network);
      if (pf !== undefined) {
        pf.users += 1;
        return { value: `vf(${pf.nic}.${pf.block.name})`, span: attributeSpan(source!, "network", lines), kind: "vf", pf };
      }
      const vswitch = vswitchesByNetwork.get(network);
      if (vswitch !== undefined) return { value: `vswitch(${vswitch})`, span: attributeSpan(source!, "network", lines), kind: "vswitch" };
      const pool = macvtapPools.get(network);
      if (pool !== undefined) {
        const what = `an interface on network \`${network}\`, a pool of macvtap devices in ${pool.mode} mode on ${pool.devices} (<forward> at ${where(pool.span)}),`;
        diagnostics.push(unmapped(attributeSpan(source!, "network", lines), macvtapLeftOut(what, "the device libvirt gives it from the pool"), pool.help));
        return undefined;
      }
      diagnostics.push(unmapped(source === undefined ? span : attributeSpan(source, "network", lines), `network \`${network}\` is not a hostdev or bridge network of this import`, "give `virsh net-dumpxml` of it; a NAT, routed or macvtap network is not modelled"));
      return undefined;
    }
    if (type === "bridge" || type === "vhostuser") {
      const virtualport = xmlAttr(child(element, "virtualport"), "type");
      // A vhost-user socket under /var/run/openvswitch/<bridge>/ (as --emit libvirt writes it) names its bridge.
      const socketDir = /\/openvswitch\/([^/]+)\/[^/]+$/.exec(xmlAttr(source, "path") ?? "")?.[1];
      const bridge = type === "bridge" ? xmlAttr(source, "bridge") : (socketDir ?? "vhostuser");
      if (bridge === undefined) return undefined;
      const kind = type === "vhostuser" ? "ovs_dpdk" : virtualport === "openvswitch" ? "ovs" : "linux_bridge";
      // A socket elsewhere (`/tmp/vhost0.sock`) names no switch: what serves it (OVS-DPDK, VPP, testpmd) is not
      // in the XML, and the comment says that the type is taken, not read.
      const about =
        type !== "vhostuser"
          ? `bridge ${bridge}`
          : socketDir !== undefined
            ? `vhost-user ports of Open vSwitch bridge ${socketDir}`
            : "vhost-user ports whose sockets name no Open vSwitch bridge (not under /openvswitch/BRIDGE/): taken as one OVS-DPDK switch";
      const name = addVswitch(bridge, kind, span, `${about} (${where(span)})`);
      return { value: `vswitch(${name})`, span: source === undefined ? span : elementSpan(source, lines), kind: "vswitch" };
    }
    if (type === "vdpa") {
      // `.sriov` has vDPA (`vdpa(NIC.PF)`), but libvirt names the vhost-vdpa character device, not its VF.
      const dev = xmlAttr(source, "dev");
      diagnostics.push(unmapped(source === undefined ? span : elementSpan(source, lines), `a vDPA interface${dev === undefined ? "" : ` on \`${dev}\``} names its vhost-vdpa device, not the VF behind it: its PF is not known`, "write `attach = vdpa(NIC.PF)` for it by hand (`vdpa dev show` on the host names the VF's PCI address)"));
      return undefined;
    }
    if (type === "direct") {
      // A macvtap device on a host netdev (formatdomain.html, "Direct attachment to physical interface"). In
      // passthrough mode that netdev is often a VF's, yet the guest gets virtio and the host copies: no `vf(…)`.
      const dev = xmlAttr(source, "dev") ?? "?";
      const mode = xmlAttr(source, "mode") ?? "vepa";
      diagnostics.push(
        unmapped(
          source === undefined || xmlAttr(source, "dev") === undefined ? span : attributeSpan(source, "dev", lines),
          macvtapLeftOut(`a macvtap interface in ${mode} mode on \`${dev}\``, `\`${dev}\``),
          `\`attach = vf(NIC.PF, INDEX)\` gives the guest that VF itself, as \`<interface type='hostdev'>\` does; /sys/class/net/${dev}/device/physfn names its PF`,
        ),
      );
      return undefined;
    }
    const what = OTHER_INTERFACE_TYPES[type ?? ""];
    diagnostics.push(unmapped(span, `an interface of type \`${type ?? "?"}\`${what === undefined ? "" : ` (${what})`} has no \`.sriov\` data path`, "`.sriov` models VFs (hostdev), vSwitch ports (bridge, openvswitch, vhostuser), VMDq and the PF"));
    return undefined;
  }
}
