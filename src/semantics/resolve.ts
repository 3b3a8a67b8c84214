/**
 * Resolution: the loaded program (ASTs in expansion order) → the typed topology model (model.ts) plus
 * the structural diagnostics `duplicate-name`, `unknown-reference`, `unknown-attribute`, `invalid-value`,
 * `missing-attribute` and `unknown-template` (always errors).
 *
 * Order of work: attribute names are checked once per written block; templates are collected; the
 * declaration tree is built (templates merged, replicas spelled out, duplicates dropped); each host is
 * read into drafts with defaults from LANGUAGE.md and the NIC catalogue; then VFs, VMDq pools, cores and
 * MACs are allocated in expansion order and the model is assembled. Everything is keyed by id in maps, so
 * the whole pass is linear in the size of the expanded topology.
 */
import { DEFAULT_HOST_CORES } from "../domain/host-defaults.js";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { isDomainName } from "../domain/domain-name.js";
import { isNodeName } from "../domain/node-name.js";
import { trafficIface } from "../domain/traffic.js";
import type { Attribute, Block, Expr, Member, RefExpr, SourceFile, Template, TopLevel } from "../syntax/ast.js";
import { spanAfter, type Span } from "../syntax/span.js";
import { allocatePins, allocateVfs, allocateVmdqPools, autoMac, type PinRequest, type VfRequest } from "./allocation.js";
import { checkAttributeNames, checkItemAttributeNames, COST_ATTRIBUTES } from "./attributes.js";
import { EntitySpanStore } from "./entity-spans.js";
import { defaultCatalogue, GENERIC_MODEL_ID, type Catalogue } from "./catalogue.js";
import {
  COST_PARAMETER_UNITS,
  MAX_RING_DESCRIPTORS,
  coreNumaNode,
  FEATURES,
  HUGEPAGE_SIZES,
  HYPERVISORS,
  IFACE_DRIVERS,
  VSWITCH_TYPES,
  type ArrivalPattern,
  type Attachment,
  type Container,
  type CostOverride,
  type Dimension,
  type Feature,
  type FrameSize,
  type Host,
  type Hugepages,
  type Iface,
  type IfaceOwner,
  type Lookup,
  type Nic,
  type NicModel,
  type OfferedRate,
  type Pf,
  type Pinning,
  type Resolved,
  type Simulation,
  type Spans,
  type TemplateUse,
  type Topology,
  type Traffic,
  type TrafficSink,
  type TrafficSource,
  type VfSlot,
  type VfUser,
  type Vm,
  type VmdqUser,
  type Vswitch,
} from "./model.js";
import { buildDeclTree, childNamed, childrenOf, declareTemplateBody, DeclTreeBuilder, hostOf, KIND_NOUN, NO_CHILDREN, refText, resolveReference, withArticle, type Decl, type DeclTree, type Root, type SimulationDecl } from "./scopes.js";
import { closestNames, didYouMean, listWords, restoreSuggestionWork, suggestionWorkLeft } from "./suggest.js";
import { isPlacementAllowed } from "./placement.js";
import { hostView, type ResolvedSyntax } from "./host-view.js";
import { profileNames } from "./profile-names.js";
import type { HostResolution, ResolveCache } from "./resolve-cache.js";
import { attributeMap, collectTemplates, type AttributeTable, type TemplateTable } from "./templates.js";
import { bareWord, ValueReader } from "./values.js";
import { defaultIfaceMtu, ETHERNET_MTU, type MtuSources } from "./iface-mtu.js";
import { queueLimitProblem } from "./queue-limit.js";
import { plural } from "../domain/plural.js";

/** Where `itr = adaptive` starts when the model has no driver default: ixgbevf's IXGBE_20K_ITR, 50 us. */
const ADAPTIVE_START_ITR_S = 50e-6;

/** What resolution needs of a loaded program (see loader.ts `Program`). */
export interface ProgramInput {
  /** Expansion order: imported files before importers, depth first, in import order. */
  readonly files: readonly SourceFile[];
  /** Texts by display path: messages quote values as the user wrote them. */
  readonly sources: ReadonlyMap<string, string>;
}

export interface ResolveOptions {
  /** Defaults to the catalogue shipped in data/nics.json. */
  readonly catalogue?: Catalogue;
  /**
   * What earlier runs resolved (an editor session's): hosts whose declarations are unchanged and that
   * looked at nothing outside themselves are taken from it (resolve-cache.ts says what that means).
   */
  readonly cache?: ResolveCache;
}

export function resolveProgram(program: ProgramInput, options: ResolveOptions = {}): Resolved {
  const diagnostics: Diagnostic[] = [];
  const catalogue = options.catalogue ?? defaultCatalogue();
  options.cache?.beginRun(program.sources, catalogue);
  const resolver = new Resolver(program, catalogue, diagnostics, options.cache);
  const model = resolver.run();
  options.cache?.endRun(program.files.map((f) => f.file));
  return { model, diagnostics: dedupe(diagnostics) };
}

/**
 * Resolution of one file as it is parsed, part by part (a one-shot check of a large file without imports,
 * src/semantics/loader.ts): each top-level item is declared as it comes, each host is read and assembled
 * as soon as it is declared, and its syntax is let go then — its declarations keep their names, kinds and
 * children (traffic still resolves references into them), not their blocks' members — so the trees of a
 * file are never all alive at once. The same model and diagnostics as `resolveProgram` on the whole file
 * (test/semantics/streamed-resolve.property.test.ts); where that cannot be told as the items come, `add`
 * or `finish` answers undefined/false and the caller resolves the whole file the usual way:
 *
 * - an `import` (the program would hold other files);
 * - a template after the first block that may name one (a block before it would not have seen it);
 * - a host with a reference whose first name is not visible inside the host: it looks into the top scope,
 *   which holds only the declarations so far (resolve-cache.ts says why nothing else of a host's model
 *   depends on anything outside it);
 * - the run's budget for "did you mean" spent (src/semantics/suggest.ts): which suggestions it left out
 *   would depend on the order of the work.
 *
 * Diagnostics come in another order than `resolveProgram`'s (a host's before later declarations'); every
 * caller sorts them.
 */
export class StreamedResolution {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly resolver: Resolver;
  private readonly templateItems: Template[] = [];
  /** Blocks before the first that may name a template (`simulation`, misplaced ones): declared with it. */
  private readonly beforeDeclarations: Block[] = [];
  private templates: TemplateTable | undefined;
  private builder: DeclTreeBuilder | undefined;
  private readonly hosts: Host[] = [];
  private readonly ifaces: Iface[] = [];
  /** The interfaces of the hosts so far, by id (what `lookup.ifaces` will hold of them). */
  private readonly ifacesById = new Map<string, Iface>();
  /** Each traffic block in order: read (its traffic, undefined when incomplete), or its declaration, to read at the end. */
  private readonly traffic: ({ readonly traffic: Traffic | undefined } | Decl)[] = [];
  /** What a resolved declaration's block becomes: nothing reads it once the declaration is resolved. */
  private readonly resolvedBlock: Block;
  /** What every resolved declaration holds instead of its syntax (`letSyntaxGo`). */
  private readonly resolvedSyntax: ResolvedSyntax;
  private failed = false;

  constructor(
    private readonly file: SourceFile,
    text: string,
    catalogue: Catalogue = defaultCatalogue(),
  ) {
    this.resolver = new Resolver({ files: [], sources: new Map([[file.file, text]]) }, catalogue, this.diagnostics, undefined, true);
    this.resolvedBlock = { kind: "Block", blockKind: "host", keywordSpan: file.span, members: NO_MEMBERS, span: file.span };
    this.resolvedSyntax = { block: this.resolvedBlock, span: this.resolvedBlock.span, attributes: NO_ATTRIBUTES };
  }

