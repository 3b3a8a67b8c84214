/**
 * Which VFs of which PF a device plugin resource's `pfNames` and `rootDevices` selectors pick, decided as
 * the SR-IOV device plugin decides it. Every reader of those selectors (the k8s import, the
 * `plugin-vf-range-invalid` and `plugin-selects-no-vf` checks) asks this module; nothing else parses them.
 *
 * Ported from github.com/k8snetworkplumbingwg/sriov-network-device-plugin at
 * 40b6f507e74ccc7b04c64cfe8823522e9d2f8b2e, `pkg/resources/deviceSelectors.go`:
 * - `pfNameSelector.Filter` / `rootDeviceSelector.Filter`: a VF is kept when `getItem` finds an entry for
 *   its PF's netdev name (`GetPfNetName`) or PCI address (`GetPfPciAddr`) and `isSelected` accepts its
 *   index (`GetFuncID`); a device without a PF name or address (a PF itself) is never kept.
 * - `getItem`: the FIRST entry whose text before its first `#` equals the name or address under
 *   `strings.EqualFold` (whole string, case-insensitive); later entries for the same PF are never read.
 * - `isSelected`: no `#` takes every VF; more than one `#` takes none; otherwise the list after `#` is split
 *   at `,` and read in order: an index (`strconv.Atoi`) or `first-last` (exactly one `-`, both ends
 *   inclusive) that holds the VF selects it at once; the first part that does not parse (a space, an empty
 *   part, `-3`, `0-3-5`) ends the reading with "not selected", so the parts before it still select their
 *   VFs; a range written descending (`5-3`) parses and holds no VF.
 * `pkg/netdevice/netDeviceProvider.go`, `GetFilteredDevices`: the selectors of one selector object filter
 * one after the other (vendors, devices, drivers, pciAddresses, acpiIndexes, pfNames, rootDevices,
 * linkTypes, …), so they are ANDed; an empty list filters nothing (`pkg/factory/factory.go`,
 * `FilterBySelector`). Modelled here: `pfNames` and `rootDevices`, and `vendors`, `devices`, `drivers`
 * and `pciAddresses` (`vendorSelector`, `deviceSelector`, `driverSelector`, `pciAddressSelector`: exact
 * `contains`) on the VFs whose value a node state gives; docs/INTEROP.md says which others are not.
 */
import type { Span } from "../../syntax/span.js";
import { indexRuns } from "../../domain/index-runs.js";

/** The SR-IOV capability's TotalVFs is a 16-bit register: no VF index is above 65534. */
const LAST_VF_INDEX = 65534;

/** How a message quotes what the user wrote: as written, or its start when it is long (a hostile file's may be megabytes). */
export function shown(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 60)}…`;
}

/** One part of the list after `#`, in the order written. */
export type VfListPart =
  | { readonly kind: "index"; readonly text: string; readonly index: number }
  | { readonly kind: "range"; readonly text: string; readonly first: number; readonly last: number }
  /** A part `isSelected` cannot parse: it stops there. `reason` says why, in the user's terms. */
  | { readonly kind: "invalid"; readonly text: string; readonly reason: string };

export type VfList =
  /** No `#`: every VF of the PF. */
  | { readonly kind: "every" }
  /** More than one `#`: `isSelected` fails on the split, no VF. */
  | { readonly kind: "several-hashes" }
  | { readonly kind: "parts"; readonly parts: readonly VfListPart[] };

/** One `pfNames` or `rootDevices` entry as written (`ens1f0`, `ens1f0#0-3,6`, `0000:18:00.0#2-5`). */
export interface PluginSelectorEntry {
  readonly raw: string;
  readonly span: Span;
  /** What `getItem` compares with the PF's name or address: the text before the first `#`. */
  readonly key: string;
  readonly vfs: VfList;
  /**
   * The indices `isSelected` accepts when the list is `parts`: the ranges of the parts before the first
   * invalid one, merged, ascending (`[first, last]` each). Computed once, so that a list of millions of
   * parts (a hostile file) is not walked again for each VF.
   */
  readonly held: readonly (readonly [number, number])[];
}

