/**
 * `invalid-field-value` for the spec fields of a SriovNetwork, SriovIBNetwork or OVSNetwork that the
 * operator writes into the NetworkAttachmentDefinition it renders, and that the API server takes as any
 * string (their CRDs say `type: string` and nothing more):
 *
 * - `ipam`, written raw as the CNI config's `"ipam":` value (sriov-network-operator `api/v1/helper.go`,
 *   RenderNetAttDef: `"ipam":` + the value with every whitespace character removed, `strings.Fields`; an
 *   empty value becomes `"ipam":{}`), inside the single-quoted `config: '…'` of the YAML template
 *   (`bindata/manifests/cni-config/`). The controller then parses that config as JSON
 *   (`controllers/helper.go`, formatJSON) and, when it does not parse, creates no NetworkAttachmentDefinition;
 *   a value that parses but is no object (nor `null`, which reads as none) fails in the CNI plugin, which
 *   reads `ipam` as an object, at every pod that asks for the network.
 * - `metaPlugins`, written raw after the SR-IOV plugin in the config's `plugins` list (metaPluginsProblem):
 *   JSON objects separated by commas, each a plugin with its `type`.
 * - `capabilities`, written raw as the CNI config's `"capabilities":` value (RenderNetAttDef: `SriovCniCapabilities`,
 *   the value as it is; nothing when empty), which the CNI and Multus read as libcni's `map[string]bool`:
 *   a JSON object of booleans (capabilitiesProblem). Of a SriovNetwork's, the names the SR-IOV CNI's config
 *   reaches: `mac` (sriov-cni `pkg/types` NetConf.RuntimeConfig) and `ips` (its IPAM plugin's, which gets the
 *   CNI's config as it is); another name is ignored (capabilityNames, an `unknown-field` warning at the name).
 * - `networkNamespace`, the namespace the NetworkAttachmentDefinition is made in (empty: the object's own).
 *   A namespace's name is a DNS-1123 label, so another value names a namespace that cannot exist, and the
 *   operator never makes the NetworkAttachmentDefinition (`controllers/generic_network_controller.go`).
 *
 * Both at the value, as the other field checks are (./field-values.ts).
 */
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { jsonErrorOffset } from "../../syntax/json-scan.js";
import { closestNames } from "../../semantics/suggest.js";
import type { Span } from "../../syntax/span.js";
import { entry, locatePart, type LocatedMap, type LocatedScalar } from "../located.js";
import { INVALID_FIELD_VALUE } from "./field-values.js";

export const IPAM_WHITESPACE_STRIPPED = "ipam-whitespace-stripped";

/**
 * What Go's `strings.Fields` splits on (unicode.IsSpace): the ASCII spaces, U+0085, U+00A0 and the other
 * characters of Unicode's White_Space property. JavaScript's `\s` differs (it has U+FEFF, lacks U+0085).
 */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;
const IS_GO_SPACE = new RegExp(`^${GO_SPACE.source}$`);

/** A Kubernetes namespace name: a DNS-1123 label (k8s.io/apimachinery, IsDNS1123Label). */
const DNS1123_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL_MAX = 63;

const NO_ATTACHMENT = "creates no NetworkAttachmentDefinition for the network: pods that ask for it do not start";

/**
 * The capabilities whose runtime values reach the SR-IOV CNI's config, and what reads each: the CNI runtime
 * (Multus) fills `runtimeConfig` only for the capabilities a plugin's config names as true.
 */
const SRIOV_CNI_CAPABILITIES: ReadonlyMap<string, string> = new Map([
  ["mac", "the MAC address the pod asks for, which the CNI sets on the VF"],
  ["ips", "the addresses the pod asks for, which its IPAM plugin assigns, such as static IPAM"],
]);

