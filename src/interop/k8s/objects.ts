/**
 * sriov-network-operator objects read from located YAML/JSON: `SriovNetworkNodeState`,
 * `SriovNetworkNodePolicy`, `SriovNetwork`, and the SR-IOV device plugin's `config.json`. Each field keeps
 * its span. Multi-document files and `kind: List` (`kubectl get … -o yaml`) are flattened here.
 *
 * Keys are matched as the operator matches them. Spec objects reach the operator through the API server,
 * which keeps the fields the CRD schema names (exact spelling) and drops the rest: an unknown or misspelt
 * spec field (`pfName`, `numvfs`) is `unknown-field`. Node-state dumps are read by Go's encoding/json,
 * which matches field names ignoring case, so `totalvfs`, `Vfs` and `Vlan` (the spellings of real dumps)
 * and their other cases are all read.
 */
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { closestNames } from "../../semantics/suggest.js";
import type { Span } from "../../syntax/span.js";
import { IMPORT_UNMAPPED } from "../import/common.js";
import { checkSpecValues } from "./field-values.js";
import { checkRenderedNetworkFields } from "./network-fields.js";
import { checkPluginPKeys, checkUnmergedIbFields, UNMERGED_IB_FIELDS } from "./infiniband.js";
import { parsePluginSelectorEntry, type PluginSelectorEntry, type PluginSelectors } from "./plugin-selectors.js";
import { asBoolean, asInteger, asMap, asSeq, asString, entry, entryFold, type Located, type LocatedMap, type LocatedScalar, type LocatedSeq } from "../located.js";

export interface Field<T> {
  readonly value: T;
  readonly span: Span;
}

interface ObjectBase {
  readonly name: string;
  readonly namespace: string | undefined;
  /** The whole object. */
  readonly span: Span;
  /** `metadata.name`, or the object when it has none. */
  readonly nameSpan: Span;
}

export interface StateVf {
  readonly vfID: Field<number> | undefined;
  readonly mtu: Field<number> | undefined;
  readonly vlan: Field<number> | undefined;
  readonly mac: Field<string> | undefined;
  readonly pciAddress: Field<string> | undefined;
  readonly driver: Field<string> | undefined;
  readonly vendor: Field<string> | undefined;
  readonly deviceID: Field<string> | undefined;
  readonly span: Span;
}

export interface StateInterface {
  readonly name: Field<string>;
  readonly altNames: readonly string[];
  readonly pciAddress: Field<string> | undefined;
  readonly vendor: Field<string> | undefined;
  readonly deviceID: Field<string> | undefined;
  readonly driver: Field<string> | undefined;
  readonly linkSpeed: Field<string> | undefined;
  readonly mtu: Field<number> | undefined;
  readonly totalVfs: Field<number> | undefined;
  readonly numVfs: Field<number> | undefined;
  readonly eSwitchMode: Field<string> | undefined;
  readonly externallyManaged: boolean;
  readonly vfs: readonly StateVf[];
  readonly span: Span;
}

export interface NodeState extends ObjectBase {
  readonly kind: "SriovNetworkNodeState";
  readonly interfaces: readonly StateInterface[];
}

/**
 * One `pfNames` entry of a SriovNetworkNodePolicy, as the operator reads it: `ens1f0`, `ens1f0#0-7`. The
 * device plugin's entries are read by ./plugin-selectors.ts, as the plugin reads them.
 */
export interface PfSelector {
  readonly raw: string;
  readonly pf: string;
  /** The VF indices selected, ascending and distinct; null when the entry names no range (every VF). */
  readonly vfs: readonly number[] | null;
  /** Set when the range does not parse; `vfs` is null then. */
  readonly error: string | undefined;
  /** True when the range uses the device plugin's comma form (`#0,2-7`), which the operator's webhook refuses. */
  readonly commaForm: boolean;
  readonly span: Span;
}