  /** The next items of the file, in order; false when the file must be resolved the usual way instead. */
  add(items: readonly TopLevel[]): boolean {
    if (this.failed) return false;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.kind === "Import" || (item.kind === "Template" && this.builder !== undefined)) return this.fail();
      checkItemAttributeNames(item, this.diagnostics);
      if (item.kind === "Template") {
        this.templateItems.push(item);
        continue;
      }
      // A `simulation` block (or a misplaced one) uses no template: declarations start at the first block that may.
      if (this.builder === undefined && (item.blockKind === "simulation" || !isPlacementAllowed(item.blockKind, "top"))) {
        this.beforeDeclarations.push(item);
        continue;
      }
      const builder = this.declarations();
      const top = builder.root.children;
      const before = top.length;
      builder.add(item);
      // The table of the item's attributes, which its replicas share: let go once every one is read.
      let table: AttributeTable | undefined;
      let deferred = false;
      for (let j = before; j < top.length; j++) {
        const decl = top[j]!;
        let host: Host | undefined;
        if (decl.kind === "host") {
          const resolution = this.resolver.hostOnItsOwn(decl);
          if (resolution === undefined) return this.fail();
          host = resolution.host;
          this.hosts.push(host);
          for (let k = 0; k < resolution.ifaces.length; k++) {
            const iface = resolution.ifaces[k]!;
            this.ifaces.push(iface);
            this.ifacesById.set(iface.id, iface);
          }
        } else if (decl.kind === "traffic") {
          const read = this.resolver.trafficOnItsOwn(decl, builder.root, this.ifacesById);
          if (read === undefined) {
            this.traffic.push(decl);
            deferred = true;
            continue;
          }
          this.traffic.push(read);
        } else continue;
        table = decl.attributes;
        this.letSyntaxGo(decl, true);
        if (host !== undefined) this.readThroughModel(decl, host);
      }
      if (!deferred) table?.release();
      if (item.blockKind === "host") emptyNestedBlocks(item);
    }
    return true;
  }

  /** The resolved file, or undefined when it must be resolved the usual way. */
  finish(): Resolved | undefined {
    if (this.failed || suggestionWorkLeft() <= 0) return undefined;
    const builder = this.declarations();
    const root = builder.root;
    // The interfaces by id are the lookup's: the same entries (a host's own and its guests', ids unique).
    const model = this.resolver.complete(builder.tree(), this.templates!, this.hosts, this.ifaces, [this.file.file], this.ifacesById, (ifaces) => {
      const traffic: Traffic[] = [];
      for (const entry of this.traffic) {
        const t = "kind" in entry ? this.resolver.trafficOf(entry, root, ifaces) : entry.traffic;
        if (t !== undefined) traffic.push(t);
      }
      return traffic;
    });
    if (suggestionWorkLeft() <= 0) return undefined;
    return { model, diagnostics: dedupe(this.diagnostics) };
  }

  private fail(): false {
    this.failed = true;
    return false;
  }

  /** The declaration tree, started at the first block, once every template is known. */
  private declarations(): DeclTreeBuilder {
    if (this.builder === undefined) {
      this.templates = collectTemplates([{ ...this.file, items: this.templateItems }], this.diagnostics);
      this.builder = new DeclTreeBuilder(this.templates, this.diagnostics);
      for (const block of this.beforeDeclarations) this.builder.add(block);
    }
    return this.builder;
  }

  /**
   * A resolved host's children found through its model from now on (host-view.ts), when the model holds
   * one entity per declaration inside the host: the declarations inside it are let go.
   */
  private readThroughModel(decl: Decl, host: Host): void {
    const view = hostView(decl, host, this.resolvedSyntax);
    if (view === undefined) return;
    const d = decl as Mutable<Decl>;
    d.index = view;
    emptyChildLists(decl);
    d.children = NO_CHILDREN;
  }

  /**
   * A resolved declaration and those inside it without their syntax: each keeps its name, id, kind and
   * children (what resolving a reference into it reads), a top-level one its name's span (a later
   * duplicate's message points at it); not its block (all share an empty one), its attributes nor its
   * other spans, which are the parser's objects: held by a declaration, each of them lived as long as
   * the declaration tree, and was copied by two scavenges (docs/PERFORMANCE.md "What a one-shot check
   * keeps alive").
   */
  private letSyntaxGo(decl: Decl, top: boolean): void {
    const d = decl as Mutable<Decl>;
    // (A nested block's table is shared by its replicas only, all read with their host; a top-level one's
    // is let go by `add` once all of the item's are.)
    if (!top) decl.attributes.release();
    d.block = this.resolvedBlock;
    d.attributes = NO_ATTRIBUTES;
    d.span = this.resolvedBlock.span;
    if (!top) d.nameSpan = this.resolvedBlock.span;
    // A host's children by name (~75 in the bench's topology: a Map of ~5 KB, made while it was declared)
    // served its declaration and resolution; a later traffic reference into it searches its children.
    d.index = undefined;
    for (let i = 0; i < decl.children.length; i++) this.letSyntaxGo(decl.children[i]!, false);
  }
}

/**
 * The blocks inside a resolved host's block (its own syntax, never a template's: templates are items of
 * their own) with their member lists emptied, innermost first, once every declaration the host's block
 * made (all its replicas) is read: whatever may still point at one of them then holds it alone. Without
 * this, in one fresh 1M-line check in two, the resolved interfaces' and VMs' syntax (their attributes,
 * values and spans, dead) lived on through the scavenges until the next mark-compact and was copied twice,
 * more than half of the check's garbage collection (docs/PERFORMANCE.md "What a one-shot check keeps
 * alive (session 8)").
 */
function emptyNestedBlocks(block: Block): void {
  const members = block.members as Member[];
  for (let i = 0; i < members.length; i++) {
    const member = members[i]!;
    if (member.kind !== "Block") continue;
    emptyNestedBlocks(member);
    (member.members as Member[]).length = 0;
  }
}

/**
 * The lists of children below a declaration (its own included) emptied, innermost first, once they are let
 * go: a list may have been made in the old generation, and until the next mark-compact a scavenge takes
 * each of its slots as a root, which kept the young declarations it held (and theirs) alive and copied.
 */
function emptyChildLists(decl: Decl): void {
  const children = decl.children;
  if (children.length === 0) return;
  for (let i = 0; i < children.length; i++) emptyChildLists(children[i]!);
  children.length = 0;
}

const NO_MEMBERS: readonly Member[] = Object.freeze([]);
const NO_ATTRIBUTES = attributeMap(NO_MEMBERS);

/**
 * A replicated block or a template is read once per use, so the same mistake would be reported once per
 * replica: keep one diagnostic per (rule, span, message).
 */
function dedupe(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of list) {
    const key = `${d.rule}\u0000${d.span.file}\u0000${d.span.start}\u0000${d.span.end}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/**
 * What a template no block uses gets wrong wherever it would be used: its values read as a block's would be
 * (`readUnusedTemplate`), in a resolver of their own. Only the findings about the values themselves are
 * kept; a reference that finds nothing, or an `attach` left out, depends on where the template is used.
 */
function unusedTemplateFindings(program: ProgramInput, catalogue: Catalogue, template: Template, templates: TemplateTable): Diagnostic[] {
  const found: Diagnostic[] = [];
  new Resolver(program, catalogue, found, undefined).readUnusedTemplate(template, { byName: templates.byName, users: new Map() });
  return found.filter((d) => VALUE_RULES.has(d.rule));
}

/** The rules a template's values are wrong by on their own. */
const VALUE_RULES: ReadonlySet<string> = new Set(["invalid-value", "duplicate-list-item", "unknown-template"]);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

type AttachTarget =
  | { readonly kind: "vf" | "vdpa"; readonly pf: string; readonly index: number | undefined }
  | { readonly kind: "vmdq"; readonly pf: string }
  | { readonly kind: "vswitch"; readonly vswitch: string }
  | { readonly kind: "pf"; readonly pf: string };

/**
 * An interface that passed its checks, with its record: assemble fills in the record's `attachment`
 * (allocated), `description` (read there, so its findings keep their place after the host's other
 * findings) and `mtu` (the default is the attachment's). One record rather than the read values and a
 * copy of them.
 */
interface IfaceDraft {
  readonly decl: Decl;
  /** The draft of the VM or container it is in; undefined for the host's own. */
  readonly guest: VmDraft | ContainerDraft | undefined;
  readonly target: AttachTarget;
  /** `mtu` as written, if it is. */
  readonly mtu: number | undefined;
  readonly iface: Mutable<Iface>;
}

interface VmDraft {
  readonly decl: Decl;
  readonly host: string;
  readonly vcpus: number;
  readonly pin: readonly number[] | undefined;
  readonly numa: number | undefined;
  readonly memoryBytes: number;
  readonly liveMigration: boolean;
  readonly hugepages: Hugepages | null;
  readonly domain: string | null;
  /** Its interfaces, filled by assemble (undefined until the first). */
  ifaces: Iface[] | undefined;
  /** Its cores, once allocated (assemble). */
  pinning: Pinning | undefined;
}

interface ContainerDraft {
  readonly decl: Decl;
  readonly host: string;
  readonly pin: readonly number[] | undefined;
  readonly numa: number | undefined;
  readonly hugepages: Hugepages | null;
  ifaces: Iface[] | undefined;
  /** Its cores, once allocated (assemble). */
  pinning: Pinning | undefined;
}

interface HostDraft {
  readonly decl: Decl;
  readonly fields: Omit<Host, "nics" | "vswitches" | "vms" | "containers" | "bareIfaces">;
  readonly nics: Nic[];
  readonly vswitches: Vswitch[];
  readonly vms: VmDraft[];
  readonly containers: ContainerDraft[];
  readonly bareIfaces: Iface[];
}

const ATTACH_MODES = ["vf", "vdpa", "vmdq", "vswitch", "pf"] as const;
/** The dimensions the readers ask `quantity` for. */
const FREQUENCY: readonly Dimension[] = ["frequency"];
const RATIO: readonly Dimension[] = ["ratio"];
const BIT_RATE: readonly Dimension[] = ["bit rate"];
const RATE: readonly Dimension[] = ["packet rate", "bit rate"];
const SIZE: readonly Dimension[] = ["size"];
const DURATION: readonly Dimension[] = ["duration"];
/** An interface record's attachment until assemble allocates it. */
const PENDING_ATTACHMENT: Attachment = Object.freeze({ kind: "pf", pf: "" });
/** The owner of a host's own interfaces (read-only, so one serves all). */
const HOST_OWNER: IfaceOwner = Object.freeze({ kind: "host" });
/** A list of feature names (`features`, `requires`) and the span of each. */
interface FeatureList {
  readonly features: readonly Feature[];
  readonly spans: readonly Span[];
}
/** The list of a block that leaves it out: read-only, so one serves all (most interfaces have no `requires`). */
const NO_FEATURES: FeatureList = Object.freeze({ features: Object.freeze([]), spans: Object.freeze([]) });
/** `spans.items` of a declaration without list attributes (read-only, so one object serves all). */
const NO_ITEMS: Partial<Record<string, readonly Span[]>> = Object.freeze({});
/** `spans.items` of an interface without `requires` (or with an empty one): likewise shared. */
const NO_REQUIRES: Partial<Record<string, readonly Span[]>> = Object.freeze({ requires: NO_FEATURES.spans });
/**
 * The traffic fields that carry no value of their own, one object each for every traffic block (the
 * model is read-only): most traffic comes from the wire in 64-byte frames at a constant rate.
 */
const FROM_WIRE: TrafficSource = Object.freeze({ kind: "wire" });
const TO_WIRE: TrafficSink = Object.freeze({ kind: "wire" });
const DEFAULT_FRAME: FrameSize = Object.freeze({ kind: "fixed", bytes: 64 });
const IMIX: FrameSize = Object.freeze({ kind: "imix" });
const CONSTANT: ArrivalPattern = Object.freeze({ kind: "constant" });
const POISSON: ArrivalPattern = Object.freeze({ kind: "poisson" });
/** What allocation answers for a host without such interfaces. */
const NO_VF_SLOTS: readonly VfSlot[] = Object.freeze([]);
const NO_POOLS: readonly (number | null)[] = Object.freeze([]);
/** The largest traffic frame size: the IR's limit (schema/ir.schema.json), above any jumbo frame. */
const MAX_FRAME_BYTES = 65535;
const ATTACH_HELP = "write `vf(<pf>)`, `vf(<pf>, <index>)`, `vdpa(<pf>)`, `vmdq(<pf>)`, `vswitch(<vswitch>)` or `pf(<pf>)`";

/** The names other systems know blocks by (`outsideName`): which block has one, and what the system accepts. */
const OUTSIDE_NAMES = {
  node: {
    block: "host",
    valid: isNodeName,
    invalid: (value: string) => `\`${value}\` is not a name a Kubernetes node can have`,
    help: "a node name is lowercase letters, digits, `-` and `.`, each dot-separated part starting and ending with a letter or digit, at most 253 characters",
  },
  domain: {
    block: "vm",
    valid: isDomainName,
    // Quoted as JSON: the mistakes are an empty name and a line break, which backticks would not show.
    invalid: (value: string) => `${JSON.stringify(value)} is not a name a libvirt domain can have`,
    help: "a domain name is not empty and holds no `/` and no line break",
  },
} as const;