export function checkRenderedNetworkFields(kind: "SriovNetwork" | "SriovIBNetwork" | "OVSNetwork", spec: LocatedMap | undefined, diagnostics: Diagnostic[]): void {
  const report = (span: Span, message: string, help: string): void => {
    diagnostics.push(diagnostic(INVALID_FIELD_VALUE, "error", span, message, { help }));
  };
  const ipam = entry(spec, "ipam")?.value;
  // Any other type is the CRD's `type: string` finding (./field-values.ts).
  if (ipam?.kind === "scalar" && typeof ipam.value === "string" && ipam.value !== "") {
    const problem = ipamProblem(ipam.value);
    if (problem !== undefined) report(ipam.span, problem.message, problem.help);
    else checkStrippedWhitespace(ipam, ipam.value, diagnostics);
  }
  const metaPlugins = entry(spec, "metaPlugins")?.value;
  if (metaPlugins?.kind === "scalar" && typeof metaPlugins.value === "string" && metaPlugins.value !== "") {
    const problem = metaPluginsProblem(metaPlugins.value);
    if (problem !== undefined) report(metaPlugins.span, problem.message, problem.help);
  }
  const capabilities = entry(spec, "capabilities")?.value;
  if (capabilities?.kind === "scalar" && typeof capabilities.value === "string" && capabilities.value !== "") {
    const problem = capabilitiesProblem(capabilities.value);
    if (problem !== undefined) report(capabilities.span, problem.message, problem.help);
    // The ib-sriov and ovs CNIs read other names (infinibandGUID…): only the SR-IOV CNI's are known here.
    else if (kind === "SriovNetwork") checkCapabilityNames(capabilities, capabilities.value, diagnostics);
  }
  const namespace = entry(spec, "networkNamespace")?.value;
  if (namespace?.kind === "scalar" && typeof namespace.value === "string" && namespace.value !== "" && !isNamespaceName(namespace.value)) {
    const written = namespace.value;
    const near = written.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, DNS1123_LABEL_MAX).replace(/-+$/, "");
    report(
      namespace.span,
      `\`networkNamespace: ${written}\` is no name a namespace can have (a DNS-1123 label: at most ${DNS1123_LABEL_MAX} lowercase letters, digits and \`-\`, starting and ending with a letter or digit): the operator ${NO_ATTACHMENT}`,
      near !== "" && isNamespaceName(near) ? `write the namespace's name, e.g. \`networkNamespace: ${near}\`` : "write the name of the namespace the pods run in, or leave it out for the object's own namespace",
    );
  }
}

export function isNamespaceName(name: string): boolean {
  return name.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(name);
}