export interface NicSelector {
  readonly vendor: Field<string> | undefined;
  readonly deviceID: Field<string> | undefined;
  readonly pfNames: readonly PfSelector[];
  readonly rootDevices: readonly Field<string>[];
  readonly netFilter: Field<string> | undefined;
  /** False when the object has no selector (a policy without `nicSelector`, which the API server refuses). */
  readonly written: boolean;
  readonly span: Span;
}

export interface Policy extends ObjectBase {
  readonly kind: "SriovNetworkNodePolicy";
  readonly resourceName: Field<string> | undefined;
  readonly nodeSelector: ReadonlyMap<string, Field<string>>;
  readonly nodeSelectorSpan: Span;
  readonly priority: Field<number> | undefined;
  readonly mtu: Field<number> | undefined;
  readonly numVfs: Field<number> | undefined;
  readonly deviceType: Field<string> | undefined;
  readonly isRdma: Field<boolean> | undefined;
  readonly eSwitchMode: Field<string> | undefined;
  readonly linkType: Field<string> | undefined;
  readonly vdpaType: Field<string> | undefined;
  readonly externallyManaged: Field<boolean> | undefined;
  readonly nicSelector: NicSelector;
  readonly specSpan: Span;
}

export interface Network extends ObjectBase {
  readonly kind: "SriovNetwork";
  readonly resourceName: Field<string> | undefined;
  readonly vlan: Field<number> | undefined;
  readonly vlanQoS: Field<number> | undefined;
  readonly vlanProto: Field<string> | undefined;
  readonly linkState: Field<string> | undefined;
  readonly spoofChk: Field<string> | undefined;
  readonly trust: Field<string> | undefined;
  readonly minTxRate: Field<number> | undefined;
  readonly maxTxRate: Field<number> | undefined;
  readonly networkNamespace: Field<string> | undefined;
  readonly specSpan: Span;
}

/** One `resourceList` entry of the device plugin's config.json. */
export interface DevicePluginResource extends ObjectBase {
  readonly kind: "DevicePluginResource";
  readonly resourceName: Field<string> | undefined;
  readonly deviceType: Field<string> | undefined;
  /** The selector's `drivers`: the drivers a VF must be bound to for the pool to take it (`["vfio-pci"]`). */
  readonly drivers: readonly Field<string>[];
  readonly isRdma: Field<boolean> | undefined;
  /** Its selectors as written, `pfNames` and `rootDevices` entries parsed as the plugin parses them (./plugin-selectors.ts). */
  readonly selectors: PluginSelectors;
}

/**
 * A NetworkAttachmentDefinition of the SR-IOV CNI (`"type": "sriov"` in its config). The operator generates
 * one from each SriovNetwork; with the device plugin alone it is where a VF's VLAN and checks are set. It is
 * read only so that the import says it leaves it out.
 */
export interface SriovAttachment extends ObjectBase {
  readonly kind: "NetworkAttachmentDefinition";
  /** The VF settings of its config that are not at their default, as written: `vlan 100`, `spoofchk off`. */
  readonly settings: readonly string[];
}

/**
 * A network the operator makes of a resource's VFs for another CNI than the SR-IOV CNI: `SriovIBNetwork`
 * (InfiniBand VFs, the `ib-sriov` CNI) and `OVSNetwork` (VFs in switchdev mode behind Open vSwitch, the
 * `ovs` CNI). Read so the import can say they are left out.
 */
export interface OtherCniNetwork extends ObjectBase {
  readonly kind: "SriovIBNetwork" | "OVSNetwork";
  readonly resourceName: Field<string> | undefined;
}

export type OperatorObject = NodeState | Policy | Network | DevicePluginResource | SriovAttachment | OtherCniNetwork;

/** The node a node state without `metadata.name` is read as, as a bare list of its interfaces is. */
const UNNAMED_NODE = "node";

/** The node label a policy names one node by (`nodeSelector`); `--emit k8s` writes it, the checks read it. */
export const HOSTNAME_LABEL = "kubernetes.io/hostname";