/** Where a list of cores names `core`: the item that does (`12` of `[7, 12]`), else the whole value (a range). */
function coreSpan(value: Expr, core: number): Span {
  if (value.kind !== "List") return value.span;
  const item = value.items.find((i) => (i.kind === "Number" && i.value === core) || (i.kind === "Range" && i.from.value <= core && core <= i.to.value));
  return item?.span ?? value.span;
}

class Resolver {
  private readonly reader: ValueReader;
  /** Where the entities' spans are kept, as offsets (entity-spans.ts). */
  private readonly spanStore = new EntitySpanStore();
  private readonly pfs = new Map<string, Mutable<Pf> & { vfUsers: VfUser[]; vmdqUsers: VmdqUser[] }>();
  private readonly vswitches = new Map<string, Vswitch>();
  /** PF id → the name of the vSwitch it is an uplink of: a port can be in one switch only. */
  private readonly uplinkOwners = new Map<string, string>();
  /** PF id → its NIC's catalogue model (the queue limits of `vf`/`vdpa`/`vmdq` interfaces). */
  private readonly pfModels = new Map<string, NicModel>();
  /** Where the default interface MTU reads PFs' MTUs and vSwitches' uplinks (made on first use). */
  private mtuSources: MtuSources | undefined;
  /** The interfaces of the host being read, in expansion order. */
  private ifaceDrafts: IfaceDraft[] = [];
  /** Whether a reference of the host being read looked for its first name outside the host. */
  private lookedOutside = false;

  constructor(
    private readonly program: ProgramInput,
    private readonly catalogue: Catalogue,
    private readonly diagnostics: Diagnostic[],
    private readonly cache: ResolveCache | undefined,
    /** Whether to note that a reference looked outside its host: for the cache, and a `StreamedResolution`. */
    private readonly watchOutside: boolean = cache !== undefined,
  ) {
    this.reader = new ValueReader(program.sources, diagnostics);
  }

  run(): Topology {
    const files = this.program.files;
    const cache = this.cache;
    if (cache === undefined) checkAttributeNames(files, this.diagnostics);
    else {
      // Per file, so an unchanged file's findings are kept: the check reads nothing but the file.
      for (const file of files) {
        for (const d of cache.attributeNames(file, () => {
          const found: Diagnostic[] = [];
          checkAttributeNames([file], found);
          return found;
        }))
          this.diagnostics.push(d);
      }
    }
    const templates = collectTemplates(files, this.diagnostics);
    const tree = buildDeclTree(files, templates, this.diagnostics);

    // Each host is read and assembled on its own: nothing in one host's model depends on another's
    // (resolve-cache.ts), so an unchanged host can be taken from an earlier run.
    // (Indexed loops here and below, in what runs per declaration: `for...of` allocated an iterator and
    // a result per step until the function was optimized, several MiB per 100k lines.)
    const hosts: Host[] = [];
    const ifaces: Iface[] = [];
    const top = tree.root.children;
    for (let i = 0; i < top.length; i++) {
      const decl = top[i]!;
      if (decl.kind !== "host") continue;
      const resolution = this.host(decl);
      hosts.push(resolution.host);
      for (let j = 0; j < resolution.ifaces.length; j++) ifaces.push(resolution.ifaces[j]!);
    }
    return this.complete(tree, templates, hosts, ifaces, files.map((f) => f.file));
  }

  /**
   * One host read and assembled as soon as it is declared (`StreamedResolution`), or undefined when one of
   * its references looked for its first name outside the host: the top scope is not complete yet then.
   */
  hostOnItsOwn(decl: Decl): HostResolution | undefined {
    const resolution = this.host(decl);
    return this.lookedOutside ? undefined : resolution;
  }

  /**
   * A traffic block read as soon as it is declared (`StreamedResolution`), against the interfaces of the
   * hosts so far; undefined (and nothing reported) when one of its references found nothing: what to
   * suggest then depends on the whole top scope, so it is read again at the end (`complete`).
   */
  trafficOnItsOwn(decl: Decl, root: Root, ifaces: ReadonlyMap<string, Iface>): { readonly traffic: Traffic | undefined } | undefined {
    const before = this.diagnostics.length;
    const work = suggestionWorkLeft();
    const traffic = this.readTraffic(decl, root, ifaces);
    for (let i = before; i < this.diagnostics.length; i++) {
      if (this.diagnostics[i]!.rule === "unknown-reference") {
        // Undone: its messages, and the suggestion work they cost (what later stages have left is as without it).
        this.diagnostics.length = before;
        restoreSuggestionWork(work);
        return undefined;
      }
    }
    return { traffic };
  }

  /**
   * The model around its hosts (resolved in declaration order): traffic, simulation, templates, lookups.
   * `readAllTraffic` reads the traffic blocks (`StreamedResolution` read most of them already); by default
   * every one of the tree's, in order.
   */
  complete(
    tree: DeclTree,
    templates: TemplateTable,
    hosts: Host[],
    ifaces: Iface[],
    files: string[],
    /** The interfaces of `hosts` by id, when the caller has them already (else made here). */
    ifacesById: Map<string, Iface> | undefined = undefined,
    readAllTraffic: (ifaces: ReadonlyMap<string, Iface>) => Traffic[] = (byId) => this.allTraffic(tree.root, byId),
  ): Topology {
    const lookup = buildLookup(hosts, ifacesById);
    const traffic = readAllTraffic(lookup.ifaces);
    for (const t of traffic) (lookup.traffic as Map<string, Traffic>).set(t.id, t);

    for (const template of templates.byName.values()) {
      if (templates.users.get(template)?.length === 0) for (const d of unusedTemplateFindings(this.program, this.catalogue, template, templates)) this.diagnostics.push(d);
    }
    const templateUses: TemplateUse[] = [...templates.byName.values()].map((t) => ({
      name: t.name.name,
      kind: t.blockKind,
      description: this.descriptionOf(t.members.find((m): m is Attribute => m.kind === "Attribute" && m.name.name === "description")),
      span: t.name.span,
      usedBy: templates.users.get(t) ?? [],
    }));

    const nics = hosts.flatMap((h) => h.nics);
    const vms = hosts.flatMap((h) => h.vms);
    const containers = hosts.flatMap((h) => h.containers);
    return {
      hosts,
      traffic,
      simulation: tree.simulation === undefined ? null : this.readSimulation(tree.simulation),
      templates: templateUses,
      files,
      nics,
      pfs: nics.flatMap((n) => n.pfs),
      vswitches: hosts.flatMap((h) => h.vswitches),
      vms,
      containers,
      ifaces,
      lookup,
    };
  }

  /** One traffic block read (undefined when incomplete). */
  trafficOf(decl: Decl, root: Root, ifaces: ReadonlyMap<string, Iface>): Traffic | undefined {
    return this.readTraffic(decl, root, ifaces);
  }

  /** Every traffic block of the program read, in order (those that are complete). */
  private allTraffic(root: Root, ifaces: ReadonlyMap<string, Iface>): Traffic[] {
    const top = root.children;
    const traffic: Traffic[] = [];
    for (let i = 0; i < top.length; i++) {
      const decl = top[i]!;
      if (decl.kind !== "traffic") continue;
      const t = this.readTraffic(decl, root, ifaces);
      if (t !== undefined) traffic.push(t);
    }
    return traffic;
  }

  /** One host's model, from the cache when its declarations are unchanged, else read and assembled. */
  private host(decl: Decl): HostResolution {
    const kept = this.cache?.host(decl);
    if (kept !== undefined) {
      // What the rest of the run reads of the host: its PFs (MTUs) and vSwitches (transmit's uplink).
      for (const nic of kept.host.nics) for (const pf of nic.pfs) this.pfs.set(pf.id, pf as Mutable<Pf> & { vfUsers: VfUser[]; vmdqUsers: VmdqUser[] });
      for (const vswitch of kept.host.vswitches) this.vswitches.set(vswitch.id, vswitch);
      for (const d of kept.diagnostics) this.diagnostics.push(d);
      return kept;
    }
    const firstDiagnostic = this.diagnostics.length;
    this.ifaceDrafts = [];
    this.lookedOutside = false;
    const draft = this.readHost(decl);
    const { host, ifaces } = this.assemble(draft, this.ifaceDrafts);
    const resolution: HostResolution = { host, ifaces, diagnostics: this.diagnostics.slice(firstDiagnostic) };
    this.cache?.keep(decl, resolution, this.lookedOutside);
    return resolution;
  }

  // -------------------------------------------------------------------------------------------------------
  // Small helpers

  private value<T>(decl: Decl, name: string, read: (expr: Expr) => T | undefined): T | undefined {
    const attribute = decl.attributes.get(name);
    return attribute === undefined ? undefined : read(attribute.value);
  }

  // Readers of one attribute by name. `value` with an arrow function allocated the function on every call
  // until its caller was optimized (~600 B per interface, which reads nine attributes): these run for
  // every declaration, so they take the reader's arguments instead.
  private integerAttr(decl: Decl, name: string, min: number, max?: number): number | undefined {
    const attribute = decl.attributes.get(name);
    return attribute === undefined ? undefined : this.reader.integer(name, attribute.value, min, max);
  }

  private integerOrNoneAttr(decl: Decl, name: string, min: number, max: number): number | null | undefined {
    const attribute = decl.attributes.get(name);
    return attribute === undefined ? undefined : this.reader.integerOrNone(name, attribute.value, min, max);
  }

  private booleanAttr(decl: Decl, name: string): boolean | undefined {
    const attribute = decl.attributes.get(name);
    return attribute === undefined ? undefined : this.reader.boolean(name, attribute.value);
  }

