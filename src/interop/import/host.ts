/**
 * The machine's own SR-IOV set-up → a `.sriov` program (docs/INTEROP.md, "Host"): the PFs found in sysfs
 * (`class/net/*\/device/sriov_totalvfs`, `sriov_numvfs`, `numa_node`, `virtfn*`, `vendor`/`device`, the
 * PCI address the `device` link points to, `speed`, `mtu`) and the VF lines of `ip -d link show` (MAC,
 * VLAN, spoof checking, trust, rate). A VF with any setting becomes a host interface on it; a VF left at
 * its defaults is a free VF. `--sysfs DIR` and `--ip-link FILE` read a captured tree and output.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import * as path from "node:path";
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { LineIndex, type Span } from "../../syntax/span.js";
import { MAX_INTEROP_FILE_BYTES, MAX_SYSFS_INTERFACES } from "../limits.js";
import { INPUT_SYNTAX } from "../yaml.js";
import { modelOfPciId } from "../pci-ids.js";
import { isNodeName } from "../../domain/node-name.js";
import { attr, block, quote, sriovName, type GenBlock, type GenProgram } from "../writer.js";
import type { HostName } from "./host-name.js";
import { linkSpeed, nicNameOfPci, pciAddress, UNMODELLED_VF, unmapped, where, type ImportResult } from "./common.js";

export interface SysfsPf {
  readonly name: string;
  readonly pci: string | undefined;
  readonly vendor: string | undefined;
  readonly device: string | undefined;
  readonly driver: string | undefined;
  readonly totalVfs: number | undefined;
  readonly numVfs: number | undefined;
  readonly virtfns: number;
  readonly numaNode: number | undefined;
  readonly speedMbps: number | undefined;
  readonly mtu: number | undefined;
  /** A one-line span naming the sysfs directory, for comments and diagnostics. */
  readonly span: Span;
}

export interface IpLinkVf {
  readonly index: number;
  readonly mac: string | undefined;
  readonly vlan: number | undefined;
  readonly spoofchk: boolean | undefined;
  readonly trust: boolean | undefined;
  readonly maxTxRateMbps: number | undefined;
  /** Settings written on the line that `.sriov` cannot hold (a VLAN priority, 802.1ad, …), at their words. */
  readonly unmodelled: readonly UnmodelledVfSetting[];
  readonly span: Span;
}

export interface UnmodelledVfSetting {
  /** As written: `qos 3`, `vlan protocol 802.1ad`, `link-state disable`, `min_tx_rate 100Mbps`. */
  readonly text: string;
  readonly consequence: string;
  readonly help: string;
  readonly span: Span;
}

/**
 * The words of a `vf N` line whose setting has no `.sriov` form, when not at their default (iproute2's
 * ip/ipaddress.c, print_vfinfo), with what the import writes instead.
 */
const UNMODELLED_VF_SETTINGS: readonly { readonly pattern: RegExp; readonly consequence: string; readonly help: string }[] = [
  { pattern: /\bqos [1-7]\b/, consequence: "", help: UNMODELLED_VF.vlanPriority.help },
  { pattern: /\bvlan protocol 802\.1ad\b/i, ...UNMODELLED_VF.serviceTag },
  { pattern: /\bmin_tx_rate [1-9]\d*\s*Mbps/, consequence: "", help: UNMODELLED_VF.minimumRate.help("max_tx_rate") },
  // `link-state enable` (up even while the PF's link is down) is left alone: `.sriov` models the PF's link up.
  { pattern: /\blink-state disable\b/, consequence: ": the VF is imported with its link up", help: UNMODELLED_VF.linkDisabled.help },
];

export interface IpLinkInterface {
  readonly name: string;
  readonly mtu: number | undefined;
  readonly vfs: IpLinkVf[];
  readonly span: Span;
}

function readSmall(file: string): string | undefined {
  try {
    if (statSync(file).size > 4096) return undefined;
    return readFileSync(file, "utf8").trim();
  } catch {
    return undefined;
  }
}

/**
 * A PCI id file (`0x8086`) → `8086`, or undefined. Only numbers and ids are taken from the files of a
 * captured tree, so a link in it to some other file reveals nothing but that it holds no id.
 */
function pciId(raw: string | undefined): string | undefined {
  const m = /^0x([0-9a-f]{4})$/i.exec(raw ?? "");
  return m === null ? undefined : m[1]!.toLowerCase();
}