// The spec fields of the CRD schemas (schema/operator/*.schema.json), exact spelling.
const POLICY_SPEC = ["bridge", "deviceType", "eSwitchMode", "excludeTopology", "externallyManaged", "isRdma", "linkType", "mtu", "needVhostNet", "nicSelector", "nodeSelector", "numVfs", "priority", "resourceName", "vdpaType"];
const NIC_SELECTOR = ["deviceID", "netFilter", "pfNames", "rootDevices", "vendor"];
const NETWORK_SPEC = ["capabilities", "ipam", "linkState", "logFile", "logLevel", "maxTxRate", "metaPlugins", "minTxRate", "networkNamespace", "resourceName", "spoofChk", "trust", "vlan", "vlanProto", "vlanQoS"];
const OTHER_CNI_NETWORK_SPEC: Record<OtherCniNetwork["kind"], readonly string[]> = {
  SriovIBNetwork: ["capabilities", "ipam", "linkState", "metaPlugins", "networkNamespace", "resourceName"],
  OVSNetwork: ["bridge", "capabilities", "interfaceType", "ipam", "metaPlugins", "mtu", "networkNamespace", "resourceName", "trunk", "vlan"],
};
// The device plugin's resource keys (its pkg/types ResourceConfig) and selector keys (README, "Configurations").
const PLUGIN_RESOURCE = ["resourceName", "resourcePrefix", "deviceType", "excludeTopology", "selectors", "additionalInfo"];
const PLUGIN_SELECTORS = ["vendors", "devices", "drivers", "pfNames", "rootDevices", "linkTypes", "ddpProfiles", "pKeys", "isRdma", "needVhostNet", "vdpaType", "pciAddresses", "acpiIndexes", "auxTypes"];