export interface PluginSelectors {
  readonly pfNames: readonly PluginSelectorEntry[];
  readonly rootDevices: readonly PluginSelectorEntry[];
  /**
   * The selectors on the VF's own values, as written (the plugin's `contains`: exact text). Applied to a VF
   * whose value is known (a node state's VF list); a VF whose value is not known is kept, as it may match.
   */
  readonly vendors: readonly string[];
  readonly devices: readonly string[];
  readonly drivers: readonly string[];
  readonly pciAddresses: readonly string[];
}

/** What a node state says of one VF (its `Vfs` entry); undefined: not said. */
export interface PluginVf {
  readonly vendor: string | undefined;
  readonly deviceID: string | undefined;
  readonly driver: string | undefined;
  readonly pciAddress: string | undefined;
}

/** A node state's VF list as the VF selectors read it, by `vfID` (a VF without one is left out). */
export function stateVfFacts(vfs: readonly { readonly vfID?: { readonly value: number } | undefined; readonly vendor?: { readonly value: string } | undefined; readonly deviceID?: { readonly value: string } | undefined; readonly driver?: { readonly value: string } | undefined; readonly pciAddress?: { readonly value: string } | undefined }[]): ReadonlyMap<number, PluginVf> | undefined {
  if (vfs.length === 0) return undefined;
  const facts = new Map<number, PluginVf>();
  for (const vf of vfs)
    if (vf.vfID !== undefined) facts.set(vf.vfID.value, { vendor: vf.vendor?.value, deviceID: vf.deviceID?.value, driver: vf.driver?.value, pciAddress: vf.pciAddress?.value });
  return facts;
}

/** The selectors on a VF's own values, in the order GetFilteredDevices applies them, with the value each reads. */
const VF_FILTERS = [
  // A VF's vendor is its PF's: Linux sets it so (drivers/pci/iov.c, pci_iov_add_virtfn: `virtfn->vendor = dev->vendor`).
  { selector: "vendors", what: "vendor", value: (pf: PluginPf, vf: PluginVf | undefined) => vf?.vendor ?? pf.vendor },
  { selector: "devices", what: "device id", value: (_: PluginPf, vf: PluginVf | undefined) => vf?.deviceID },
  { selector: "drivers", what: "driver", value: (_: PluginPf, vf: PluginVf | undefined) => vf?.driver },
  { selector: "pciAddresses", what: "PCI address", value: (_: PluginPf, vf: PluginVf | undefined) => vf?.pciAddress },
] as const;

export type VfFilter = (typeof VF_FILTERS)[number]["selector"];

/**
 * A PF as the plugin sees it from one of its VFs: its netdev name (the name of `physfn/net/*`; in
 * switchdev mode the uplink representor's) and its PCI address. Undefined when not known: a selector on
 * it keeps no VF, as the plugin keeps no device without a PF name or address.
 */
export interface PluginPf {
  readonly name: string | undefined;
  readonly pci: string | undefined;
  /** The PF's PCI vendor id (`8086`): its VFs'. */
  readonly vendor?: string | undefined;
  /** What the node state says of each VF, by index (`vfID`); absent when it lists none. */
  readonly vfs?: ReadonlyMap<number, PluginVf>;
}

export function parsePluginSelectorEntry(raw: string, span: Span): PluginSelectorEntry {
  const fields = raw.split("#");
  const key = fields[0]!;
  if (fields.length === 1) return { raw, span, key, vfs: { kind: "every" }, held: [] };
  // isSelected: `len(fields) != fieldSplitTotal` (2).
  if (fields.length > 2) return { raw, span, key, vfs: { kind: "several-hashes" }, held: [] };
  const parts = fields[1]!.split(",").map(parsePart);
  return { raw, span, key, vfs: { kind: "parts", parts }, held: heldRanges(parts) };
}

/**
 * isSelected returns true at the first part that holds the VF and false at the first invalid part: a VF is
 * selected exactly when a part before the first invalid one holds it. Those parts' ranges, merged.
 */