/** Why the operator cannot use an `ipam` value (not empty), or undefined when it can. */
export function ipamProblem(value: string): { message: string; help: string } | undefined {
  const objectHelp = 'write a JSON object in a YAML string: `ipam: \'{"type": "host-local", "subnet": "10.56.217.0/24"}\'`, or `ipam: "{}"` for none';
  const rendered = value.replace(GO_SPACE, "");
  if (rendered === "")
    return {
      message: `\`ipam\` is only whitespace, which the operator removes, leaving \`"ipam":\` without a value in the CNI config it renders (it writes \`{}\` only for an empty \`ipam\`): the operator ${NO_ATTACHMENT}`,
      help: 'leave `ipam` out, or write `ipam: "{}"`',
    };
  let parsed: unknown;
  try {
    parsed = JSON.parse(rendered);
  } catch {
    // Whitespace removed from valid JSON leaves valid JSON (no two tokens of it touch but across `,` `:` or
    // a bracket), so the value as written is not JSON either, and its mistake is told where it is written.
    return {
      message: `\`ipam\` is not JSON (${whereNotJson(value)}): the operator writes it raw into the CNI config of the NetworkAttachmentDefinition, cannot parse the result, and ${NO_ATTACHMENT}`,
      help: /'/.test(value) ? `JSON quotes its strings with \`"\`, not \`'\`; ${objectHelp}` : objectHelp,
    };
  }
  // `null` is read as no IPAM, as `{}` is (Go's encoding/json leaves the CNI's IPAM struct empty).
  if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) {
    const what = Array.isArray(parsed) ? "a list" : typeof parsed === "string" ? "a string" : typeof parsed === "number" ? "a number" : "a boolean";
    return {
      message: `\`ipam\` is ${what} in JSON, not an object: the CNI plugin reads \`ipam\` as an object with its \`type\` and fails every pod that asks for the network`,
      help: objectHelp,
    };
  }
  // The template holds the config in a single-quoted YAML string: a lone `'` ends it, and the rendered YAML
  // does not parse (`''` is YAML's escaped quote, and reaches the CNI as one `'`).
  if (/(?<!')'(?!')/.test(rendered))
    return {
      message: `\`ipam\` has a \`'\`, which ends the single-quoted \`config: '…'\` of the operator's NetworkAttachmentDefinition template: the rendering fails, and the operator ${NO_ATTACHMENT}`,
      help: "remove the `'` (a JSON string can say it as `\\u0027`)",
    };
  return undefined;
}

const CAPABILITIES_HELP = 'write a JSON object of booleans in a YAML string: `capabilities: \'{"mac": true, "ips": true}\'`';

/**
 * Why the operator or the CNI cannot use a `capabilities` value (not empty), or undefined when it can. The
 * operator writes it as it is after `"capabilities":` in the CNI config (no white space removed), inside the
 * template's single-quoted `config: '…'`: not JSON, the controller creates no NetworkAttachmentDefinition;
 * JSON that is no object of booleans (`null` is none), the CNI cannot read its config (libcni's
 * `Capabilities map[string]bool`) and fails every pod that asks for the network.
 */
export function capabilitiesProblem(value: string): { message: string; help: string } | undefined {
  if (value.trim() === "")
    return {
      message: `\`capabilities\` is only white space, which the operator writes as it is, leaving \`"capabilities":\` without a value in the CNI config it renders: the operator ${NO_ATTACHMENT}`,
      help: `leave \`capabilities\` out, or ${CAPABILITIES_HELP}`,
    };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return {
      message: `\`capabilities\` is not JSON (${whereNotJson(value)}): the operator writes it raw into the CNI config of the NetworkAttachmentDefinition, cannot parse the result, and ${NO_ATTACHMENT}`,
      help: /'/.test(value) ? `JSON quotes its strings with \`"\`, not \`'\`; ${CAPABILITIES_HELP}` : CAPABILITIES_HELP,
    };
  }
  const what = (v: unknown): string => (Array.isArray(v) ? "a list" : v === null ? "`null`" : typeof v === "object" ? "an object" : typeof v === "string" ? "a string" : typeof v === "number" ? "a number" : "a boolean");
  const unreadable = "the CNI reads `capabilities` as an object of booleans (libcni's `map[string]bool`), cannot read the network's config, and fails every pod that asks for the network";
  if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) return { message: `\`capabilities\` is ${what(parsed)} in JSON, not an object: ${unreadable}`, help: CAPABILITIES_HELP };
  const wrong = Object.entries((parsed ?? {}) as Record<string, unknown>).find(([, v]) => typeof v !== "boolean");
  if (wrong !== undefined) {
    const [name, v] = wrong;
    return {
      message: `\`capabilities\`: \`${name}\` is ${what(v)}, not \`true\` or \`false\`: ${unreadable}`,
      help: typeof v === "string" && /^(?:true|false)$/i.test(v) ? `write the boolean without quotes: \`"${name}": ${v.toLowerCase()}\`` : CAPABILITIES_HELP,
    };
  }
  // The template's single-quoted `config: '…'` ends at a lone `'` (see ipamProblem).
  if (/(?<!')'(?!')/.test(value))
    return {
      message: `\`capabilities\` has a \`'\`, which ends the single-quoted \`config: '…'\` of the operator's NetworkAttachmentDefinition template: the rendering fails, and the operator ${NO_ATTACHMENT}`,
      help: "remove the `'` (a JSON string can say it as `\\u0027`)",
    };
  return undefined;
}

/**
 * `unknown-field` at each name of a SriovNetwork's `capabilities` (JSON, an object of booleans) that the
 * SR-IOV CNI's config does not use: the runtime passes no value for it, or one nothing in that config reads.
 */
function checkCapabilityNames(capabilities: LocatedScalar, value: string, diagnostics: Diagnostic[]): void {
  const known = [...SRIOV_CNI_CAPABILITIES.keys()];
  for (const key of topLevelKeys(value)) {
    if (SRIOV_CNI_CAPABILITIES.has(key.name)) continue;
    const sameButCase = known.find((k) => k.toLowerCase() === key.name.toLowerCase());
    const near = closestNames(key.name, known, 1);
    diagnostics.push(
      diagnostic("unknown-field", "warning", locatePart(capabilities, key.from, key.to) ?? capabilities.span, `\`${key.name}\` is not a capability the SR-IOV CNI uses: the operator writes \`capabilities\` into the SR-IOV plugin's config, and neither the CNI nor its IPAM plugin reads a value for it`, {
        help:
          sameButCase !== undefined
            ? `capability names are case-sensitive: write \`${sameButCase}\``
            : near.length > 0
              ? `did you mean \`${near[0]}\`? (${[...SRIOV_CNI_CAPABILITIES].map(([k, v]) => `\`${k}\`: ${v}`).join("; ")})`
              : `the SR-IOV CNI's config uses ${[...SRIOV_CNI_CAPABILITIES].map(([k, v]) => `\`${k}\` (${v})`).join(" and ")}`,
      }),
    );
  }
}

/** The keys of a JSON object's top level, decoded, with where each (with its quotes) stands in `value`. `value` is JSON. */
function topLevelKeys(value: string): { name: string; from: number; to: number }[] {
  const keys: { name: string; from: number; to: number }[] = [];
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    else if (c === '"') {
      let end = i + 1;
      while (end < value.length && value[end] !== '"') end += value[end] === "\\" ? 2 : 1;
      // A key is a string at the top object's level followed by `:`.
      if (depth === 1 && /^\s*:/.test(value.slice(end + 1))) keys.push({ name: JSON.parse(value.slice(i, end + 1)) as string, from: i, to: end + 1 });
      i = end;
    }
  }
  return keys;
}