export interface ReadObjects {
  readonly objects: OperatorObject[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Reads every operator object of some parsed documents; other kinds are skipped (a GitOps folder mixes
 * kinds). `embedded` parses a document held in a string (a ConfigMap's `config.json`), located in the file.
 */
export function readOperatorObjects(documents: readonly Located[], embedded?: (value: LocatedScalar) => { documents: readonly Located[]; diagnostics: readonly Diagnostic[] }): ReadObjects {
  const objects: OperatorObject[] = [];
  const diagnostics: Diagnostic[] = [];
  const visit = (doc: Located, embeddedDoc = false): void => {
    const bare = asSeq(doc);
    if (bare !== undefined && bare.items.length > 0 && bare.items.every(looksLikeStateInterface)) {
      // `kubectl get sriovnetworknodestates NODE -o yaml | yq .status.interfaces`: the interfaces alone.
      diagnostics.push(
        diagnostic(IMPORT_UNMAPPED, "warning", bare.items[0]!.span, "a list of node-state interfaces without the SriovNetworkNodeState around it: read as the interfaces of a node named `node`", {
          help: "give the whole object (`kubectl get sriovnetworknodestates NODE -o yaml`) to keep the node's name",
        }),
      );
      objects.push({ kind: "SriovNetworkNodeState", name: UNNAMED_NODE, namespace: undefined, span: bare.span, nameSpan: bare.items[0]!.span, interfaces: readInterfaces(bare, diagnostics) });
      return;
    }
    const map = asMap(doc);
    if (map === undefined) return;
    const kind = asString(entry(map, "kind")?.value);
    const items = asSeq(entry(map, "items")?.value);
    if (items !== undefined && (kind === undefined || kind === "List" || kind.endsWith("List"))) {
      for (const item of items.items) visit(item, embeddedDoc);
      return;
    }
    const resourceList = asSeq(entry(map, "resourceList")?.value);
    if (kind === undefined && resourceList !== undefined) {
      for (const item of resourceList.items) objects.push(...readPluginResources(item, diagnostics));
      return;
    }
    // One level only: a config.json is read out of a ConfigMap, never a ConfigMap out of a config.json.
    if (kind === "ConfigMap" && embedded !== undefined && !embeddedDoc) {
      // The device plugin's config.json as deployed: a ConfigMap's `data` (deployments/configMap.yaml).
      for (const e of asMap(entry(map, "data")?.value)?.entries ?? []) {
        if (!e.key.endsWith(".json") || e.value.kind !== "scalar") continue;
        const inner = embedded(e.value);
        diagnostics.push(...inner.diagnostics);
        for (const d of inner.documents) if (asMap(d) !== undefined && entry(asMap(d), "resourceList") !== undefined) visit(d, true);
      }
      return;
    }
    if (kind === "SriovNetworkNodeState") objects.push(readNodeState(map, diagnostics));
    else if (kind === "SriovNetworkNodePolicy") objects.push(readPolicy(map, diagnostics));
    else if (kind === "SriovNetwork") objects.push(readNetwork(map, diagnostics));
    else if (kind === "SriovIBNetwork" || kind === "OVSNetwork") objects.push(readOtherCniNetwork(kind, map, diagnostics));
    else if (kind === "NetworkAttachmentDefinition") {
      const attachment = readSriovAttachment(map);
      if (attachment !== undefined) objects.push(attachment);
    }
  };
  for (const doc of documents) visit(doc);
  return { objects, diagnostics };
}

/**
 * A field's value read as one type, with the span of the value; undefined when the key is absent or its
 * value has another type. `fold`: match the key ignoring case, as the operator reads node-state dumps.
 */
function field<T>(read: (value: Located | undefined) => T | undefined, map: LocatedMap | undefined, key: string, fold: boolean): Field<T> | undefined {
  const e = fold ? entryFold(map, key) : entry(map, key);
  const value = read(e?.value);
  return value === undefined || e === undefined ? undefined : { value, span: e.value.span };
}

const str = (map: LocatedMap | undefined, key: string, fold = false) => field(asString, map, key, fold);
const int = (map: LocatedMap | undefined, key: string, fold = false) => field(asInteger, map, key, fold);
const bool = (map: LocatedMap | undefined, key: string) => field(asBoolean, map, key, false);

function base(map: LocatedMap): ObjectBase {
  const metadata = asMap(entry(map, "metadata")?.value);
  const name = str(metadata, "name");
  return { name: name?.value ?? "", namespace: str(metadata, "namespace")?.value, span: map.span, nameSpan: name?.span ?? map.span };
}

function unknownFields(map: LocatedMap | undefined, known: readonly string[], where: string, diagnostics: Diagnostic[], consequence = "the API server drops it and the operator never sees it"): void {
  if (map === undefined) return;
  for (const e of map.entries) {
    if (known.includes(e.key)) continue;
    // A known field inside the key (`metaPluginsConfig`, the Go field's name, which the operator's own
    // doc/api/sriov-network-api.md writes for `metaPlugins`) is what was meant, however far the spelling.
    const inside = known.filter((k) => e.key.toLowerCase().includes(k.toLowerCase())).sort((a, b) => b.length - a.length);
    const near = inside.length > 0 ? inside.slice(0, 1) : closestNames(e.key, known, 1);
    const sameButCase = known.find((k) => k.toLowerCase() === e.key.toLowerCase());
    diagnostics.push(
      diagnostic("unknown-field", "warning", e.keySpan, `\`${e.key}\` is not a field of ${where}: ${consequence}`, {
        help:
          sameButCase !== undefined
            ? `field names are case-sensitive here: write \`${sameButCase}\``
            : near.length > 0
              ? `did you mean \`${near[0]}\`?`
              : `${where} takes ${known.map((k) => `\`${k}\``).join(", ")}`,
      }),
    );
  }
}

/** An item of a bare list that is a node-state interface: a map with a `name` and a PCI address or VFs. */
function looksLikeStateInterface(item: Located): boolean {
  const m = asMap(item);
  return m !== undefined && entryFold(m, "name") !== undefined && (entryFold(m, "pciAddress") !== undefined || entryFold(m, "totalvfs") !== undefined || entryFold(m, "Vfs") !== undefined);
}

function readNodeState(map: LocatedMap, diagnostics: Diagnostic[]): NodeState {
  const status = asMap(entry(map, "status")?.value);
  const read = base(map);
  // The operator names each state after its node; one without a name was cut or written by hand (the
  // operator's doc/api/node-policies-api.md shows one), and its findings would name node ``.
  if (read.name === "")
    diagnostics.push(
      diagnostic(IMPORT_UNMAPPED, "warning", read.nameSpan, `a SriovNetworkNodeState without \`metadata.name\`, which names its node: read as the state of a node named \`${UNNAMED_NODE}\``, {
        help: "give the whole object as `kubectl get sriovnetworknodestates NODE -o yaml` prints it, or add `metadata: {name: NODE}`",
      }),
    );
  const state = { kind: "SriovNetworkNodeState" as const, ...read, name: read.name === "" ? UNNAMED_NODE : read.name, interfaces: readInterfaces(asSeq(entryFold(status, "interfaces")?.value), diagnostics) };
  // The operator's spec is what it was asked to set (names, numVfs, MTU), without totalvfs or the NIC's ids:
  // a state as the operator's docs show one (doc/ovs-hw-offload.md) has only that.
  const asked = entry(asMap(entry(map, "spec")?.value), "interfaces");
  if (entryFold(status, "interfaces") === undefined && asked !== undefined)
    diagnostics.push(
      diagnostic(
        IMPORT_UNMAPPED,
        "warning",
        asked.keySpan,
        `the node state of \`${state.name}\` has no \`status.interfaces\` (what the node reports): its \`spec.interfaces\` (what the operator is asked to set) are not an inventory, and no PF of the node is imported`,
        { help: `give the state as the node reports it, with its \`status\`: kubectl get sriovnetworknodestates ${state.name || "NODE"} -o yaml` },
      ),
    );
  return state;
}

function readInterfaces(list: LocatedSeq | undefined, diagnostics: Diagnostic[]): StateInterface[] {
  const interfaces: StateInterface[] = [];
  for (const item of list?.items ?? []) {
    const m = asMap(item);
    const name = str(m, "name", true);
    if (m === undefined) continue;
    if (name === undefined) {
      diagnostics.push(
        diagnostic(IMPORT_UNMAPPED, "warning", m.span, "a node-state interface without a `name`: left out", {
          help: "the operator writes `name` for every interface: the dump may have been cut or edited",
        }),
      );
      continue;
    }
    const vfs: StateVf[] = [];
    for (const vf of asSeq(entryFold(m, "Vfs")?.value)?.items ?? []) {
      const v = asMap(vf);
      if (v === undefined) continue;
      vfs.push({ vfID: int(v, "vfID", true), mtu: int(v, "mtu", true), vlan: int(v, "Vlan", true), mac: str(v, "mac", true), pciAddress: str(v, "pciAddress", true), driver: str(v, "driver", true), vendor: str(v, "vendor", true), deviceID: str(v, "deviceID", true), span: v.span });
    }
    interfaces.push({
      name,
      altNames: (asSeq(entryFold(m, "altNames")?.value)?.items ?? []).map(asString).filter((s): s is string => s !== undefined),
      pciAddress: str(m, "pciAddress", true),
      vendor: str(m, "vendor", true),
      deviceID: str(m, "deviceID", true),
      driver: str(m, "driver", true),
      linkSpeed: str(m, "linkSpeed", true),
      mtu: int(m, "mtu", true),
      totalVfs: int(m, "totalvfs", true),
      numVfs: int(m, "numVfs", true),
      eSwitchMode: str(m, "eSwitchMode", true),
      externallyManaged: asBoolean(entryFold(m, "externallyManaged")?.value) ?? false,
      vfs,
      span: m.span,
    });
  }
  return interfaces;
}

/** The SR-IOV capability's TotalVFs is a 16-bit register: no PF has more than 65535 VFs. */
export const MAX_VF_INDEX = 65534;

/**
 * Parses a policy's `pfNames` entry as the operator reads it (one `#first-last` range); the comma form of the
 * device plugin is read too, so that policy-vf-range-invalid can say the webhook refuses it.
 */
export function parsePfSelector(raw: string, span: Span): PfSelector {
  const hash = raw.indexOf("#");
  if (hash === -1) return { raw, pf: raw, vfs: null, error: undefined, commaForm: false, span };
  const pf = raw.slice(0, hash);
  const rest = raw.slice(hash + 1);
  const fail = (error: string): PfSelector => ({ raw, pf, vfs: null, error, commaForm: rest.includes(","), span });
  if (rest.includes("#")) return fail("more than one `#`");
  const indices = new Set<number>();
  for (const part of rest.split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (m === null) return fail(`\`${part}\` is not a VF index or a range \`first-last\``);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    // Checked first: past 2^53 the count below would never end (`i++` leaves a number that large as it is).
    if (to > MAX_VF_INDEX) return fail(`\`${part.trim()}\` is past the largest VF index (${MAX_VF_INDEX})`);
    if (to < from) return fail(`the range ends (${to}) before it starts (${from})`);
    if (to - from > 4096) return fail(`the range \`${part}\` spans more than 4096 VFs`);
    for (let i = from; i <= to; i++) indices.add(i);
  }
  return { raw, pf, vfs: [...indices].sort((a, b) => a - b), error: undefined, commaForm: rest.includes(","), span };
}

function readNicSelector(map: LocatedMap | undefined, fallback: Span, keySpan?: Span): NicSelector {
  const pfNames: PfSelector[] = [];
  for (const item of asSeq(entry(map, "pfNames")?.value)?.items ?? []) {
    const raw = asString(item);
    if (raw !== undefined) pfNames.push(parsePfSelector(raw, item.span));
  }
  const rootDevices: Field<string>[] = [];
  for (const item of asSeq(entry(map, "rootDevices")?.value)?.items ?? []) {
    const raw = asString(item);
    if (raw !== undefined) rootDevices.push({ value: raw.toLowerCase(), span: item.span });
  }
  return { vendor: str(map, "vendor"), deviceID: str(map, "deviceID"), pfNames, rootDevices, netFilter: str(map, "netFilter"), written: map !== undefined, span: keySpan ?? map?.span ?? fallback };
}

/** A selector list of strings as written (`vendors: ["8086"]`); items of other types are not strings to the plugin either. */
function readStrings(map: LocatedMap | undefined, key: string): string[] {
  return (asSeq(entry(map, key)?.value)?.items ?? []).map(asString).filter((s): s is string => s !== undefined);
}

/** A device plugin selector list (`pfNames`, `rootDevices`) as written, its strings parsed as the plugin does. */
function readPluginEntries(map: LocatedMap | undefined, key: string): PluginSelectorEntry[] {
  return (asSeq(entry(map, key)?.value)?.items ?? []).flatMap((item) => {
    const raw = asString(item);
    return raw === undefined ? [] : [parsePluginSelectorEntry(raw, item.span)];
  });
}

function readPolicy(map: LocatedMap, diagnostics: Diagnostic[]): Policy {
  const specEntry = entry(map, "spec");
  const spec = asMap(specEntry?.value);
  unknownFields(spec, POLICY_SPEC, "a SriovNetworkNodePolicy's spec", diagnostics);
  checkSpecValues("SriovNetworkNodePolicy", spec, specEntry?.keySpan ?? map.span, diagnostics);
  const nicEntry = entry(spec, "nicSelector");
  const nicMap = asMap(nicEntry?.value);
  unknownFields(nicMap, NIC_SELECTOR, "a nicSelector", diagnostics);
  const selectorEntry = entry(spec, "nodeSelector");
  const nodeSelector = new Map<string, Field<string>>();
  for (const e of asMap(selectorEntry?.value)?.entries ?? []) {
    const value = asString(e.value);
    if (value !== undefined) nodeSelector.set(e.key, { value, span: e.value.span });
  }
  return {
    kind: "SriovNetworkNodePolicy",
    ...base(map),
    resourceName: str(spec, "resourceName"),
    nodeSelector,
    nodeSelectorSpan: selectorEntry?.keySpan ?? spec?.span ?? map.span,
    priority: int(spec, "priority"),
    mtu: int(spec, "mtu"),
    numVfs: int(spec, "numVfs"),
    deviceType: str(spec, "deviceType"),
    isRdma: bool(spec, "isRdma"),
    eSwitchMode: str(spec, "eSwitchMode"),
    linkType: str(spec, "linkType"),
    vdpaType: str(spec, "vdpaType"),
    externallyManaged: bool(spec, "externallyManaged"),
    nicSelector: readNicSelector(nicMap, spec?.span ?? map.span, nicEntry?.keySpan),
    specSpan: specEntry?.keySpan ?? map.span,
  };
}

/** A SriovIBNetwork's or an OVSNetwork's spec goes through the API server as a SriovNetwork's does: checked against its CRD. */
function readOtherCniNetwork(kind: OtherCniNetwork["kind"], map: LocatedMap, diagnostics: Diagnostic[]): OtherCniNetwork {
  const specEntry = entry(map, "spec");
  const spec = asMap(specEntry?.value);
  // A SriovIBNetwork's `pkey` and `scanGUIDs` come from an unmerged pull request: said as such (./infiniband.ts).
  const unmerged = kind === "SriovIBNetwork" && spec !== undefined;
  unknownFields(unmerged ? { ...spec, entries: spec.entries.filter((e) => !UNMERGED_IB_FIELDS.includes(e.key)) } : spec, OTHER_CNI_NETWORK_SPEC[kind], `${kind === "OVSNetwork" ? "an" : "a"} ${kind}'s spec`, diagnostics);
  if (unmerged) checkUnmergedIbFields(spec, diagnostics);
  checkSpecValues(kind, spec, specEntry?.keySpan ?? map.span, diagnostics);
  checkRenderedNetworkFields(kind, spec, diagnostics);
  return { kind, ...base(map), resourceName: str(spec, "resourceName") };
}

function readNetwork(map: LocatedMap, diagnostics: Diagnostic[]): Network {
  const specEntry = entry(map, "spec");
  const spec = asMap(specEntry?.value);
  unknownFields(spec, NETWORK_SPEC, "a SriovNetwork's spec", diagnostics);
  checkSpecValues("SriovNetwork", spec, specEntry?.keySpan ?? map.span, diagnostics);
  checkRenderedNetworkFields("SriovNetwork", spec, diagnostics);
  return {
    kind: "SriovNetwork",
    ...base(map),
    resourceName: str(spec, "resourceName"),
    vlan: int(spec, "vlan"),
    vlanQoS: int(spec, "vlanQoS"),
    vlanProto: str(spec, "vlanProto"),
    linkState: str(spec, "linkState"),
    spoofChk: str(spec, "spoofChk"),
    trust: str(spec, "trust"),
    minTxRate: int(spec, "minTxRate"),
    maxTxRate: int(spec, "maxTxRate"),
    networkNamespace: str(spec, "networkNamespace"),
    specSpan: specEntry?.keySpan ?? map.span,
  };
}

// The SR-IOV CNI's VF settings (sriov-cni README, "Configuration reference"); 0 or absent is the default.
const SRIOV_CNI_SETTINGS = ["vlan", "vlanQoS", "vlanProto", "spoofchk", "trust", "link_state", "min_tx_rate", "max_tx_rate"];

function readSriovAttachment(map: LocatedMap): SriovAttachment | undefined {
  const config = str(asMap(entry(map, "spec")?.value), "config")?.value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(config ?? "");
  } catch {
    return undefined;
  }
  // A single plugin's config, or a list (`plugins: [...]`) that chains the sriov plugin with others.
  const asRecord = (v: unknown): Record<string, unknown> | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const top = asRecord(parsed);
  const plugins = Array.isArray(top?.["plugins"]) ? (top["plugins"] as unknown[]).map(asRecord) : [top];
  const sriov = plugins.find((p) => p?.["type"] === "sriov");
  if (sriov === undefined) return undefined;
  const settings = SRIOV_CNI_SETTINGS.filter((k) => sriov[k] !== undefined && sriov[k] !== 0 && sriov[k] !== "").map((k) => `${k} ${String(sriov[k])}`);
  return { kind: "NetworkAttachmentDefinition", ...base(map), settings };
}

/** A `resourceList` entry: one resource per selector object (the plugin pools what any of them selects). */
function readPluginResources(item: Located, diagnostics: Diagnostic[]): DevicePluginResource[] {
  const map = asMap(item);
  if (map === undefined) return [];
  // `selectors` is an object in the plugin's original format and a list of objects since v3.7.
  const selectorsValue = entry(map, "selectors")?.value;
  const list = asSeq(selectorsValue)?.items.map(asMap).filter((m): m is LocatedMap => m !== undefined) ?? [asMap(selectorsValue)];
  const name = str(map, "resourceName");
  // A selector written beside `resourceName` (the plugin's first format, `rootDevices` and `sriovMode` at the
  // resource, as its deployments/kernel-net-demo still shows) is ignored: said as such, not as any field.
  for (const e of map.entries)
    if (!PLUGIN_RESOURCE.includes(e.key) && PLUGIN_SELECTORS.includes(e.key))
      diagnostics.push(
        diagnostic("unknown-field", "warning", e.keySpan, `\`${e.key}\` is a selector, not a field of a device plugin resource: the device plugin ignores it here`, {
          help: `move it into the resource's \`selectors\` (\`"selectors": {"${e.key}": …}\`)`,
        }),
      );
  unknownFields({ ...map, entries: map.entries.filter((e) => !PLUGIN_SELECTORS.includes(e.key)) }, PLUGIN_RESOURCE, "a device plugin resource", diagnostics, "the device plugin ignores it");
  return list.map((selectors) => {
    unknownFields(selectors, PLUGIN_SELECTORS, "a device plugin selector", diagnostics, "the device plugin ignores it");
    checkPluginPKeys(selectors, diagnostics);
    return {
      kind: "DevicePluginResource",
      name: name?.value ?? "",
      namespace: undefined,
      span: map.span,
      nameSpan: name?.span ?? map.span,
      resourceName: name,
      deviceType: str(map, "deviceType"),
      drivers: (asSeq(entry(selectors, "drivers")?.value)?.items ?? []).flatMap((item) => {
        const value = asString(item);
        return value === undefined ? [] : [{ value, span: item.span }];
      }),
      isRdma: bool(selectors, "isRdma"),
      selectors: {
        pfNames: readPluginEntries(selectors, "pfNames"),
        rootDevices: readPluginEntries(selectors, "rootDevices"),
        vendors: readStrings(selectors, "vendors"),
        devices: readStrings(selectors, "devices"),
        drivers: readStrings(selectors, "drivers"),
        pciAddresses: readStrings(selectors, "pciAddresses"),
      },
    };
  });
}

/**
 * `kubectl describe` output is YAML-like but no YAML (keys with spaces, lists without dashes): a located
 * error with the command that prints the object, instead of the parser's complaints. Undefined otherwise.
 */
export function describeOutput(text: string): { line: number; kind: string } | undefined {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first === -1 || !/^Name:\s+\S/.test(lines[first]!)) return undefined;
  const kindLine = lines.find((l) => /^Kind:\s+\S/.test(l));
  if (kindLine === undefined || !lines.some((l) => /^(?:API Version|Namespace):\s/.test(l))) return undefined;
  return { line: first, kind: kindLine.replace(/^Kind:\s+/, "").trim() };
}