function readInt(file: string): number | undefined {
  const v = readSmall(file);
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/** Reads the PFs under `<root>/class/net` (a live `/sys` or a captured copy). */
export function readSysfs(root: string): SysfsPf[] {
  const netDir = path.join(root, "class", "net");
  if (!existsSync(netDir)) return [];
  const out: SysfsPf[] = [];
  const names = readdirSync(netDir).sort().slice(0, MAX_SYSFS_INTERFACES);
  for (const name of names) {
    const device = path.join(netDir, name, "device");
    const totalVfs = readInt(path.join(device, "sriov_totalvfs"));
    if (totalVfs === undefined) continue;
    let pci: string | undefined;
    try {
      pci = pciAddress(path.basename(readlinkSync(device)));
    } catch {
      pci = pciAddress(/PCI_SLOT_NAME=(\S+)/.exec(readSmall(path.join(device, "uevent")) ?? "")?.[1]);
    }
    let driver: string | undefined;
    try {
      driver = path.basename(readlinkSync(path.join(device, "driver")));
    } catch {
      driver = /DRIVER=(\S+)/.exec(readSmall(path.join(device, "uevent")) ?? "")?.[1];
    }
    if (driver !== undefined && !/^[\w.-]{1,64}$/.test(driver)) driver = undefined;
    let virtfns = 0;
    try {
      virtfns = readdirSync(device).filter((f) => /^virtfn\d+$/.test(f)).length;
    } catch {
      virtfns = 0;
    }
    const numa = readInt(path.join(device, "numa_node"));
    const speed = readInt(path.join(netDir, name, "speed"));
    const display = path.join(netDir, name);
    const lines = new LineIndex(display, "");
    out.push({
      name,
      pci,
      vendor: pciId(readSmall(path.join(device, "vendor"))),
      device: pciId(readSmall(path.join(device, "device"))),
      driver,
      totalVfs,
      numVfs: readInt(path.join(device, "sriov_numvfs")),
      virtfns,
      numaNode: numa !== undefined && numa >= 0 ? numa : undefined,
      speedMbps: speed !== undefined && speed > 0 ? speed : undefined,
      mtu: readInt(path.join(netDir, name, "mtu")),
      span: lines.span(0, 0),
    });
  }
  return out;
}

/** Parses `ip -d link show` (or `ip link show`) output: each interface with its `vf N` lines. */
export function parseIpLink(text: string, file: string): { interfaces: IpLinkInterface[]; diagnostics: Diagnostic[] } {
  const lines = new LineIndex(file, text);
  const interfaces: IpLinkInterface[] = [];
  const diagnostics: Diagnostic[] = [];
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_INTEROP_FILE_BYTES) {
    // Said, as for YAML and XML: an output over the limit is not read, and must not pass for an empty one.
    diagnostics.push(diagnostic(INPUT_SYNTAX, "error", lines.span(0, 0), `the file is ${bytes} bytes, over the ${MAX_INTEROP_FILE_BYTES}-byte limit`, { help: "give the output of `ip -d link show DEV` for the PFs only" }));
    return { interfaces, diagnostics };
  }
  let current: IpLinkInterface | undefined;
  let orphaned = false;
  let offset = 0;
  for (const raw of text.split(/\r?\n/)) {
    const start = offset;
    offset += raw.length + 1;
    const header = /^\d+:\s+([^:@\s]+)(?:@[^:\s]+)?:\s+<[^>]*>(.*)$/.exec(raw);
    if (header !== null) {
      const mtu = /\bmtu (\d+)/.exec(header[2]!);
      current = { name: header[1]!, mtu: mtu ? Number(mtu[1]) : undefined, vfs: [], span: lines.span(start + raw.indexOf(header[1]!), start + raw.indexOf(header[1]!) + header[1]!.length) };
      interfaces.push(current);
      continue;
    }
    const vf = /^\s+vf (\d+)\b(.*)$/.exec(raw);
    if (vf === null) continue;
    if (current === undefined) {
      // The paste lost the interface line above its VF lines: whose VFs they are is unknown.
      if (!orphaned) {
        const at = start + raw.indexOf("vf");
        diagnostics.push(unmapped(lines.span(at, at + `vf ${vf[1]}`.length), "`vf` lines with no interface line above them: the output was cut, and whose VFs they are is unknown; they are left out", "give the whole `ip -d link show` output, from the `N: NAME: <…>` line of the PF"));
      }
      orphaned = true;
      continue;
    }
    const rest = vf[2]!;
    const mac = /(?:link\/ether|MAC) ([0-9a-f]{2}(?::[0-9a-f]{2}){5})/i.exec(rest)?.[1]?.toLowerCase();
    const vlan = /\bvlan (\d+)/.exec(rest);
    const spoof = /spoof checking (on|off)/.exec(rest);
    const trust = /\btrust (on|off)/.exec(rest);
    const rate = /max_tx_rate (\d+)\s*Mbps/.exec(rest) ?? /\btx rate (\d+) \(Mbps\)/.exec(rest);
    const at = start + raw.indexOf("vf");
    const restStart = start + raw.length - rest.length;
    const unmodelled: UnmodelledVfSetting[] = [];
    for (const setting of UNMODELLED_VF_SETTINGS) {
      const m = setting.pattern.exec(rest);
      if (m !== null) unmodelled.push({ text: m[0], consequence: setting.consequence, help: setting.help, span: lines.span(restStart + m.index, restStart + m.index + m[0].length) });
    }
    current.vfs.push({
      index: Number(vf[1]),
      mac: mac === "00:00:00:00:00:00" ? undefined : mac,
      vlan: vlan ? Number(vlan[1]) : undefined,
      spoofchk: spoof ? spoof[1] === "on" : undefined,
      trust: trust ? trust[1] === "on" : undefined,
      maxTxRateMbps: rate && Number(rate[1]) > 0 ? Number(rate[1]) : undefined,
      unmodelled,
      span: lines.span(at, at + `vf ${vf[1]}`.length),
    });
  }
  return { interfaces, diagnostics };
}