  private wordAttr<T extends string>(decl: Decl, name: string, allowed: readonly T[]): T | undefined {
    const attribute = decl.attributes.get(name);
    return attribute === undefined ? undefined : this.reader.word(name, attribute.value, allowed);
  }

  private pciAttr(decl: Decl, name: string): string | undefined {
    const attribute = decl.attributes.get(name);
    return attribute === undefined ? undefined : this.reader.pci(name, attribute.value);
  }

  /**
   * The name another system knows a block by where its `.sriov` name cannot be it (a host's `node`, a VM's
   * `domain`: OUTSIDE_NAMES). Its one use is to be that name there, so it must be one the system accepts;
   * and it is one block's, so a replicated block (`worker[1..4]`) cannot name one for all its copies.
   */
  private outsideName(decl: Decl, attributeName: keyof typeof OUTSIDE_NAMES): string | null {
    const attribute = decl.attributes.get(attributeName);
    if (attribute === undefined) return null;
    const value = this.reader.string(attributeName, attribute.value);
    if (value === undefined) return null;
    const outside = OUTSIDE_NAMES[attributeName];
    if (decl.block.name?.range !== undefined)
      return (
        this.invalid(
          attribute.value.span,
          `every copy of ${outside.block} \`${this.reader.text(decl.block.name.span)}\` would be ${attributeName} \`${value}\``,
          `write a ${outside.block} block for each ${attributeName}, each with its own \`${attributeName}\``,
        ) ?? null
      );
    if (!outside.valid(value)) return this.invalid(attribute.value.span, outside.invalid(value), outside.help) ?? null;
    return value;
  }

  private descriptionOf(attribute: Attribute | undefined): string | null {
    if (attribute === undefined) return null;
    return this.reader.string("description", attribute.value) ?? null;
  }

  // Entities list their common fields (id, name, description, template, spans) one by one rather than
  // spreading a helper's object into the literal: built by spreading, an object grows its property store
  // a few fields at a time, which allocated several times the model's own size.
  // Called for every declaration: one shared empty `items` for the declarations without list attributes.
  private spans(decl: Decl, items: Partial<Record<string, readonly Span[]>> = NO_ITEMS): Spans {
    return this.spanStore.spans(decl.nameSpan, decl.span, decl.attributes, items);
  }

  /**
   * A VM's or a container's record. What the two share (the entity's fields, its cores, its NUMA node, its
   * interfaces) is derived here once for both; each literal still lists its fields (see `spans`).
   */
  private guestRecord(draft: VmDraft, host: HostDraft["fields"]): Vm;
  private guestRecord(draft: ContainerDraft, host: HostDraft["fields"]): Container;
  private guestRecord(draft: VmDraft | ContainerDraft, host: HostDraft["fields"]): Vm | Container {
    const { decl } = draft;
    const id = decl.id;
    const name = decl.name;
    const description = this.descriptionOf(decl.attributes.get("description"));
    const template = decl.template?.name.name ?? null;
    const spans = this.spans(decl);
    const pin = draft.pinning!;
    const numa = draft.numa ?? coreNumaNode(host, pin.cores[0] ?? 0);
    // Exact-size lists: the model keeps them.
    const ifaces = draft.ifaces === undefined ? [] : draft.ifaces.length === 1 ? draft.ifaces : draft.ifaces.slice();
    const hugepages = draft.hugepages;
    if (!("vcpus" in draft)) return { kind: "container", id, name, description, template, spans, host: draft.host, pin, numa, hugepages, ifaces };
    const { vcpus, memoryBytes, liveMigration, domain } = draft;
    return { kind: "vm", id, name, description, template, spans, host: draft.host, vcpus, pin, numa, memoryBytes, liveMigration, hugepages, domain, ifaces };
  }

  private invalid(span: Span, message: string, help?: string): undefined {
    return this.reader.invalid(span, message, help);
  }

  private positive(attr: string, expr: Expr, value: number | undefined): number | undefined {
    if (value === undefined) return undefined;
    if (value > 0) return value;
    return this.invalid(expr.span, `\`${attr}\` must be above zero, found \`${this.reader.text(expr.span)}\``);
  }

  // (The dimensions are module constants, and `positive` a flag: literals in the call allocated an array
  // and an object per declaration, attribute written or not.)
  private quantity(decl: Decl, attr: string, dimensions: readonly Dimension[], positive = false): number | undefined {
    const attribute = decl.attributes.get(attr);
    if (attribute === undefined) return undefined;
    const q = this.reader.quantityValue(attr, attribute.value, dimensions);
    return positive ? this.positive(attr, attribute.value, q) : q;
  }

  /**
   * `hugepages` (the page size: 2 MiB or 1 GiB) and the memory they hold, a whole number of pages: a VM's
   * `memory` (`vmMemory`: libvirt backs all of it, and refuses a size that is no whole number of pages), a
   * container's `hugepages_memory`, one page when left out (the least a pod can request). Any other page
   * size, a total that is no whole number of pages, or `hugepages_memory` without `hugepages` is invalid.
   */
  private hugepages(decl: Decl, vmMemory: number | undefined): Hugepages | null {
    const pageAttr = decl.attributes.get("hugepages");
    const totalAttr = decl.attributes.get("hugepages_memory");
    const pageBytes = this.quantity(decl, "hugepages", SIZE, true);
    const writtenTotal = this.quantity(decl, "hugepages_memory", SIZE, true);
    if (pageAttr === undefined) {
      if (totalAttr !== undefined && writtenTotal !== undefined) this.invalid(totalAttr.value.span, "`hugepages_memory` is set, but not `hugepages`: the page size", "add `hugepages = 2MiB` or `hugepages = 1GiB` beside it");
      return null;
    }
    if (pageBytes === undefined) return null;
    if (!HUGEPAGE_SIZES.includes(pageBytes)) {
      this.invalid(pageAttr.value.span, `\`hugepages\` is the page size, 2 MiB or 1 GiB (x86-64's hugepage sizes), found \`${this.reader.text(pageAttr.value.span)}\``, pageBytes > 1024 ** 3 ? "for that much hugepage memory on a container, write `hugepages = 1GiB` and `hugepages_memory` for the amount" : "write `hugepages = 2MiB` or `hugepages = 1GiB`");
      return null;
    }
    const page = pageBytes === 1024 ** 3 ? "1GiB" : "2MiB";
    if (vmMemory !== undefined) {
      if (vmMemory % pageBytes !== 0) {
        const memoryAttr = decl.attributes.get("memory");
        this.invalid((memoryAttr ?? pageAttr).value.span, `\`memory\` is backed by ${page} hugepages, so it must be a whole number of them: ${vmMemory} bytes is ${(vmMemory / pageBytes).toFixed(2)} pages`, `round \`memory\` to a multiple of ${page}, or use \`hugepages = 2MiB\``);
        return null;
      }
      return { pageBytes, totalBytes: vmMemory };
    }
    if (totalAttr === undefined) return { pageBytes, totalBytes: pageBytes };
    if (writtenTotal === undefined) return null;
    if (writtenTotal % pageBytes !== 0) {
      this.invalid(totalAttr.value.span, `\`hugepages_memory\` must be a whole number of ${page} pages: ${writtenTotal} bytes is ${(writtenTotal / pageBytes).toFixed(2)} pages`, `round it to a multiple of ${page}`);
      return null;
    }
    return { pageBytes, totalBytes: writtenTotal };
  }

  /** Cores that exist on the host: `0..cores-1`. */
  private coreSet(decl: Decl, attr: string, cores: number, hostName: string): readonly number[] | undefined {
    const attribute = decl.attributes.get(attr);
    if (attribute === undefined) return undefined;
    const set = this.reader.cores(attr, attribute.value);
    if (set === undefined) return undefined;
    let missing: number | undefined;
    for (let i = 0; i < set.length && missing === undefined; i++) if (set[i]! >= cores) missing = set[i];
    if (missing !== undefined) {
      return this.invalid(coreSpan(attribute.value, missing), `core ${missing} does not exist: host \`${hostName}\` has ${plural(cores, "core")} (0–${cores - 1})`);
    }
    return set;
  }

  /**
   * Any node ≥ 0. Not checked against `numa_nodes`: samples/mistakes.sriov places a NIC on node 1 of a
   * one-node host to show `numa-mismatch`, so a node the host does not have is the rules' business.
   */
  private numaNode(decl: Decl): number | undefined {
    return this.integerAttr(decl, "numa", 0);
  }

  private features(decl: Decl, attr: string): FeatureList {
    const attribute = decl.attributes.get(attr);
    if (attribute === undefined) return NO_FEATURES;
    const features: Feature[] = [];
    const spans: Span[] = [];
    const list = attribute.value;
    if (list.kind !== "List") {
      const word = bareWord(list);
      this.reader.wrongType(attr, "a list of feature names", list, word === undefined ? undefined : `write it as a list: \`[${word.name}]\``);
      return { features, spans };
    }
    for (const [at, item] of list.items.entries()) {
      const feature = this.reader.word(attr, item, FEATURES);
      if (feature === undefined) continue;
      if (features.includes(feature)) {
        this.duplicateItem(attr, feature, list.items, at, spans[features.indexOf(feature)]!);
        continue;
      }
      features.push(feature);
      spans.push(item.span);
    }
    // Exact-size copies: the model keeps these, and a list's first push leaves room for 17.
    return { features: features.slice(), spans: spans.slice() };
  }

  /**
   * `duplicate-list-item`: `items[at]` repeats an earlier item of the list (first written at `first`), and is
   * ignored. Its safe fix removes it with the comma before it (a repeat is never the list's first item).
   */
  private duplicateItem(attr: string, shown: string, items: readonly { readonly span: Span }[], at: number, first: Span): void {
    const span = items[at]!.span;
    this.diagnostics.push(
      diagnostic("duplicate-list-item", "warning", span, `\`${shown}\` is already in \`${attr}\`: the second is ignored`, {
        related: [{ span: first, message: "first listed here" }],
        help: "remove it, or write the item that was meant",
        fixes: [{ description: `remove the second \`${shown}\``, safe: true, edits: [{ range: spanAfter(items[at - 1]!.span, span), text: "" }] }],
      }),
    );
  }