function heldRanges(parts: readonly VfListPart[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const part of parts) {
    if (part.kind === "invalid") break;
    const [first, last] = part.kind === "index" ? [part.index, part.index] : [part.first, part.last];
    if (first <= last) ranges.push([first, last]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const top = merged[merged.length - 1];
    if (top !== undefined && r[0] <= top[1] + 1) top[1] = Math.max(top[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** isSelected's reading of one comma-separated part; only the reason's wording is sriovc's. */
function parsePart(text: string): VfListPart {
  const invalid = (reason: string): VfListPart => ({ kind: "invalid", text, reason: /\s/.test(text) ? `${reason} (the device plugin does not skip spaces)` : reason });
  const notIndexOrRange = `\`${shown(text)}\` is not a VF index or a range \`first-last\``;
  if (text.includes("-")) {
    const ends = text.split("-");
    if (ends.length !== 2) return invalid(notIndexOrRange);
    const first = goAtoi(ends[0]!);
    const last = goAtoi(ends[1]!);
    if (first === undefined || last === undefined) return invalid(notIndexOrRange);
    return { kind: "range", text, first, last };
  }
  const index = goAtoi(text);
  return index === undefined ? invalid(notIndexOrRange) : { kind: "index", text, index };
}

/**
 * Go's `strconv.Atoi` on a 64-bit platform: an optional `+` or `-` and at least one decimal digit, nothing
 * else (no spaces, no `_`), within int64. Values past 2^53 lose precision as JavaScript numbers, which
 * changes no comparison with a VF index.
 */
function goAtoi(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  // Fifteen characters hold no number past 2^53: read as is (the common case, and fast).
  if (text.length <= 15) return Number(text);
  const value = BigInt(text);
  if (value > 9223372036854775807n || value < -9223372036854775808n) return undefined;
  return Number(value);
}

/** `isSelected(devIdx, selector)`, through the entry's `held` ranges (a binary search). */
export function isSelected(entry: PluginSelectorEntry, vf: number): boolean {
  if (entry.vfs.kind === "every") return true;
  let low = 0;
  let high = entry.held.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [first, last] = entry.held[mid]!;
    if (vf < first) high = mid - 1;
    else if (vf > last) low = mid + 1;
    else return true;
  }
  return false;
}

/**
 * `strings.EqualFold`: equal under Unicode simple case folding, one character against one. JavaScript
 * has no simple folding; each character's upper case of its lower case (each kept only when it is one
 * character, so `ß` is not `ss`) stands in for its folding orbit: the Kelvin sign and `k` both fold to
 * `K`, final and medial sigma to `Σ`. It agrees with Go on the names and addresses a kernel gives.
 */
export function equalFold(a: string, b: string): boolean {
  return foldKey(a) === foldKey(b);
}

function foldKey(text: string): string {
  let out = "";
  for (const c of text) {
    const lower = c.toLowerCase();
    const l = [...lower].length === 1 ? lower : c;
    const upper = l.toUpperCase();
    out += [...upper].length === 1 ? upper : l;
  }
  return out;
}

/** Each entry list's first entry per folded key, built on the first lookup: a PF is found without a scan. */
const firstByKey = new WeakMap<readonly PluginSelectorEntry[], ReadonlyMap<string, PluginSelectorEntry>>();

/** `getItem(hay, needle)`: the first entry for a PF name or address; undefined when none is (or no needle). */
export function entryFor(entries: readonly PluginSelectorEntry[], needle: string | undefined): PluginSelectorEntry | undefined {
  if (needle === undefined || needle === "") return undefined;
  let index = firstByKey.get(entries);
  if (index === undefined) {
    const built = new Map<string, PluginSelectorEntry>();
    for (const e of entries) {
      const key = foldKey(e.key);
      if (!built.has(key)) built.set(key, e);
    }
    firstByKey.set(entries, built);
    index = built;
  }
  return index.get(foldKey(needle));
}

/** What one selector object picks of one PF: the entries that match it, and which of its VFs they keep. */
export interface PfPick {
  /** The `pfNames` entry `getItem` finds for the PF; undefined when the resource has no `pfNames`. */
  readonly pfName: PluginSelectorEntry | undefined;
  /** The `rootDevices` entry `getItem` finds; undefined when the resource has no `rootDevices`. */
  readonly rootDevice: PluginSelectorEntry | undefined;
  /** True when no entry that matched names VFs: the pick is every VF the PF has. */
  readonly everyVf: boolean;
  /** Whether the VF of this index is kept by every selector (AND). */
  readonly selects: (vf: number) => boolean;
  /** Whether `pfNames` and `rootDevices` keep it, whatever the VF's own values. */
  readonly entriesKeep: (vf: number) => boolean;
  /** The first selector on the VF's own values that drops it, with what it read; undefined when none does. */
  readonly droppedBy: (vf: number) => { readonly selector: VfFilter; readonly what: string; readonly value: string } | undefined;
}

/**
 * The pick of one PF, or undefined when a selector the resource gives has no entry for it (the PF's VFs
 * are filtered out whatever their index). With neither selector every PF is picked, every VF.
 */
export function pickPf(selectors: PluginSelectors, pf: PluginPf): PfPick | undefined {
  const pfName = selectors.pfNames.length === 0 ? undefined : entryFor(selectors.pfNames, pf.name);
  if (selectors.pfNames.length > 0 && pfName === undefined) return undefined;
  const rootDevice = selectors.rootDevices.length === 0 ? undefined : entryFor(selectors.rootDevices, pf.pci);
  if (selectors.rootDevices.length > 0 && rootDevice === undefined) return undefined;
  const matched = [pfName, rootDevice].filter((e): e is PluginSelectorEntry => e !== undefined);
  const entriesKeep = (vf: number) => matched.every((e) => isSelected(e, vf));
  const droppedBy = (vf: number) => {
    for (const filter of VF_FILTERS) {
      const list = selectors[filter.selector];
      const value = filter.value(pf, pf.vfs?.get(vf));
      if (list.length > 0 && value !== undefined && !list.includes(value)) return { selector: filter.selector, what: filter.what, value };
    }
    return undefined;
  };
  return { pfName, rootDevice, everyVf: matched.every((e) => e.vfs.kind === "every"), selects: (vf) => entriesKeep(vf) && droppedBy(vf) === undefined, entriesKeep, droppedBy };
}

/** The VFs a pick keeps of a PF that has `count` (VFs 0 to count − 1), ascending. */
export function pickedVfs(pick: PfPick, count: number): number[] {
  const out: number[] = [];
  for (let vf = 0; vf < Math.min(count, LAST_VF_INDEX + 1); vf++) if (pick.selects(vf)) out.push(vf);
  return out;
}

/**
 * The VF indices an entry names, whether or not the PF has them (every index up to the largest a PF can
 * have that `isSelected` accepts); null when it names none by index (no `#`: every VF).
 */
export function namedVfs(entry: PluginSelectorEntry): number[] | null {
  if (entry.vfs.kind === "every") return null;
  const out: number[] = [];
  for (const [first, last] of entry.held) for (let vf = Math.max(first, 0); vf <= Math.min(last, LAST_VF_INDEX); vf++) out.push(vf);
  return out;
}

/**
 * What in an entry's VF list the plugin does not read as written, said as what it does instead; undefined
 * when nothing. More than one `#` and a part that does not parse are said; so is a range written
 * descending, which parses and selects nothing.
 */
export function entryProblem(entry: PluginSelectorEntry): string | undefined {
  if (entry.vfs.kind === "every") return undefined;
  if (entry.vfs.kind === "several-hashes") return "more than one `#`: the device plugin selects no VF by it";
  const said: string[] = [];
  for (const part of entry.vfs.parts) {
    if (part.kind === "range" && part.first > part.last) said.push(`\`${shown(part.text)}\` ends (${part.last}) before it starts (${part.first}): it selects no VF`);
    if (part.kind !== "invalid") continue;
    const before = namedVfs(entry)!;
    said.push(`${part.reason}: the device plugin stops reading the list there, and selects ${before.length === 0 ? "no VF by it" : `only VF${before.length === 1 ? "" : "s"} ${indexRuns(before)} by it`}`);
    break;
  }
  return said.length === 0 ? undefined : said.join("; ");
}

/**
 * The entries `getItem` never returns: a later entry whose key equals an earlier one's (ignoring case) is
 * shadowed by it, whatever VFs it names (`["ens1f0#0-1", "ens1f0#4-5"]` selects VFs 0–1 only). Each with
 * the entry that is read instead.
 */
export function shadowedEntries(entries: readonly PluginSelectorEntry[]): { entry: PluginSelectorEntry; readInstead: PluginSelectorEntry }[] {
  const out: { entry: PluginSelectorEntry; readInstead: PluginSelectorEntry }[] = [];
  for (const entry of entries) {
    const first = entryFor(entries, entry.key);
    // The same VF list again (`ens1f0#0-3` twice, or in another case) loses nothing.
    if (first !== undefined && first !== entry && entry.raw.slice(entry.key.length) !== first.raw.slice(first.key.length)) out.push({ entry, readInstead: first });
  }
  return out;
}