/** `host`: the host block named as ./host-name.ts decides. */
export function importHost(input: { sysfs: SysfsPf[]; ipLink: IpLinkInterface[]; host: HostName; sources: readonly string[] }): ImportResult {
  const diagnostics: Diagnostic[] = [];
  const { name, machine, from } = input.host;
  const host = block("host", name, undefined, [`the machine described by ${input.sources.join(", ")}`, ...(from === undefined ? [] : [`named after ${from}`])]);
  // A machine's name is, on a Kubernetes worker, its node's name: kept where the `.sriov` name cannot be it.
  if (machine !== undefined && name !== machine && isNodeName(machine)) attr(host, "node", quote(machine));
  const nics = new Map<string, GenBlock>();
  const pfs = new Map<string, { nic: string; block: GenBlock }>();
  const workloads: GenBlock[] = [];
  const nicFor = (name: string, span: Span | undefined): GenBlock => {
    let nic = nics.get(name);
    if (nic === undefined) {
      nic = block("nic", name, span);
      nics.set(name, nic);
    }
    return nic;
  };
  for (const pf of input.sysfs) {
    const nicName = pf.pci !== undefined ? nicNameOfPci(pf.pci) : `nic_${sriovName(pf.name)}`;
    const nic = nicFor(nicName, pf.span);
    const model = modelOfPciId(pf.vendor, pf.device);
    if (model !== undefined) attr(nic, "model", `"${model}"`);
    else if (pf.vendor !== undefined) diagnostics.push(unmapped(pf.span, `NIC ${pf.vendor}:${pf.device ?? "?"} (driver ${pf.driver ?? "?"}) is not in sriovc's NIC catalogue`, "it is modelled as `generic`"));
    if (pf.numaNode !== undefined) attr(nic, "numa", pf.numaNode);
    const b = block("pf", sriovName(pf.name), pf.span, pf.name === sriovName(pf.name) ? [] : [`interface ${pf.name}`]);
    if (pf.pci !== undefined) attr(b, "pci", pf.pci);
    if (pf.speedMbps !== undefined) attr(b, "speed", linkSpeed(`${pf.speedMbps}`) ?? `${pf.speedMbps}Mbps`);
    if (pf.totalVfs !== undefined) attr(b, "max_vfs", pf.totalVfs);
    attr(b, "vfs", pf.numVfs ?? pf.virtfns);
    if (pf.mtu !== undefined) attr(b, "mtu", pf.mtu);
    nic.members.push(b);
    pfs.set(pf.name, { nic: nicName, block: b });
  }
  for (const iface of input.ipLink) {
    if (iface.vfs.length === 0) continue;
    let pf = pfs.get(iface.name);
    if (pf === undefined) {
      const nicName = `nic_${sriovName(iface.name)}`;
      const b = block("pf", sriovName(iface.name), iface.span, [`${iface.name} (${where(iface.span)})`]);
      attr(b, "vfs", iface.vfs.length, iface.span);
      if (iface.mtu !== undefined) attr(b, "mtu", iface.mtu, iface.span);
      nicFor(nicName, iface.span).members.push(b);
      pf = { nic: nicName, block: b };
      pfs.set(iface.name, pf);
    }
    for (const vf of iface.vfs) {
      for (const setting of vf.unmodelled)
        diagnostics.push(unmapped(setting.span, `VF ${vf.index} of ${iface.name}: \`${setting.text}\` has no \`.sriov\` counterpart${setting.consequence}`, setting.help));
      const configured = vf.mac !== undefined || vf.vlan !== undefined || vf.spoofchk === false || vf.trust === true || vf.maxTxRateMbps !== undefined;
      if (!configured) continue;
      const b = block("iface", sriovName(`${iface.name}_vf${vf.index}`), vf.span, [`VF ${vf.index} of ${iface.name} (${where(vf.span)})`]);
      attr(b, "attach", `vf(${pf.nic}.${pf.block.name}, ${vf.index})`, vf.span);
      if (vf.mac !== undefined) attr(b, "mac", vf.mac, vf.span);
      if (vf.vlan !== undefined && vf.vlan > 0) attr(b, "vlan", vf.vlan, vf.span);
      if (vf.spoofchk === false) attr(b, "spoofchk", "false", vf.span);
      if (vf.trust === true) attr(b, "trust", "true", vf.span);
      if (vf.maxTxRateMbps !== undefined) attr(b, "rate_limit", `${vf.maxTxRateMbps}Mbps`, vf.span);
      workloads.push(b);
    }
  }
  host.members.push(...nics.values(), ...workloads);
  const program: GenProgram = { header: [`Imported by sriovc import host from ${input.sources.join(", ")}.`], blocks: [host] };
  return { program, diagnostics };
}