  /**
   * Resolves a reference that must name a block of `kind` on the same host as `from`. `useForm` and
   * `useName` say what wants it, in a message: `` `vf(...)` `` (USE_CALL), `` vswitch `br0` ``
   * (USE_VSWITCH) or `` `to` `` (USE_ATTRIBUTE) for `useName` `vf`, `br0` or `to`; the phrase is made
   * only for a message.
   */
  private reference(ref: RefExpr, from: Decl, kind: "pf" | "vswitch" | "iface", useForm: UseForm, useName: string): Decl | undefined {
    // Only the cache and a streamed resolution read `lookedOutside`: else the scopes are not walked a second time for it.
    if (this.watchOutside && !this.lookedOutside && !visibleInHost(ref.segments[0]!.name, from)) this.lookedOutside = true;
    const target = resolveReference(ref, from, this.diagnostics);
    if (target === undefined) return undefined;
    if (target.kind !== kind) {
      const use = usePhrase(useForm, useName);
      const written = refText(ref);
      // What the target holds of the kind wanted: a NIC's PFs, a VM's or host's interfaces.
      const inside = childrenOf(target).filter((c) => c.kind === kind).map((c) => `${written}.${c.name}`);
      const noun = { pf: "PFs", vswitch: "vSwitches", iface: "interfaces" }[kind];
      const help =
        inside.length > 0
          ? `name one of its ${noun}: ${listWords(inside.slice(0, 3))}`
          : target.kind === "vswitch" && kind === "pf"
            ? `to use the vSwitch, write \`vswitch(${written})\``
            : undefined;
      return this.invalid(ref.span, `\`${written}\` is ${withArticle(target.kind)}, but ${use} needs ${withArticle(kind)}`, help);
    }
    if (kind !== "iface") {
      const ownHost = hostOf(from);
      const targetHost = hostOf(target);
      if (ownHost !== undefined && targetHost !== undefined && ownHost !== targetHost) {
        const what = kind === "pf" ? "PF" : "vSwitch";
        const subject = from.kind === "iface" ? "this interface" : `${KIND_NOUN[from.kind]} \`${from.name}\``;
        return this.invalid(ref.span, `\`${refText(ref)}\` is a ${what} of host \`${targetHost.name}\`, but ${subject} is on host \`${ownHost.name}\``, `a ${what} serves only its own host`);
      }
    }
    return target;
  }

  // -------------------------------------------------------------------------------------------------------
  // Hosts and what they contain

  private readHost(decl: Decl): HostDraft {
    const draft = this.hostDraft(decl);
    this.readHostChildren(draft);
    return draft;
  }

  /** A host's own attributes, before its children are read. */
  private hostDraft(decl: Decl): HostDraft {
    const cores = this.integerAttr(decl, "cores", 1, 1 << 20) ?? DEFAULT_HOST_CORES;
    let numaNodes = this.integerAttr(decl, "numa_nodes", 1) ?? 1;
    if (numaNodes > cores) {
      const attribute = decl.attributes.get("numa_nodes")!;
      this.invalid(attribute.value.span, `host \`${decl.name}\` has ${cores} cores, so it cannot have ${numaNodes} NUMA nodes`, "each NUMA node needs at least one core");
      numaNodes = 1;
    }
    const hypervisor = this.wordAttr(decl, "hypervisor", HYPERVISORS) ?? "kvm";
    const fields: HostDraft["fields"] = {
      kind: "host",
      id: decl.id,
      name: decl.name,
      description: this.descriptionOf(decl.attributes.get("description")),
      template: decl.template?.name.name ?? null,
      spans: this.spans(decl),
      cores,
      freqHz: this.quantity(decl, "freq", FREQUENCY, true) ?? 2.5e9,
      numaNodes,
      hypervisor,
      hypervisorCores: this.coreSet(decl, "hypervisor_cores", cores, decl.name) ?? [0],
      iommu: this.booleanAttr(decl, "iommu") ?? true,
      postedInterrupts: this.booleanAttr(decl, "posted_interrupts") ?? true,
      overcommit: this.quantity(decl, "overcommit", RATIO, true) ?? 1,
      node: this.outsideName(decl, "node"),
    };
    return { decl, fields, nics: [], vswitches: [], vms: [], containers: [], bareIfaces: [] };
  }

