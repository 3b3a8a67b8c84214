import { describe, expect, it } from "vitest";
import { findingsIn, network, NODE_STATE, policy } from "../helpers/check-interop.js";

const at = (f: { at: string; message: string; help: string | undefined }) => `${f.at} ${f.message} | ${f.help}`;

describe("invalid-field-value", () => {
  it("a quoted number, an unquoted id, a value outside its enum and bounds, each at its value", () => {
    const text = policy({ extra: "  deviceType: vfio\n  priority: 120\n" }).replace("numVfs: 8", 'numVfs: "8"').replace('    pfNames: ["ens1f0"]', '    pfNames: ["ens1f0"]\n    vendor: 8086');
    expect(findingsIn("invalid-field-value", { "p.yaml": text }).map(at)).toEqual([
      'p.yaml:10:11 `numVfs` is a string, and the CRD wants an integer: the API server refuses the object | write it without quotes: `numVfs: 8`',
      'p.yaml:13:13 `nicSelector.vendor` is an integer, and the CRD wants a string: the API server refuses the object | quote it: `vendor: "8086"`',
      "p.yaml:14:15 `deviceType: vfio` is not one of `netdevice`, `vfio-pci`: the API server refuses the object | did you mean `vfio-pci`?",
      "p.yaml:15:13 `priority: 120` is above the CRD's maximum (99): the API server refuses the object | use at most 99",
    ]);
  });

  it("a bare on/off is a boolean in Kubernetes' YAML 1.1: refused where the CRD wants the string", () => {
    expect(findingsIn("invalid-field-value", { "n.yaml": network("  resourceName: intelnics\n  spoofChk: off\n  trust: \"on\"\n  vlan: 5000\n") }).map(at)).toEqual([
      'n.yaml:7:13 `spoofChk` is a boolean, and the CRD wants a string: the API server refuses the object | quote it: `spoofChk: "off"` (Kubernetes reads YAML 1.1, where a bare on/off/yes/no is a boolean)',
      "n.yaml:9:9 `vlan: 5000` is above the CRD's maximum (4094): the API server refuses the object | use at most 4094",
    ]);
  });

  it("JSON written as a YAML map where the CRD wants the JSON string: the help writes the string", () => {
    const spec = '  resourceName: intelnics\n  ipam: {"type": "host-local", "ranges": [[{"subnet": "10.56.217.0/24"}]]}\n  capabilities:\n    mac: true\n  metaPlugins: {"type": "tuning", "note": "it\'s"}\n';
    expect(findingsIn("invalid-field-value", { "n.yaml": network(spec) }).map(at)).toEqual([
      'n.yaml:7:9 `ipam` is an object, and the CRD wants a string: the API server refuses the object | write the JSON as a YAML string, which the operator copies into the CNI config: `ipam: \'{"type":"host-local","ranges":[[{"subnet":"10.56.217.0/24"}]]}\'`',
      "n.yaml:9:5 `capabilities` is an object, and the CRD wants a string: the API server refuses the object | write the JSON as a YAML string, which the operator copies into the CNI config: `capabilities: '{\"mac\":true}'`",
      'n.yaml:10:16 `metaPlugins` is an object, and the CRD wants a string: the API server refuses the object | write the JSON as a YAML string, which the operator copies into the CNI config: `metaPlugins: \'{"type": …}\'`',
    ]);
  });

  it("a required field left out, at `spec`; a resource name the webhook refuses", () => {
    const text = policy({ resource: "intel-nics" }).replace("  numVfs: 8\n", "");
    expect(findingsIn("invalid-field-value", { "p.yaml": text }).map(at)).toEqual([
      "p.yaml:6:1 `spec` lacks `numVfs`, which the CRD requires: the API server refuses the object | add `numVfs`",
      "p.yaml:9:17 resource name `intel-nics` has characters the operator's webhook refuses: only letters, digits and `_` | write `intel_nics`",
    ]);
  });

  // Their CRDs (schema/operator/), as a SriovNetwork's: the API server refuses what they refuse.
  it("a SriovIBNetwork's and an OVSNetwork's spec, against their CRDs", () => {
    const other = (kind: string, spec: string) => `apiVersion: sriovnetwork.openshift.io/v1\nkind: ${kind}\nmetadata:\n  name: net-b\nspec:\n${spec}`;
    expect(findingsIn("invalid-field-value", { "ib.yaml": other("SriovIBNetwork", "  resourceName: mlxib\n  linkState: up\n"), "ovs.yaml": other("OVSNetwork", "  vlan: 5000\n  mtu: \"9000\"\n") }).map(at)).toEqual([
      "ib.yaml:7:14 `linkState: up` is not one of `auto`, `enable`, `disable`: the API server refuses the object | write one of `auto`, `enable`, `disable`",
      "ovs.yaml:5:1 `spec` lacks `resourceName`, which the CRD requires: the API server refuses the object | add `resourceName`",
      "ovs.yaml:6:9 `vlan: 5000` is above the CRD's maximum (4095): the API server refuses the object | use at most 4095",
      "ovs.yaml:7:8 `mtu` is a string, and the CRD wants an integer: the API server refuses the object | write it without quotes: `mtu: 9000`",
    ]);
  });

  // sriov-network-operator renders `ipam` raw into the NetworkAttachmentDefinition's CNI config, with its
  // whitespace removed (api/v1/helper.go), and parses the result before creating it (controllers/helper.go).
  it("an `ipam` the operator cannot render: not JSON (at the character), only whitespace, no object, a lone `'`", () => {
    const noAttachment = "creates no NetworkAttachmentDefinition for the network: pods that ask for it do not start";
    const objectHelp = 'write a JSON object in a YAML string: `ipam: \'{"type": "host-local", "subnet": "10.56.217.0/24"}\'`, or `ipam: "{}"` for none';
    const files = {
      "quotes.yaml": network(`  resourceName: intelnics\n  ipam: "{'type': 'host-local'}"\n`),
      "comma.yaml": network('  resourceName: intelnics\n  ipam: |\n    {\n      "type": "host-local",\n      "subnet": "10.56.217.0/24",\n    }\n'),
      "blank.yaml": network('  resourceName: intelnics\n  ipam: " "\n'),
      "list.yaml": network("  resourceName: intelnics\n  ipam: '[]'\n"),
      "quote.yaml": network(`  resourceName: intelnics\n  ipam: '{"type": "host-local", "dataDir": "/run/it''s"}'\n`),
      "cut.yaml": network('  resourceName: intelnics\n  ipam: \'{"type": "host-local"\'\n'),
    };
    expect(findingsIn("invalid-field-value", files).map(at)).toEqual([
      `blank.yaml:7:9 \`ipam\` is only whitespace, which the operator removes, leaving \`"ipam":\` without a value in the CNI config it renders (it writes \`{}\` only for an empty \`ipam\`): the operator ${noAttachment} | leave \`ipam\` out, or write \`ipam: "{}"\``,
      `comma.yaml:7:9 \`ipam\` is not JSON (\`}\` at line 4, column 1 of the value is not where JSON allows it): the operator writes it raw into the CNI config of the NetworkAttachmentDefinition, cannot parse the result, and ${noAttachment} | ${objectHelp}`,
      `cut.yaml:7:9 \`ipam\` is not JSON (it ends before its JSON does: an unclosed \`{\`, \`[\` or string): the operator writes it raw into the CNI config of the NetworkAttachmentDefinition, cannot parse the result, and ${noAttachment} | ${objectHelp}`,
      `list.yaml:7:9 \`ipam\` is a list in JSON, not an object: the CNI plugin reads \`ipam\` as an object with its \`type\` and fails every pod that asks for the network | ${objectHelp}`,
      `quote.yaml:7:9 \`ipam\` has a \`'\`, which ends the single-quoted \`config: '…'\` of the operator's NetworkAttachmentDefinition template: the rendering fails, and the operator ${noAttachment} | remove the \`'\` (a JSON string can say it as \`\\u0027\`)`,
      `quotes.yaml:7:9 \`ipam\` is not JSON (\`'\` at character 2 of the value is not where JSON allows it): the operator writes it raw into the CNI config of the NetworkAttachmentDefinition, cannot parse the result, and ${noAttachment} | JSON quotes its strings with \`"\`, not \`'\`; ${objectHelp}`,
    ]);
  });

  it("an `ipam` the operator accepts is not reported: left out, empty, `{}`, `null`, the operator's own tests' values, spread over lines", () => {
    const ipams = ["", '  ipam: ""\n', "  ipam: '{}'\n", "  ipam: 'null'\n", '  ipam: \'{"type":"host-local","subnet":"10.10.10.0/24","rangeStart":"10.10.10.171","rangeEnd":"10.10.10.181"}\'\n', '  ipam: |\n    {\n      "type": "whereabouts",\n      "range": "192.168.2.225/28"\n    }\n'];
    const files = Object.fromEntries(ipams.map((ipam, i) => [`n${i}.yaml`, network(`  resourceName: intelnics\n${ipam}`, `net-${i}`)]));
    expect(findingsIn("invalid-field-value", files)).toEqual([]);
  });

  // The operator writes `metaPlugins` raw after the SR-IOV plugin in the CNI config's `plugins` list
  // (bindata/manifests/cni-config/): JSON objects separated by commas, each with the plugin's `type`.
  it("a `metaPlugins` the operator or the CNI cannot use: a list, a trailing comma, single quotes, a plugin without a type, only white space, a lone `'`", () => {
    const noAttachment = "creates no NetworkAttachmentDefinition for the network: pods that ask for it do not start";
    const pluginsHelp = `write each plugin as a JSON object, separated by commas, in a YAML string: \`metaPlugins: '{"type": "tuning", "sysctl": {"net.core.somaxconn": "500"}}, {"type": "vrf", "vrfname": "red"}'\``;
    const notJson = "the operator writes it raw into the `plugins` list of the CNI config, after the SR-IOV plugin, cannot parse the result, and " + noAttachment;
    const files = {
      "list.yaml": network('  resourceName: intelnics\n  metaPlugins: |\n    [\n      {"type": "tuning", "sysctl": {"net.core.somaxconn": "500"}}\n    ]\n'),
      "comma.yaml": network('  resourceName: intelnics\n  metaPlugins: |\n    {"type": "tuning"},\n    {"type": "vrf", "vrfname": "red"},\n'),
      "quotes.yaml": network(`  resourceName: intelnics\n  metaPlugins: "{'type': 'tuning'}"\n`),
      "untyped.yaml": network('  resourceName: intelnics\n  metaPlugins: \'{"type": "tuning"}, {"vrfname": "red"}\'\n'),
      "string.yaml": network("  resourceName: intelnics\n  metaPlugins: '\"tuning\"'\n"),
      "blank.yaml": network('  resourceName: intelnics\n  metaPlugins: " "\n'),
      "quote.yaml": network(`  resourceName: intelnics\n  metaPlugins: '{"type": "tuning", "note": "it''s"}'\n`),
      "missing.yaml": network('  resourceName: intelnics\n  metaPlugins: |\n    {"type": "tuning"}\n    {"type": "vrf", "vrfname": "red"}\n'),
    };
    expect(findingsIn("invalid-field-value", files).map(at)).toEqual([
      `blank.yaml:7:16 \`metaPlugins\` is only white space: the operator still writes the \`plugins\` list with a \`,\` after the SR-IOV plugin and nothing after it, which is not JSON, and ${noAttachment} | leave \`metaPlugins\` out, or give the plugins to chain: \`metaPlugins: '{"type": "tuning", "sysctl": {"net.core.somaxconn": "500"}}, {"type": "vrf", "vrfname": "red"}'\``,
      `comma.yaml:7:16 \`metaPlugins\` is not JSON objects separated by commas (it ends with a \`,\`, and the operator closes the \`plugins\` list right after it): ${notJson} | ${pluginsHelp}`,
      `list.yaml:7:16 \`metaPlugins\` is a JSON list, and the operator writes its text into the \`plugins\` list, after the SR-IOV plugin: the list becomes one plugin there, which the CNI cannot read, and it fails every pod that asks for the network | write the plugins without the list's \`[\` and \`]\`, separated by commas: \`metaPlugins: '{"type": "tuning", "sysctl": {"net.core.somaxconn": "500"}}, {"type": "vrf", "vrfname": "red"}'\``,
      `missing.yaml:7:16 \`metaPlugins\` is not JSON objects separated by commas (\`{\` at line 2, column 1 of the value is not where JSON allows it): ${notJson} | ${pluginsHelp}`,
      `quote.yaml:7:16 \`metaPlugins\` has a \`'\`, which ends the single-quoted \`config: '…'\` of the operator's NetworkAttachmentDefinition template: the rendering fails, and the operator ${noAttachment} | remove the \`'\` (a JSON string can say it as \`\\u0027\`)`,
      `quotes.yaml:7:16 \`metaPlugins\` is not JSON objects separated by commas (\`'\` at character 2 of the value is not where JSON allows it): ${notJson} | JSON quotes its strings with \`"\`, not \`'\`; ${pluginsHelp}`,
      `string.yaml:7:16 \`metaPlugins\`: its plugin is a string, not a plugin's config (an object with its \`type\`): the CNI refuses the network's \`plugins\` list and fails every pod that asks for the network | ${pluginsHelp}`,
      `untyped.yaml:7:16 \`metaPlugins\`: its plugin 2 (of 2) is an object without a \`type\`, not a plugin's config (an object with its \`type\`): the CNI refuses the network's \`plugins\` list and fails every pod that asks for the network | ${pluginsHelp}`,
    ]);
  });

  // The operator writes `capabilities` as it is after `"capabilities":` in the SR-IOV plugin's config
  // (RenderNetAttDef, SriovCniCapabilities), which the CNI reads as libcni's `map[string]bool`.
  it("a `capabilities` that is not a JSON object of booleans: not JSON, single quotes, a list, a quoted boolean, a number, only white space, a lone `'`", () => {
    const noAttachment = "creates no NetworkAttachmentDefinition for the network: pods that ask for it do not start";
    const help = "write a JSON object of booleans in a YAML string: `capabilities: '{\"mac\": true, \"ips\": true}'`";
    const unreadable = "the CNI reads `capabilities` as an object of booleans (libcni's `map[string]bool`), cannot read the network's config, and fails every pod that asks for the network";
    const files = {
      "comma.yaml": network('  resourceName: intelnics\n  capabilities: \'{"mac": true,}\'\n'),
      "quotes.yaml": network(`  resourceName: intelnics\n  capabilities: "{'mac': true}"\n`),
      "list.yaml": network('  resourceName: intelnics\n  capabilities: \'["mac"]\'\n'),
      "quoted.yaml": network('  resourceName: intelnics\n  capabilities: \'{"mac": "true"}\'\n'),
      "number.yaml": network('  resourceName: intelnics\n  capabilities: \'{"ips": 1}\'\n'),
      "blank.yaml": network('  resourceName: intelnics\n  capabilities: " "\n'),
      "quote.yaml": network(`  resourceName: intelnics\n  capabilities: \'{"it\'\'s": true}\'\n`),
    };
    expect(findingsIn("invalid-field-value", files).map(at)).toEqual([
      `blank.yaml:7:17 \`capabilities\` is only white space, which the operator writes as it is, leaving \`"capabilities":\` without a value in the CNI config it renders: the operator ${noAttachment} | leave \`capabilities\` out, or ${help}`,
      `comma.yaml:7:17 \`capabilities\` is not JSON (\`}\` at character 14 of the value is not where JSON allows it): the operator writes it raw into the CNI config of the NetworkAttachmentDefinition, cannot parse the result, and ${noAttachment} | ${help}`,
      `list.yaml:7:17 \`capabilities\` is a list in JSON, not an object: ${unreadable} | ${help}`,
      `number.yaml:7:17 \`capabilities\`: \`ips\` is a number, not \`true\` or \`false\`: ${unreadable} | ${help}`,
      `quote.yaml:7:17 \`capabilities\` has a \`'\`, which ends the single-quoted \`config: '…'\` of the operator's NetworkAttachmentDefinition template: the rendering fails, and the operator ${noAttachment} | remove the \`'\` (a JSON string can say it as \`\\u0027\`)`,
      `quoted.yaml:7:17 \`capabilities\`: \`mac\` is a string, not \`true\` or \`false\`: ${unreadable} | write the boolean without quotes: \`"mac": true\``,
      `quotes.yaml:7:17 \`capabilities\` is not JSON (\`'\` at character 2 of the value is not where JSON allows it): the operator writes it raw into the CNI config of the NetworkAttachmentDefinition, cannot parse the result, and ${noAttachment} | JSON quotes its strings with \`"\`, not \`'\`; ${help}`,
    ]);
  });

  it("the `capabilities` of the operator's documentation are accepted, and so are `{}`, `null` and `false` values, on every network kind", () => {
    const other = (kind: string, caps: string) => `apiVersion: sriovnetwork.openshift.io/v1\nkind: ${kind}\nmetadata:\n  name: x\nspec:\n  resourceName: r\n  capabilities: ${caps}\n`;
    const files = {
      "docs.yaml": network('  resourceName: intelnics\n  capabilities: \'{ "mac": true, "ips": true }\'\n'),
      "empty.yaml": network("  resourceName: intelnics\n  capabilities: '{}'\n", "net-e"),
      "null.yaml": network("  resourceName: intelnics\n  capabilities: 'null'\n", "net-n"),
      "lines.yaml": network('  resourceName: intelnics\n  capabilities: |\n    {\n      "mac": false\n    }\n', "net-l"),
      "ib.yaml": other("SriovIBNetwork", '\'{"infinibandGUID": true}\''),
      "ovs.yaml": other("OVSNetwork", '\'{"mac": true}\''),
    };
    expect(findingsIn("invalid-field-value", files)).toEqual([]);
    expect(findingsIn("unknown-field", files)).toEqual([]);
    expect(findingsIn("invalid-field-value", { "ib.yaml": other("SriovIBNetwork", "\'[true]\'") }).map((f) => `${f.at} ${f.message.split(":")[0]}`)).toEqual(["ib.yaml:7:17 `capabilities` is a list in JSON, not an object"]);
  });

  it("the `metaPlugins` of the operator's own documentation (written there as `metaPluginsConfig`, the Go field's name) are accepted, on every network kind", () => {
    // doc/api/sriov-network-api.md (tuning with a sysctl, then vrf), doc/advanced-features.md (tuning with
    // capabilities and sysctls, then bandwidth), doc/rdma-configuration.md (rdma).
    const docs = [
      '    {\n      "type": "tuning",\n      "sysctl": {\n        "net.core.somaxconn": "500"\n      }\n    },\n    {\n      "type": "vrf",\n      "vrfname": "red"\n    }\n',
      '    {\n      "type": "tuning",\n      "capabilities": {\n        "mac": true\n      },\n      "sysctl": {\n        "net.core.somaxconn": "1024",\n        "net.ipv4.tcp_congestion_control": "bbr"\n      }\n    },\n    {\n      "type": "bandwidth",\n      "ingressRate": "100M",\n      "egressRate": "100M"\n    }\n',
      '    {\n      "type": "rdma"\n    }\n',
    ];
    const other = (kind: string, name: string, body: string) => `apiVersion: sriovnetwork.openshift.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n  resourceName: r\n  metaPlugins: |\n${body}`;
    const files = {
      ...Object.fromEntries(docs.map((body, i) => [`n${i}.yaml`, network(`  resourceName: intelnics\n  metaPlugins: |\n${body}`, `net-${i}`)])),
      "ib.yaml": other("SriovIBNetwork", "ib", docs[2]!),
      "ovs.yaml": other("OVSNetwork", "ovs", docs[0]!),
      "flow.yaml": network(`  resourceName: intelnics\n  metaPlugins: '{"type": "tuning", "sysctl": {"net.ipv4.conf.IFNAME.arp_notify": "1"}}'\n`, "net-flow"),
    };
    expect(findingsIn("invalid-field-value", files)).toEqual([]);
    // The same JSON in a list is refused on each kind: the check is the operator's template, which they share.
    const listed = { "ib.yaml": other("SriovIBNetwork", "ib", `    [${docs[2]!.trim()}]\n`), "ovs.yaml": other("OVSNetwork", "ovs", `    [${docs[2]!.trim()}]\n`) };
    const list = "`metaPlugins` is a JSON list, and the operator writes its text into the `plugins` list, after the SR-IOV plugin";
    expect(findingsIn("invalid-field-value", listed).map((f) => `${f.at} ${f.message.split(":")[0]}`)).toEqual([`ib.yaml:7:16 ${list}`, `ovs.yaml:7:16 ${list}`]);
  });

  // The device plugin compares `pKeys` as text with the kernel's `0x%04x` of the VF's PKey (sriovnet, Linux's
  // drivers/infiniband/core/sysfs.c): its own README's `0x1` and `0xABCD` match no VF.
  it("a device plugin `pKeys` entry not in the kernel's spelling matches no VF: at the entry, with the spelling that matches", () => {
    const config = '{\n  "resourceList": [{\n    "resourceName": "ib_pkey",\n    "selectors": [{"linkTypes": ["infiniband"], "pKeys": ["0x1", "0xABCD", "0x8001", "ffff"]}]\n  }]\n}\n';
    const message = (v: string) => `PKey \`${v}\` matches no VF: the device plugin compares \`pKeys\` as text with the VF's PKey as the kernel writes it, \`0x\` and four lowercase hex digits`;
    expect(findingsIn("invalid-field-value", { "config.json": config }).map(at)).toEqual([
      `config.json:4:59 ${message("0x1")} | write \`0x0001\``,
      `config.json:4:66 ${message("0xABCD")} | write \`0xabcd\``,
      `config.json:4:86 ${message("ffff")} | write the PKey as the kernel does, e.g. \`0x8001\` (the full-membership bit is part of it: the default partition is \`0xffff\`)`,
    ]);
  });

  // A namespace's name is a DNS-1123 label; the operator makes the NetworkAttachmentDefinition in that namespace.
  it("a `networkNamespace` no namespace can have, for every network kind, at its value, with a name that can be", () => {
    const other = (kind: string, spec: string) => `apiVersion: sriovnetwork.openshift.io/v1\nkind: ${kind}\nmetadata:\n  name: net-b\nspec:\n  resourceName: r\n${spec}`;
    const message = (ns: string) =>
      `\`networkNamespace: ${ns}\` is no name a namespace can have (a DNS-1123 label: at most 63 lowercase letters, digits and \`-\`, starting and ending with a letter or digit): the operator creates no NetworkAttachmentDefinition for the network: pods that ask for it do not start`;
    const long = "a".repeat(64);
    const files = {
      "n.yaml": network("  resourceName: intelnics\n  networkNamespace: Team_A\n"),
      "ib.yaml": other("SriovIBNetwork", "  networkNamespace: -tenant-\n"),
      "ovs.yaml": other("OVSNetwork", `  networkNamespace: ${long}\n  ipam: "{"\n`),
    };
    expect(findingsIn("invalid-field-value", files).map(at)).toEqual([
      `ib.yaml:7:21 ${message("-tenant-")} | write the namespace's name, e.g. \`networkNamespace: tenant\``,
      `n.yaml:7:21 ${message("Team_A")} | write the namespace's name, e.g. \`networkNamespace: team-a\``,
      `ovs.yaml:7:21 ${message(long)} | write the namespace's name, e.g. \`networkNamespace: ${"a".repeat(63)}\``,
      // The OVSNetwork's ipam is checked as a SriovNetwork's.
      `ovs.yaml:8:9 \`ipam\` is not JSON (it ends before its JSON does: an unclosed \`{\`, \`[\` or string): the operator writes it raw into the CNI config of the NetworkAttachmentDefinition, cannot parse the result, and creates no NetworkAttachmentDefinition for the network: pods that ask for it do not start | write a JSON object in a YAML string: \`ipam: '{"type": "host-local", "subnet": "10.56.217.0/24"}'\`, or \`ipam: "{}"\` for none`,
    ]);
    expect(findingsIn("invalid-field-value", { "ok.yaml": network("  resourceName: intelnics\n  networkNamespace: sriov-network-operator\n"), "empty.yaml": network('  resourceName: intelnics\n  networkNamespace: ""\n', "net-b") })).toEqual([]);
  });

  it("valid objects, node states and the operator's own quoting are not reported", () => {
    expect(findingsIn("invalid-field-value", { "s.yaml": NODE_STATE, "p.yaml": policy(), "n.yaml": network('  resourceName: intelnics\n  spoofChk: "off"\n  vlan: 100\n') })).toEqual([]);
  });
});