const PLUGINS_EXAMPLE = `\`metaPlugins: '{"type": "tuning", "sysctl": {"net.core.somaxconn": "500"}}, {"type": "vrf", "vrfname": "red"}'\``;

/**
 * Why the operator cannot use a `metaPlugins` value (not empty), or undefined when it can. The operator
 * writes it raw after the SR-IOV plugin in the `plugins` list of the CNI config (the templates of
 * `bindata/manifests/cni-config/`: `"plugins": [ {…sriov…} , METAPLUGINS ] }`, no white space removed),
 * inside the template's single-quoted `config: '…'`, whose line breaks YAML folds. So it must be one or
 * more JSON objects separated by commas: not JSON, the controller creates no NetworkAttachmentDefinition;
 * a list or a value that is no plugin object with a `type`, the CNI (libcni, `ConfListFromBytes`) refuses
 * the list at every pod.
 */
export function metaPluginsProblem(value: string): { message: string; help: string } | undefined {
  const pluginsHelp = `write each plugin as a JSON object, separated by commas, in a YAML string: ${PLUGINS_EXAMPLE}`;
  // What the CNI config holds once YAML has read the template: `''` is one `'`, a line break with the white space
  // around it a space, each further line break a line feed.
  const rendered = value.replace(/''/g, "'").replace(/[ \t]*(?:\r?\n[ \t]*)+/g, (fold) => {
    const breaks = fold.split("\n").length - 1;
    return breaks === 1 ? " " : "\n".repeat(breaks - 1);
  });
  if (rendered.trim() === "")
    return {
      message: `\`metaPlugins\` is only white space: the operator still writes the \`plugins\` list with a \`,\` after the SR-IOV plugin and nothing after it, which is not JSON, and ${NO_ATTACHMENT}`,
      help: "leave `metaPlugins` out, or give the plugins to chain: " + PLUGINS_EXAMPLE,
    };
  let plugins: unknown[];
  try {
    plugins = JSON.parse(`[${rendered}]`) as unknown[];
  } catch {
    // Located in the value as written (folding only joins lines, so it is not JSON either); the `[`…`]` put
    // around it stand for the list the operator writes it into.
    const offset = jsonErrorOffset(`[${value}]`) - 1;
    const where = offset >= value.length || offset < 0 ? (/,\s*$/.test(value) ? "it ends with a `,`, and the operator closes the `plugins` list right after it" : undefined) : whereNotJson(value, offset);
    return {
      message: `\`metaPlugins\` is not JSON objects separated by commas (${where ?? whereNotJson(value, value.length)}): the operator writes it raw into the \`plugins\` list of the CNI config, after the SR-IOV plugin, cannot parse the result, and ${NO_ATTACHMENT}`,
      help: /'/.test(value) ? `JSON quotes its strings with \`"\`, not \`'\`; ${pluginsHelp}` : pluginsHelp,
    };
  }
  // The template holds the config in a single-quoted YAML string: a lone `'` ends it (see ipamProblem).
  if (/(?<!')'(?!')/.test(value))
    return {
      message: `\`metaPlugins\` has a \`'\`, which ends the single-quoted \`config: '…'\` of the operator's NetworkAttachmentDefinition template: the rendering fails, and the operator ${NO_ATTACHMENT}`,
      help: "remove the `'` (a JSON string can say it as `\\u0027`)",
    };
  // The CNI reads each item of `plugins` as a plugin's config: an object with a `type` (libcni, NetworkPluginConfFromBytes).
  const wrong = plugins.findIndex((p) => typeof p !== "object" || p === null || Array.isArray(p) || typeof (p as Record<string, unknown>)["type"] !== "string" || (p as Record<string, unknown>)["type"] === "");
  if (wrong === -1) return undefined;
  const plugin = plugins[wrong];
  const nth = plugins.length === 1 ? "its plugin" : `its plugin ${wrong + 1} (of ${plugins.length})`;
  if (Array.isArray(plugin))
    return {
      message: `\`metaPlugins\` is a JSON list, and the operator writes its text into the \`plugins\` list, after the SR-IOV plugin: the list becomes one plugin there, which the CNI cannot read, and it fails every pod that asks for the network`,
      help: `write the plugins without the list's \`[\` and \`]\`, separated by commas: ${PLUGINS_EXAMPLE}`,
    };
  const what = plugin === null ? "`null`" : typeof plugin === "object" ? "an object without a `type`" : typeof plugin === "string" ? "a string" : typeof plugin === "number" ? "a number" : "a boolean";
  return {
    message: `\`metaPlugins\`: ${nth} is ${what}, not a plugin's config (an object with its \`type\`): the CNI refuses the network's \`plugins\` list and fails every pod that asks for the network`,
    help: pluginsHelp,
  };
}

/** Where a text stops being JSON, as said to the user: the offending character and its place in the value. */
function whereNotJson(value: string, offset = jsonErrorOffset(value)): string {
  if (offset < 0 || offset >= value.length) return "it ends before its JSON does: an unclosed `{`, `[` or string";
  const char = value[offset]!;
  const shown = /[\u0000-\u001f]/.test(char) ? `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : `\`${char}\``;
  const before = value.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `${shown} at ${line > 1 || value.includes("\n") ? `line ${line}, column ${column}` : `character ${column}`} of the value is not where JSON allows it`;
}

/**
 * `ipam-whitespace-stripped`: an `ipam` the operator renders, with white space inside a JSON string (or a
 * number or word) that its whitespace removal takes out too: `"dataDir": "/a b"` reaches the CNI as
 * `"/ab"`. One warning per such token, at the token in the file, saying what the CNI receives.
 */
function checkStrippedWhitespace(ipam: LocatedScalar, value: string, diagnostics: Diagnostic[]): void {
  for (const token of strippedTokens(value)) {
    const written = shown(value.slice(token.from, token.to));
    const span = locatePart(ipam, token.from, token.to) ?? ipam.span;
    const what = token.kind === "key" ? "the key" : token.kind === "string" ? "the string" : "the value";
    // A JSON escape keeps the character; a YAML `"…"` string escapes JSON's `\` and `"` once more.
    const escaped = escapeSpaces(value.slice(token.from, token.to));
    const help =
      token.kind === "literal"
        ? `remove the white space: \`${token.rendered}\``
        : ipam.style === "QUOTE_DOUBLE"
          ? `write the white space as a JSON escape, which the operator keeps; in this YAML \`"…"\` string: \`${escaped.replace(/[\\"]/g, (c) => `\\${c}`)}\``
          : `write the white space as a JSON escape, which the operator keeps: \`${escaped}\``;
    diagnostics.push(
      diagnostic(IPAM_WHITESPACE_STRIPPED, "warning", span, `${what} \`${written}\` in \`ipam\` has white space, which the operator removes from all of \`ipam\`, inside strings too: the CNI receives \`${token.rendered}\``, { help }),
    );
  }
}

/**
 * The JSON tokens of `value` (strings, keys, and literals: numbers, `true`…) that hold white space the operator removes:
 * where they are in the value and what they are once it is removed. `value` renders to JSON (ipamProblem).
 */
export function strippedTokens(value: string): { from: number; to: number; kind: "key" | "string" | "literal"; rendered: string }[] {
  // The value's offset of each character that stays.
  const kept: number[] = [];
  for (let i = 0; i < value.length; i++) if (!IS_GO_SPACE.test(value[i]!)) kept.push(i);
  const rendered = kept.map((i) => value[i]).join("");
  const out: { from: number; to: number; kind: "key" | "string" | "literal"; rendered: string }[] = [];
  for (let i = 0; i < rendered.length; ) {
    const c = rendered[i]!;
    let end: number;
    if (c === '"') {
      end = i + 1;
      while (end < rendered.length && rendered[end] !== '"') end += rendered[end] === "\\" ? 2 : 1;
      end++;
    } else if (/[^{}[\],:]/.test(c)) {
      end = i;
      while (end < rendered.length && /[^{}[\],:"]/.test(rendered[end]!)) end++;
    } else {
      i++;
      continue;
    }
    const from = kept[i]!;
    const to = kept[Math.min(end, kept.length) - 1]! + 1;
    if (value.slice(from, to).split("").some((ch) => IS_GO_SPACE.test(ch)))
      out.push({ from, to, kind: c !== '"' ? "literal" : rendered[end] === ":" ? "key" : "string", rendered: rendered.slice(i, end) });
    i = end;
  }
  return out;
}

/** A token as written, on one line: line breaks, tabs and the other white space than a space as escapes. */
function shown(text: string): string {
  return text.replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(/\r/g, "\\r").replace(GO_SPACE, (ch) => (ch === " " ? " " : `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

/** A JSON string with each white space character as its `\u` escape, which the operator does not remove. */
function escapeSpaces(text: string): string {
  return text.replace(GO_SPACE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