  private readHostChildren(draft: HostDraft): void {
    const { decl, fields } = draft;
    // PFs first: vSwitch uplinks and interface MTUs refer to them.
    const children = decl.children;
    for (let i = 0; i < children.length; i++) if (children[i]!.kind === "nic") draft.nics.push(this.readNic(children[i]!, fields));
    for (let i = 0; i < children.length; i++) if (children[i]!.kind === "vswitch") draft.vswitches.push(this.readVswitch(children[i]!));
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.kind === "vm") draft.vms.push(this.readVm(child, fields));
      else if (child.kind === "container") draft.containers.push(this.readContainer(child, fields));
      else if (child.kind === "iface") this.readIface(child, decl.id, HOST_OWNER, undefined);
    }
  }

  /**
   * A template no block uses, read as a block of its kind would be, in a sandbox of its own: a host with
   * every core (no `pin` is out of range there) and nothing else, so that a reference out of the template
   * finds nothing. What this reports at the template's values is what would be reported wherever it is used.
   */
  readUnusedTemplate(template: Template, templates: TemplateTable): void {
    const root = declareTemplateBody(template, templates, this.diagnostics);
    const top = root.children[0];
    if (top === undefined) return;
    if (template.blockKind === "traffic") {
      this.readTraffic(top, root, new Map());
      return;
    }
    if (template.blockKind === "host") {
      this.readHost(top);
      return;
    }
    // The wrapping host has no attributes of its own: its defaults, but every core.
    const host = this.hostDraft(top);
    this.readHostChildren({ ...host, fields: { ...host.fields, cores: Number.MAX_SAFE_INTEGER } });
  }

  private readNic(decl: Decl, host: HostDraft["fields"]): Nic {
    const generic = this.catalogue.models.get(GENERIC_MODEL_ID)!;
    const model =
      this.value(decl, "model", (e) => {
        const id = this.reader.string("model", e);
        if (id === undefined) return undefined;
        const found = this.catalogue.models.get(id);
        if (found !== undefined) return found;
        return this.invalid(e.span, `unknown NIC model \`"${id}"\``, didYouMean(closestNames(id, this.catalogue.models.keys()).map((m) => `"${m}"`)) ?? `known models: ${listWords([...this.catalogue.models.keys()])}`);
      }) ?? generic;
    const pfs: Pf[] = [];
    for (let i = 0; i < decl.children.length; i++) {
      const child = decl.children[i]!;
      if (child.kind !== "pf") continue;
      const pf: Mutable<Pf> & { vfUsers: VfUser[]; vmdqUsers: VmdqUser[] } = {
        kind: "pf",
        id: child.id,
        name: child.name,
        description: this.descriptionOf(child.attributes.get("description")),
        template: child.template?.name.name ?? null,
        spans: this.spans(child),
        host: host.id,
        nic: decl.id,
        pci: this.pciAttr(child, "pci") ?? null,
        speedBps: this.quantity(child, "speed", BIT_RATE, true) ?? model.defaultSpeedBps,
        maxVfs: this.integerAttr(child, "max_vfs", 0) ?? model.maxVfsPerPf,
        vfs: this.integerAttr(child, "vfs", 0) ?? 0,
        vmdqPools: this.integerAttr(child, "vmdq_pools", 0) ?? model.vmdqPoolsPerPf,
        msix: this.integerAttr(child, "msix", 1) ?? model.msixPerPf,
        queues: model.queuesPerPf,
        ...this.readItr(child, model.defaultItrS),
        ring: this.integerAttr(child, "ring", 1, MAX_RING_DESCRIPTORS) ?? 512,
        mtu: this.integerAttr(child, "mtu", 68, 9216) ?? ETHERNET_MTU,
        vfUsers: [],
        vmdqUsers: [],
      };
      this.pfs.set(pf.id, pf);
      this.pfModels.set(pf.id, model);
      pfs.push(pf);
    }
    return {
      kind: "nic",
      id: decl.id,
      name: decl.name,
      description: this.descriptionOf(decl.attributes.get("description")),
      template: decl.template?.name.name ?? null,
      spans: this.spans(decl),
      host: host.id,
      model,
      numa: this.numaNode(decl) ?? 0,
      pfs,
    };
  }

  private readVswitch(decl: Decl): Vswitch {
    const uplinks: string[] = [];
    const uplinkSpans: Span[] = [];
    const attribute = decl.attributes.get("uplinks");
    if (attribute !== undefined) {
      const list = attribute.value;
      if (list.kind !== "List") {
        this.reader.wrongType("uplinks", "a list of PFs", list, list.kind === "Ref" ? `write it as a list: \`[${refText(list)}]\`` : undefined);
      } else {
        for (const [at, item] of list.items.entries()) {
          if (item.kind !== "Ref") {
            this.reader.wrongType("uplinks", "a PF such as `x710.pf0`", item);
            continue;
          }
          const pf = this.reference(item, decl, "pf", USE_VSWITCH, decl.name);
          if (pf === undefined) continue;
          if (uplinks.includes(pf.id)) {
            this.duplicateItem("uplinks", refText(item), list.items, at, uplinkSpans[uplinks.indexOf(pf.id)]!);
            continue;
          }
          // A netdev has one master: adding a bridge's port to a second bridge (or OVS) fails with EBUSY.
          const owner = this.uplinkOwners.get(pf.id);
          if (owner !== undefined) {
            this.invalid(item.span, `\`${refText(item)}\` is already an uplink of vSwitch \`${owner}\`: a port can be in one switch only`, `give \`${decl.name}\` a PF of its own, or attach its interfaces to \`${owner}\``);
            continue;
          }
          this.uplinkOwners.set(pf.id, decl.name);
          uplinks.push(pf.id);
          uplinkSpans.push(item.span);
        }
      }
    }
    const features = this.features(decl, "features");
    const vswitch: Vswitch = {
      kind: "vswitch",
      id: decl.id,
      name: decl.name,
      description: this.descriptionOf(decl.attributes.get("description")),
      template: decl.template?.name.name ?? null,
      spans: this.spans(decl, { uplinks: uplinkSpans, features: features.spans }),
      host: hostOf(decl)!.id,
      type: this.wordAttr(decl, "type", VSWITCH_TYPES) ?? "ovs",
      uplinks,
      features: features.features,
      offload: this.booleanAttr(decl, "offload") ?? false,
    };
    this.vswitches.set(vswitch.id, vswitch);
    return vswitch;
  }

  private readVm(decl: Decl, host: HostDraft["fields"]): VmDraft {
    // Read in the table's order, so that their findings are too.
    const vcpus = this.integerAttr(decl, "vcpus", 1, 4096) ?? 2;
    const pin = this.coreSet(decl, "pin", host.cores, host.name);
    const numa = this.numaNode(decl);
    const memoryBytes = this.quantity(decl, "memory", SIZE, true) ?? 4 * 1024 ** 3;
    const vm: VmDraft = {
      decl,
      host: host.id,
      vcpus,
      pin,
      numa,
      memoryBytes,
      liveMigration: this.booleanAttr(decl, "live_migration") ?? false,
      hugepages: this.hugepages(decl, memoryBytes),
      domain: this.outsideName(decl, "domain"),
      ifaces: undefined,
      pinning: undefined,
    };
    // One owner for the VM's interfaces (read-only in the model, like every record).
    let owner: IfaceOwner | undefined;
    for (let i = 0; i < decl.children.length; i++) if (decl.children[i]!.kind === "iface") this.readIface(decl.children[i]!, host.id, (owner ??= { kind: "vm", vm: decl.id }), vm);
    return vm;
  }

  private readContainer(decl: Decl, host: HostDraft["fields"]): ContainerDraft {
    const container: ContainerDraft = {
      decl,
      host: host.id,
      pin: this.coreSet(decl, "pin", host.cores, host.name),
      numa: this.numaNode(decl),
      hugepages: this.hugepages(decl, undefined),
      ifaces: undefined,
      pinning: undefined,
    };
    let owner: IfaceOwner | undefined;
    for (let i = 0; i < decl.children.length; i++) if (decl.children[i]!.kind === "iface") this.readIface(decl.children[i]!, host.id, (owner ??= { kind: "container", container: decl.id }), container);
    return container;
  }

  private readIface(decl: Decl, host: string, owner: IfaceOwner, guest: VmDraft | ContainerDraft | undefined): void {
    const attach = decl.attributes.get("attach");
    const requires = this.features(decl, "requires");
    const mac = this.macAttr(decl);
    const vlan = this.integerOrNoneAttr(decl, "vlan", 0, 4094) ?? null;
    const spoofchk = this.booleanAttr(decl, "spoofchk") ?? true;
    const trust = this.booleanAttr(decl, "trust") ?? false;
    const rateLimitBps = this.quantity(decl, "rate_limit", BIT_RATE, true) ?? null;
    const driver = this.wordAttr(decl, "driver", IFACE_DRIVERS) ?? "kernel";
    const queues = this.integerAttr(decl, "queues", 1, 256) ?? 1;
    const mtu = this.integerAttr(decl, "mtu", 68, 9216);
    if (attach === undefined) {
      this.diagnostics.push(
        diagnostic("missing-attribute", "error", decl.nameSpan, `interface \`${decl.name}\` has no \`attach\`: every interface needs a data path`, {
          help: `add \`attach = ...\`: ${ATTACH_HELP}`,
        }),
      );
      return;
    }
    const target = this.readAttach(attach.value, decl);
    if (target === undefined) return;
    if (owner.kind === "host" && (target.kind === "vmdq" || target.kind === "vswitch")) {
      // A VMDq pool or a vSwitch port is how a VM shares a port; the host's own stack has the PF or a VF.
      this.invalid(attach.value.span, `\`${target.kind}(...)\` gives a VM a share of a port; interface \`${decl.name}\` is the host's own`, "use `pf(...)` for the whole port or `vf(...)` for a VF with the host kernel's driver, or move the interface into a `vm`");
      return;
    }
    if (owner.kind === "vm" && target.kind === "pf") {
      // `pf(p)` is the host kernel's own stack on the whole port (LANGUAGE.md, "`pf(p)` on a hypervisor host");
      // a VM shares a port through a VF, a VMDq pool or a vSwitch port.
      const written = attach.value.kind === "Call" && attach.value.args[0]?.kind === "Ref" ? refText(attach.value.args[0]) : "...";
      this.invalid(
        attach.value.span,
        `\`pf(...)\` is the host's own network stack on the whole port; interface \`${decl.name}\` is in a VM`,
        `give the VM a share of the port with \`vf(${written})\`, \`vmdq(${written})\` or \`vswitch(...)\`, or declare \`${decl.name}\` on the host itself`,
      );
      return;
    }
    if (owner.kind === "container" && target.kind === "vmdq") {
      // A VMDq pool hands a VM's virtio queue to the VMM, which copies into guest memory; a container has no VMM.
      this.invalid(attach.value.span, `\`vmdq(...)\` needs a VMM to copy into a guest; interface \`${decl.name}\` is in a container`, "use `vf(...)` (SR-IOV CNI: the VF in the container's namespace) or `vswitch(...)` (a veth into the vSwitch)");
      return;
    }
    if (queues > 1 && target.kind !== "vswitch" && target.kind !== "pf") {
      const model = this.pfModels.get(target.pf);
      const problem = model === undefined ? undefined : queueLimitProblem(queues, target.kind, model);
      if (problem !== undefined) {
        this.invalid(decl.attributes.get("queues")!.value.span, problem.message, problem.help);
        return;
      }
    }
    // vDPA outside a VM is real (the sriov-network-operator's `vdpaType: virtio`, a virtio-net netdev of the
    // host kernel moved into the pod, and `vdpaType: vhost`, DPDK's virtio-user on /dev/vhost-vdpa-N), but not
    // modelled: say so, and name the modelled path nearest to the first (a VF's kernel netdev in the pod).
    if (owner.kind !== "vm" && target.kind === "vdpa") {
      const where = owner.kind === "container" ? "in a container" : "the host's own";
      this.invalid(
        attach.value.span,
        `\`vdpa(...)\` is modelled for VMs only (vhost-vdpa, a virtio device in the guest); interface \`${decl.name}\` is ${where}, and a vDPA device outside a VM (virtio-vdpa, or vhost-vdpa for DPDK's virtio-user) is not modelled`,
        "use `vf(...)` on the same PF: its path (the NIC writes into the interface's buffers, the host kernel's driver, no copy) is the nearest that is modelled",
      );
      return;
    }
    const iface: Mutable<Iface> = {
      kind: "iface",
      id: decl.id,
      name: decl.name,
      description: null,
      template: decl.template?.name.name ?? null,
      spans: this.spans(decl, requires.spans.length === 0 ? NO_REQUIRES : { requires: requires.spans }),
      host,
      owner,
      attachment: PENDING_ATTACHMENT,
      mac: mac === undefined ? { kind: "auto", address: autoMac(decl.id) } : { kind: "explicit", address: mac },
      vlan,
      spoofchk,
      trust,
      requires: requires.features,
      rateLimitBps,
      driver,
      queues,
      mtu: 0,
    };
    this.ifaceDrafts.push({ decl, guest, target, mtu, iface });
  }

  /** `mac`: an explicit address in lower case, or undefined for `auto` (and left out). */
  private macAttr(decl: Decl): string | undefined {
    const e = decl.attributes.get("mac")?.value;
    if (e === undefined || e.kind === "Auto") return undefined;
    if (e.kind === "Mac") return e.raw.toLowerCase();
    return this.reader.wrongType("mac", "a MAC address (`52:54:00:aa:00:01`) or `auto`", e);
  }

  private readAttach(expr: Expr, decl: Decl): AttachTarget | undefined {
    if (expr.kind !== "Call") {
      const help = expr.kind === "Ref" ? `did you mean \`vf(${refText(expr)})\`?` : ATTACH_HELP;
      return this.reader.wrongType("attach", "a data path: `vf(...)`, `vdpa(...)`, `vmdq(...)`, `vswitch(...)` or `pf(...)`", expr, help);
    }
    const mode = expr.callee.name;
    if (!(ATTACH_MODES as readonly string[]).includes(mode)) {
      return this.invalid(expr.callee.span, `unknown attach mode \`${mode}\`: expected ${listWords(ATTACH_MODES)}`, didYouMean(closestNames(mode, ATTACH_MODES)) ?? ATTACH_HELP);
    }
    const indexed = mode === "vf" || mode === "vdpa";
    const maxArgs = indexed ? 2 : 1;
    if (expr.args.length < 1 || expr.args.length > maxArgs) {
      const shape = indexed ? `\`${mode}(<pf>)\` or \`${mode}(<pf>, <index>)\`` : mode === "vswitch" ? "`vswitch(<vswitch>)`" : `\`${mode}(<pf>)\``;
      return this.invalid(expr.span, `\`${mode}(...)\` takes ${indexed ? "one or two arguments" : "one argument"}, found ${expr.args.length}`, `write ${shape}`);
    }
    const first = expr.args[0]!;
    if (first.kind !== "Ref") {
      return this.reader.wrongType(`${mode}(...)`, mode === "vswitch" ? "a vSwitch name" : "a PF such as `x710.pf0`", first);
    }
    if (mode === "vswitch") {
      const sw = this.reference(first, decl, "vswitch", USE_CALL, mode);
      return sw === undefined ? undefined : { kind: "vswitch", vswitch: sw.id };
    }
    const pf = this.reference(first, decl, "pf", USE_CALL, mode);
    let index: number | undefined;
    if (indexed && expr.args[1] !== undefined) {
      index = this.reader.integer("index", expr.args[1], 0); // LANGUAGE.md writes the call `vf(pf[, index])`
      if (index === undefined) return undefined;
    }
    if (pf === undefined) return undefined;
    switch (mode) {
      case "vf":
      case "vdpa":
        return { kind: mode, pf: pf.id, index };
      case "vmdq":
        return { kind: "vmdq", pf: pf.id };
      case "pf":
        return { kind: "pf", pf: pf.id };
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------
  // Allocation and assembly

  /**
   * One host's model from its drafts. Allocation per host gives what allocation over the whole program
   * would: VFs and pools are counted per PF, cores per host, and every request for a PF comes from its
   * own host (a reference to another host's PF is an error, and makes no request).
   */
  private assemble(h: HostDraft, drafts: readonly IfaceDraft[]): { host: Host; ifaces: Iface[] } {
    // The targets of `vf`/`vdpa` and of `vmdq` interfaces are the requests themselves (they carry the PF
    // and the index); the answers come back in the same order, so a second pass in that order takes them.
    const vfRequests: VfRequest[] = [];
    const vmdqRequests: { readonly pf: string }[] = [];
    for (let i = 0; i < drafts.length; i++) {
      const t = drafts[i]!.target;
      if (t.kind === "vf" || t.kind === "vdpa") vfRequests.push(t);
      else if (t.kind === "vmdq") vmdqRequests.push(t);
    }
    const vfSlots = vfRequests.length === 0 ? NO_VF_SLOTS : allocateVfs(vfRequests, (pf) => this.pfs.get(pf)?.vfs ?? 0);
    const pools = vmdqRequests.length === 0 ? NO_POOLS : allocateVmdqPools(vmdqRequests, (pf) => this.pfs.get(pf)?.vmdqPools ?? 0);

    // Interfaces in expansion order: each host's children in order, a VM's interfaces in its place.
    const ifaces: Iface[] = [];
    let nextVf = 0;
    let nextPool = 0;
    for (let i = 0; i < drafts.length; i++) {
      const d = drafts[i]!;
      const t = d.target;
      let attachment: Attachment;
      switch (t.kind) {
        case "vf":
        case "vdpa":
          attachment = { kind: t.kind, pf: t.pf, slot: vfSlots[nextVf++]! };
          break;
        case "vmdq":
          attachment = { kind: "vmdq", pf: t.pf, pool: pools[nextPool++] ?? null };
          break;
        case "vswitch":
          attachment = { kind: "vswitch", vswitch: t.vswitch };
          break;
        case "pf":
          attachment = { kind: "pf", pf: t.pf };
          break;
      }
      const iface = d.iface;
      iface.attachment = attachment;
      iface.description = this.descriptionOf(d.decl.attributes.get("description"));
      iface.mtu = d.mtu ?? this.defaultMtu(attachment);
      switch (attachment.kind) {
        case "vf":
        case "vdpa":
          this.pfs.get(attachment.pf)!.vfUsers.push({ iface: iface.id, slot: attachment.slot, mode: attachment.kind });
          break;
        case "vmdq":
          this.pfs.get(attachment.pf)!.vmdqUsers.push({ iface: iface.id, pool: attachment.pool });
          break;
        case "vswitch":
        case "pf":
          break;
      }
      // A guest's list starts as a literal of one (most have one interface): a first push would leave room for 17.
      const guest = d.guest;
      if (guest === undefined) h.bareIfaces.push(iface);
      else if (guest.ifaces === undefined) guest.ifaces = [iface];
      else guest.ifaces.push(iface);
      ifaces.push(iface);
    }

    // VMs and containers take cores in source order (each preferring its written `numa`'s); a container
    // without `pin` gets one core. The drafts
    // are in the order of the host's children, so one walk of the children meets them in turn.
    const requests: PinRequest[] = [];
    const guests: (VmDraft | ContainerDraft)[] = [];
    const children = h.decl.children;
    let nextVm = 0;
    let nextContainer = 0;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      const vm = h.vms[nextVm];
      if (vm !== undefined && vm.decl === child) {
        requests.push({ vcpus: vm.vcpus, pin: vm.pin, numa: vm.numa });
        guests.push(vm);
        nextVm++;
        continue;
      }
      const container = h.containers[nextContainer];
      if (container !== undefined && container.decl === child) {
        requests.push({ vcpus: 1, pin: container.pin, numa: container.numa });
        guests.push(container);
        nextContainer++;
      }
    }
    const pins = allocatePins(h.fields, h.fields.hypervisorCores, requests);
    for (let i = 0; i < guests.length; i++) guests[i]!.pinning = pins[i];
    const containers = h.containers.map((draft) => this.guestRecord(draft, h.fields));
    const vms = h.vms.map((draft) => this.guestRecord(draft, h.fields));
    return { host: { ...h.fields, nics: h.nics, vswitches: h.vswitches, vms, containers, bareIfaces: h.bareIfaces }, ifaces };
  }

  private defaultMtu(attachment: Attachment): number {
    return defaultIfaceMtu(attachment, (this.mtuSources ??= { pfMtu: (pf) => this.pfs.get(pf)?.mtu, uplinks: (vswitch) => this.vswitches.get(vswitch)?.uplinks }));
  }

  // -------------------------------------------------------------------------------------------------------
  // Traffic and simulation

  private readTraffic(decl: Decl, root: Root, ifaces: ReadonlyMap<string, Iface>): Traffic | undefined {
    let complete = true;
    const fromAttr = decl.attributes.get("from");
    let from: TrafficSource = FROM_WIRE;
    if (fromAttr !== undefined && bareWord(fromAttr.value)?.name !== "wire") {
      const id = this.trafficEnd(decl, "from", fromAttr.value, ifaces);
      if (id === undefined) complete = false;
      else from = { kind: "iface", iface: id };
    }
    const toAttr = decl.attributes.get("to");
    let to: TrafficSink | undefined;
    if (toAttr === undefined) complete = this.missingInTraffic(decl, "to", "it needs a target interface");
    else if (bareWord(toAttr.value)?.name === "wire") {
      if (from.kind === "wire" && complete) {
        this.invalid(toAttr.value.span, `traffic \`${decl.name}\` goes from the wire to the wire: it never touches the host`, "name the receiving interface in `to`, or the sending one in `from` (transmit)");
        complete = false;
      } else {
        to = TO_WIRE;
        // Transmit leaves by the sender's PF, or a vSwitch's uplink: a vSwitch without uplinks has no wire.
        const sender = from.kind === "iface" ? ifaces.get(from.iface) : undefined;
        const attachment = sender?.attachment;
        if (attachment?.kind === "vswitch" && this.vswitches.get(attachment.vswitch)?.uplinks.length === 0) {
          this.invalid(toAttr.value.span, `traffic \`${decl.name}\` goes out to the wire from \`${sender!.name}\`, but its vSwitch has no uplink to the wire`, "add a PF to the vSwitch's `uplinks`, or send to an interface");
          complete = false;
        }
      }
    } else {
      const id = this.trafficEnd(decl, "to", toAttr.value, ifaces);
      if (id !== undefined) to = { kind: "iface", iface: id };
    }
    const flows = this.integerAttr(decl, "flows", 1, 1 << 20) ?? 1;
    const rateAttr = decl.attributes.get("rate");
    const window = this.integerAttr(decl, "window", 1) ?? null;
    let rate: OfferedRate | null | undefined;
    if (rateAttr === undefined) {
      if (decl.attributes.has("window")) rate = null;
      else complete = this.missingInTraffic(decl, "rate", "it needs an offered load, or a `window` for a closed-loop flow");
    } else {
      const q = this.reader.quantity("rate", rateAttr.value, RATE);
      const value = this.positive("rate", rateAttr.value, q?.value);
      if (q !== undefined && value !== undefined) rate = q.dimension === "packet rate" ? { kind: "pps", pps: value } : { kind: "bps", bps: value };
    }
    const sizeAttr = decl.attributes.get("size");
    const size = (sizeAttr === undefined ? undefined : this.readFrameSize(sizeAttr.value)) ?? DEFAULT_FRAME;
    const patternAttr = decl.attributes.get("pattern");
    const pattern = (patternAttr === undefined ? undefined : this.readPattern(patternAttr.value)) ?? CONSTANT;
    const vlan = this.integerOrNoneAttr(decl, "vlan", 0, 4094);
    const startS = this.quantity(decl, "start", DURATION) ?? 0;
    let stopS: number | null = this.quantity(decl, "stop", DURATION) ?? null;
    if (stopS !== null && stopS <= startS) {
      const when = stopS === startS ? "stops as it starts: it never sends" : "stops before it starts";
      this.invalid(decl.attributes.get("stop")!.value.span, `traffic \`${decl.name}\` ${when}`, "`stop` must be later than `start`");
      stopS = null;
    }
    if (!complete || to === undefined || rate === undefined || (rate === null && window === null)) return undefined;
    return {
      kind: "traffic",
      id: decl.id,
      name: decl.name,
      description: this.descriptionOf(decl.attributes.get("description")),
      template: decl.template?.name.name ?? null,
      spans: this.spans(decl),
      from,
      to,
      flows,
      rate,
      window,
      size,
      pattern,
      vlan: vlan === undefined ? ifaces.get(trafficIface({ from, to }))!.vlan : vlan,
      startS,
      stopS,
    };
  }

  /** A traffic's `from` or `to` interface; undefined when it is not one the model has. */
  private trafficEnd(decl: Decl, attr: "from" | "to", e: Expr, ifaces: ReadonlyMap<string, Iface>): string | undefined {
    if (e.kind !== "Ref") return this.reader.wrongType(attr, attr === "from" ? "`wire` or an interface such as `h1.web1.eth0`" : "an interface such as `h1.web1.eth0`", e);
    const target = this.reference(e, decl, "iface", USE_ATTRIBUTE, attr);
    // An interface left out of the model (its own error is reported) silently drops the traffic.
    return target === undefined ? undefined : ifaces.has(target.id) ? target.id : undefined;
  }

  /** Reports a traffic's missing `to` or `rate`; false, for the caller's `complete`. */
  private missingInTraffic(decl: Decl, attr: "to" | "rate", what: string): false {
    this.diagnostics.push(
      diagnostic("missing-attribute", "error", decl.nameSpan, `traffic \`${decl.name}\` has no \`${attr}\`: ${what}`, {
        help: attr === "to" ? "add `to = <host>.<vm>.<iface>`" : "add `rate = ...` as a packet rate (`1Mpps`) or a bit rate (`10Gbps`)",
      }),
    );
    return false;
  }

  /** `size`: a frame size in bytes, or `imix`. */
  private readFrameSize(e: Expr): FrameSize | undefined {
    if (bareWord(e)?.name === "imix") return IMIX;
    if (e.kind === "Ref") return this.reader.wrongType("size", "a size such as `64B`, or `imix`", e, didYouMean(closestNames(refText(e), ["imix"])));
    const bytes = this.positive("size", e, this.reader.quantityValue("size", e, SIZE));
    if (bytes === undefined) return undefined;
    // A frame is a whole number of bytes, and no Ethernet frame (jumbo or not) comes near 64 KiB.
    if (!Number.isInteger(bytes)) return this.invalid(e.span, `a frame is a whole number of bytes, not ${bytes} B`, `write \`${Math.max(1, Math.round(bytes))}B\``);
    if (bytes > MAX_FRAME_BYTES) return this.invalid(e.span, `a frame of ${bytes} B is larger than any Ethernet frame (at most ${MAX_FRAME_BYTES} B here)`, "write the frame size on the wire, such as `1500B` or `9000B`");
    return { kind: "fixed", bytes };
  }

  /** `itr`: a duration, or `adaptive`; left out, the model's driver default (adaptive where it is non-zero). */
  private readItr(pf: Decl, defaultItrS: number): { itrS: number; itrAdaptive: boolean } {
    const attr = pf.attributes.get("itr");
    if (attr === undefined) return { itrS: defaultItrS, itrAdaptive: defaultItrS > 0 };
    const word = bareWord(attr.value);
    if (word !== undefined) {
      if (word.name === "adaptive") return { itrS: defaultItrS > 0 ? defaultItrS : ADAPTIVE_START_ITR_S, itrAdaptive: true };
      this.invalid(word.span, `\`${word.name}\` is not a valid \`itr\`: expected a duration such as \`50us\`, or \`adaptive\``, didYouMean(closestNames(word.name, ["adaptive"])));
      return { itrS: defaultItrS, itrAdaptive: defaultItrS > 0 };
    }
    return { itrS: this.quantity(pf, "itr", DURATION) ?? defaultItrS, itrAdaptive: false };
  }

  private readPattern(e: Expr): ArrivalPattern | undefined {
    const word = bareWord(e);
    if (word !== undefined) {
      if (word.name === "constant" || word.name === "poisson") return word.name === "constant" ? CONSTANT : POISSON;
      if (word.name === "burst") return this.invalid(e.span, "`burst` needs its burst size: `burst(n)`", "write `burst(32)`, say");
      // `burst(32)`, not `burst`: alone, `burst` is the error above, and the editor's quick fix writes what the help names.
      const suggestions = closestNames(word.name, ["constant", "poisson", "burst"]).map((name) => (name === "burst" ? "burst(32)" : name));
      return this.invalid(word.span, `\`${word.name}\` is not a valid \`pattern\`: expected \`constant\`, \`poisson\` or \`burst(n)\``, didYouMean(suggestions));
    }
    if (e.kind === "Call") {
      if (e.callee.name !== "burst") {
        return this.invalid(e.callee.span, `\`${e.callee.name}(...)\` is not a valid \`pattern\`: expected \`constant\`, \`poisson\` or \`burst(n)\``, didYouMean(closestNames(e.callee.name, ["burst"])));
      }
      if (e.args.length !== 1) return this.invalid(e.span, `\`burst(...)\` takes one argument, the burst size; found ${e.args.length}`, "write `burst(32)`, say");
      const n = this.reader.integer("burst", e.args[0]!, 1);
      return n === undefined ? undefined : { kind: "burst", n };
    }
    return this.reader.wrongType("pattern", "`constant`, `poisson` or `burst(n)`", e);
  }

  private readSimulation(sim: SimulationDecl): Simulation {
    const attributes = new Map<string, Attribute>();
    for (const m of sim.block.members) if (m.kind === "Attribute" && !attributes.has(m.name.name)) attributes.set(m.name.name, m);
    const get = <T>(name: string, read: (e: Expr) => T | undefined): T | undefined => {
      const a = attributes.get(name);
      return a === undefined ? undefined : read(a.value);
    };
    const durationS =
      get("duration", (e) => {
        const q = this.reader.quantity("duration", e, ["duration"])?.value;
        return this.positive("duration", e, q);
      }) ?? 0.1;
    let warmupS = get("warmup", (e) => this.reader.quantity("warmup", e, ["duration"])?.value) ?? durationS / 10;
    if (warmupS >= durationS && attributes.has("warmup")) {
      this.invalid(attributes.get("warmup")!.value.span, "`warmup` must be shorter than `duration`: nothing would be measured", attributes.has("duration") ? `keep it below ${this.reader.text(attributes.get("duration")!.value.span)}` : "keep it below the default `duration` of 100ms, or set a longer `duration`");
      warmupS = durationS / 10;
    }
    const costOverrides: CostOverride[] = [];
    if (sim.cost !== undefined) {
      const seen = new Set<string>();
      for (const m of sim.cost.members) {
        if (m.kind !== "Attribute" || m.name.name === "description") continue;
        const param = COST_ATTRIBUTES.get(m.name.name);
        if (param === undefined || seen.has(param)) continue; // unknown-attribute / duplicate-name reported already
        seen.add(param);
        const value = param === "guest_ring" ? this.reader.integer(m.name.name, m.value, 0, MAX_RING_DESCRIPTORS) : this.costValue(m.name.name, COST_PARAMETER_UNITS[param], m.value);
        if (value !== undefined) costOverrides.push({ param, value, span: m.value.span });
      }
    }
    const attrs: Partial<Record<string, Span>> = {};
    for (const [name, a] of attributes) attrs[name] = a.value.span;
    if (sim.cost !== undefined) attrs["cost"] = sim.cost.span;
    return {
      kind: "simulation",
      description: this.descriptionOf(attributes.get("description")),
      durationS,
      warmupS,
      // The simulator's generator takes a 32-bit seed.
      seed: get("seed", (e) => this.reader.integer("seed", e, 0, 0xffffffff)) ?? 1,
      profile: get("profile", (e) => this.profileName(e)) ?? "default",
      costOverrides,
      spans: { name: sim.block.keywordSpan, decl: sim.block.span, attrs, items: {} },
    };
  }

  /** A shipped cost profile's name. */
  private profileName(e: Expr): string | undefined {
    const name = this.reader.string("profile", e);
    if (name === undefined) return undefined;
    const known = profileNames();
    if (known.includes(name)) return name;
    return this.invalid(e.span, `unknown cost profile \`"${name}"\`: the profiles are ${listWords(known.map((p) => `"${p}"`), "and")}`, didYouMean(closestNames(name, known).map((p) => `"${p}"`)) ?? `write \`profile = "default"\``);
  }

  /** A cost override in the profile's unit: cycles, ns, bytes or a plain count. */
  private costValue(attr: string, unit: "size" | "count" | "duration" | "work", e: Expr): number | undefined {
    if (e.kind === "Number" && unit !== "duration") {
      if (e.value < 0) return this.invalid(e.span, `\`${attr}\` cannot be negative, found ${e.raw}`);
      return e.value;
    }
    switch (unit) {
      case "count":
        return this.reader.wrongType(attr, "a plain number", e);
      case "work":
        return this.reader.quantity(attr, e, ["work"])?.value;
      case "size":
        return this.reader.quantity(attr, e, ["size"])?.value;
      case "duration": {
        const seconds = this.reader.quantity(attr, e, ["duration"])?.value;
        return seconds === undefined ? undefined : Math.round(seconds * 1e9 * 1000) / 1000;
      }
    }
  }
}

const USE_CALL = 0;
const USE_VSWITCH = 1;
const USE_ATTRIBUTE = 2;
type UseForm = typeof USE_CALL | typeof USE_VSWITCH | typeof USE_ATTRIBUTE;

function usePhrase(form: UseForm, name: string): string {
  return form === USE_CALL ? `\`${name}(...)\`` : form === USE_VSWITCH ? `vswitch \`${name}\`` : `\`${name}\``;
}

/** Whether a reference's first name is visible from `from` without looking past its host. */
function visibleInHost(name: string, from: Decl): boolean {
  for (let d: Decl | Root = from; d.kind !== "root"; d = d.parent) {
    if (childNamed(d, name) !== undefined) return true;
    if (d.kind === "host") return false;
  }
  return false;
}

/** The model's lookups; `ifaces`, when given, is every interface of `hosts` by id (taken as is). */
function buildLookup(hosts: readonly Host[], ifaces: Map<string, Iface> | undefined): Lookup {
  const byIdGiven = ifaces !== undefined;
  const lookup = {
    hosts: new Map<string, Host>(),
    nics: new Map<string, Nic>(),
    pfs: new Map<string, Pf>(),
    vswitches: new Map<string, Vswitch>(),
    vms: new Map<string, Vm>(),
    containers: new Map<string, Container>(),
    ifaces: ifaces ?? new Map<string, Iface>(),
    traffic: new Map<string, Traffic>(),
    vswitchByUplink: new Map<string, Vswitch>(),
  };
  const addIfaces = (list: readonly Iface[]): void => {
    if (byIdGiven) return;
    for (let i = 0; i < list.length; i++) lookup.ifaces.set(list[i]!.id, list[i]!);
  };
  for (let i = 0; i < hosts.length; i++) {
    const h = hosts[i]!;
    lookup.hosts.set(h.id, h);
    for (let j = 0; j < h.nics.length; j++) {
      const n = h.nics[j]!;
      lookup.nics.set(n.id, n);
      for (let k = 0; k < n.pfs.length; k++) lookup.pfs.set(n.pfs[k]!.id, n.pfs[k]!);
    }
    for (let j = 0; j < h.vswitches.length; j++) {
      const s = h.vswitches[j]!;
      lookup.vswitches.set(s.id, s);
      for (let k = 0; k < s.uplinks.length; k++) if (!lookup.vswitchByUplink.has(s.uplinks[k]!)) lookup.vswitchByUplink.set(s.uplinks[k]!, s);
    }
    addIfaces(h.bareIfaces);
    for (let j = 0; j < h.vms.length; j++) {
      lookup.vms.set(h.vms[j]!.id, h.vms[j]!);
      addIfaces(h.vms[j]!.ifaces);
    }
    for (let j = 0; j < h.containers.length; j++) {
      lookup.containers.set(h.containers[j]!.id, h.containers[j]!);
      addIfaces(h.containers[j]!.ifaces);
    }
  }
  return lookup;
}
