/** No floods: one cause, one diagnostic; `--format json` still lists every finding with its own location. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { diagnostic } from "../../src/diagnostics/diagnostic.js";
import { groupCopies } from "../../src/diagnostics/group.js";
import { renderJson, type JsonDiagnostic } from "../../src/diagnostics/render/json.js";
import { checkSource } from "../helpers/check-source.js";
import { REPO } from "../helpers/cli.js";

describe("grouping", () => {
  it("the copies of a replicated block: vm upf[1..4] on a bare-metal host is one error naming upf1..upf4", () => {
    const text = "host h1 {\n  hypervisor = none\n  vm upf[1..4] {\n    vcpus = 1\n  }\n}\n";
    const found = checkSource(text).filter((d) => d.rule === "vm-on-bare-metal");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe("vm upf1..upf4 cannot run on h1: it is bare metal (`hypervisor = none`)");
    expect(found[0]!.locations?.map((l) => l.message)).toEqual([1, 2, 3, 4].map((i) => `vm upf${i} cannot run on h1: it is bare metal (\`hypervisor = none\`)`));
    const json = JSON.parse(renderJson(found)) as JsonDiagnostic[];
    expect(json.map((d) => [d.message, d.group])).toEqual(
      [1, 2, 3, 4].map((i) => [`vm upf${i} cannot run on h1: it is bare metal (\`hypervisor = none\`)`, found[0]!.message]),
    );
  });

  it("zero-padded copies are named as declared: vm upf01..upf03, not upf1..upf3", () => {
    const text = "host h1 {\n  hypervisor = none\n  vm upf[01..03] { vcpus = 1 }\n}\n";
    expect(checkSource(text).find((d) => d.rule === "vm-on-bare-metal")?.message).toBe("vm upf01..upf03 cannot run on h1: it is bare metal (`hypervisor = none`)");
    const two = "host h1 {\n  hypervisor = none\n  vm upf[09..10] { vcpus = 1 }\n}\n";
    expect(checkSource(two).find((d) => d.rule === "vm-on-bare-metal")?.message).toBe("vm upf09 and upf10 cannot run on h1: it is bare metal (`hypervisor = none`)");
  });

  it("non-consecutive copies are listed", () => {
    const text = "host h1 {\n  hypervisor = none\n  vm web[1..2] { vcpus = 1 }\n}\n";
    expect(checkSource(text).find((d) => d.rule === "vm-on-bare-metal")?.message).toBe("vm web1 and web2 cannot run on h1: it is bare metal (`hypervisor = none`)");
  });

  it("the verb after the copies' names agrees with them, and a copy pinned by the same words is no note", () => {
    const text = "host h1 {\n  cores = 8\n  vm web[1..3] { pin = 2..3 }\n}\n";
    const [found] = checkSource(text).filter((d) => d.rule === "pin-overlap");
    expect(found!.message).toBe("vm web2 and web3 share cores 2, 3 with vm web1");
    expect(found!.locations?.map((l) => l.message)).toEqual(["vm web2 shares cores 2, 3 with vm web1", "vm web3 shares cores 2, 3 with vm web1"]);
    expect(found!.related).toEqual([]);
    const bare = "host h1 {\n  hypervisor = none\n  vm upf[1..4] {\n    vcpus = 1\n    iface n { attach = pf(x.p) }\n  }\n  nic x { pf p {} }\n}\n";
    expect(checkSource(bare).find((d) => d.rule === "vm-on-bare-metal")?.message).toBe("vm upf1..upf4 cannot run on h1: it is bare metal (`hypervisor = none`)");
  });

  it("the copies' interfaces are the subject too: the verb agrees, and what is each copy's own in that clause is theirs (their VFs; their PF when one is named)", () => {
    const text = [
      "host h1 {",
      "  cores = 16",
      "  iommu = true",
      '  nic x {\n    model = "intel-x710"\n    pf p0 { vfs = 8 }\n  }',
      "  vm web[1..3] {",
      "    vcpus = 2",
      "    live_migration = true",
      "    iface eth0 {\n      attach = vf(x.p0)\n      spoofchk = false\n      trust = true\n      mtu = 9000\n    }",
      "  }",
      "}",
      "",
    ].join("\n");
    const messages = new Map(checkSource(text).map((d) => [d.rule, d.message]));
    expect(messages.get("vf-spoofcheck-disabled")).toBe("web1..web3.eth0 turn off MAC anti-spoofing on their VFs (`spoofchk = false`): the guest can send frames with any source MAC");
    expect(messages.get("vf-trust-enabled")).toBe("web1..web3.eth0 put their VFs in trusted mode (`trust = true`): the guest can change its MAC and turn on promiscuous mode");
    expect(messages.get("live-migration-with-vf")).toBe("vm web1..web3 are meant to live-migrate, but web1..web3.eth0 are VFs of x.p0 passed through to them: a VM with a VF cannot be live-migrated");
    expect(messages.get("mtu-exceeds-pf")).toBe("the MTUs of web1..web3.eth0 (9000) are above the MTU of their PF x.p0 (1500): the VF cannot carry such frames");
    const one = checkSource(text.replace("web[1..3]", "web1")).filter((d) => d.rule === "vf-trust-enabled");
    expect(one.map((d) => d.message)).toEqual(["web1.eth0 puts its VF in trusted mode (`trust = true`): the guest can change its MAC and turn on promiscuous mode"]);
  });

  it("a help with no names agrees with the copies too ('start them'), while each copy's own help, in JSON, keeps the singular", () => {
    const topology = "host h1 {\n  nic x { pf p0 {} }\n  iface e { attach = pf(x.p0) }\n}\n";
    const text = `${topology}traffic t[1..2] {\n  to = h1.e\n  rate = 1Kpps\n  start = 1s\n}\n`;
    const found = checkSource(text).filter((d) => d.rule === "traffic-after-run");
    expect(found.map((d) => [d.message, d.help])).toEqual([
      [
        "traffic t1 and t2 start at 1s, but the simulation ends at 100ms (the default `duration`): they send nothing",
        "start them before 100ms, or make the simulation longer: `simulation { duration = 2s }`",
      ],
    ]);
    const json = JSON.parse(renderJson(found)) as JsonDiagnostic[];
    expect(json.map((d) => [d.message, d.help, d.group])).toEqual(
      [1, 2].map((i) => [
        `traffic t${i} starts at 1s, but the simulation ends at 100ms (the default \`duration\`): it sends nothing`,
        "start it before 100ms, or make the simulation longer: `simulation { duration = 2s }`",
        found[0]!.message,
      ]),
    );
    // The other case of the rule, and three copies as a range.
    const stops = `${topology}simulation { warmup = 20ms }\ntraffic t[1..3] {\n  to = h1.e\n  rate = 1Kpps\n  stop = 10ms\n}\n`;
    expect(checkSource(stops).filter((d) => d.rule === "traffic-after-run").map((d) => [d.message, d.help])).toEqual([
      [
        "traffic t1..t3 stop at 10ms, but the warm-up lasts until 20ms (`warmup`): nothing they send is measured",
        "stop them after 20ms, or shorten the warm-up: `simulation { warmup = 5ms }`",
      ],
    ]);
    // A single block keeps the singular.
    const one = `${topology}traffic t1 {\n  to = h1.e\n  rate = 1Kpps\n  start = 1s\n}\n`;
    expect(checkSource(one).find((d) => d.rule === "traffic-after-run")?.help).toBe("start it before 100ms, or make the simulation longer: `simulation { duration = 2s }`");
  });

  it("every `it` and `its` of a grouped help is the copies': objects, subjects with their verbs, possessives; code stays as written", () => {
    const at = { file: "t.sriov", start: 10, end: 14, line: 1, column: 11, endLine: 1, endColumn: 15 };
    const list = [1, 2, 3].map((n) =>
      diagnostic("some-rule", "warning", at, `vm web${n} says \`numa = 1\``, {
        help: `free cores of node 1 for web${n} (or give it fewer vCPUs), or pin it; give it a port of its own unless it is meant to share one, as \`pin = it\` says`,
      }),
    );
    const [only] = groupCopies(list);
    expect(only!.help).toBe("free cores of node 1 for web1..web3 (or give them fewer vCPUs), or pin them; give them a port of their own unless they are meant to share one, as `pin = it` says");
    expect(only!.locations?.map((l) => l.help)).toEqual([1, 2, 3].map((n) => list[n - 1]!.help));
    // A help with no pronoun is the group's as it is, and no copy keeps a help of its own.
    const plain = [1, 2].map((n) => diagnostic("some-rule", "warning", at, `vm web${n} is idle`, { help: "remove `vfs`" }));
    const [grouped] = groupCopies(plain);
    expect(grouped!.help).toBe("remove `vfs`");
    expect(grouped!.locations?.map((l) => l.help)).toEqual([undefined, undefined]);
  });

  it("copies of a VM on a host without IOMMU are one finding; their interfaces are vSwitch ports, and one MAC they share is one MAC", () => {
    const text = [
      "host h1 {",
      "  cores = 16",
      "  iommu = false",
      '  nic x {\n    model = "intel-x710"\n    pf p0 { vfs = 8 }\n    pf p1 {}\n  }',
      "  vswitch br { type = ovs  uplinks = [x.p1] }",
      "  vm web[1..3] {",
      "    vcpus = 2",
      "    iface eth0 { attach = vf(x.p0)  mac = 52:54:00:00:00:01 }",
      "    iface eth1 { attach = vswitch(br)  spoofchk = false }",
      "  }",
      "}",
      "",
    ].join("\n");
    const found = checkSource(text);
    const of = (rule: string) => found.filter((d) => d.rule === rule).map((d) => d.message);
    // The VFs were allocated (VF 0, 1, 2): no index in the message, so the copies' findings are one.
    expect(of("iommu-required")).toEqual(["web1..web3.eth0 pass VFs of x.p0 through to vm web1..web3, but host h1 has no IOMMU (`iommu = false`)"]);
    expect(of("vf-only-attribute")).toEqual(["`spoofchk` has no effect on web1..web3.eth1: it is a VF setting, and web1..web3.eth1 are vSwitch ports (`vswitch(br)`)"]);
    expect(of("duplicate-mac")).toEqual(["MAC 52:54:00:00:00:01 of web2.eth0 and web3.eth0 is already used by web1.eth0 on x.p0"]);
  });

  it("copies listed under their owner are each named with it: x.p1 and x.p2, not 'x.p1 and p2'; a predicate after 'but' agrees", () => {
    const text = 'host h1 {\n  nic x {\n    model = "intel-x710"\n    pf p[1..2] { vfs = 40 }\n  }\n  nic spare[1..2] { model = "intel-x710"  pf s0 {} }\n}\n';
    const found = checkSource(text);
    const of = (rule: string) => found.filter((d) => d.rule === rule).map((d) => [d.message, d.help]);
    expect(of("vf-count-exceeds-max")).toEqual([["x.p1 and x.p2 enable 40 VFs, but they support at most 32 (the intel-x710 limit)", "lower `vfs` on x.p1 and x.p2 to 32 or less"]]);
    expect(of("unused-declaration")).toEqual([
      ["nic x is declared, but none of its PFs is used", "attach an interface to one of its PFs or make one a vSwitch uplink, or remove it"],
      ["nic spare1 and spare2 are declared, but none of their PFs is used", "attach an interface to one of their PFs or make one a vSwitch uplink, or remove them"],
    ]);
    const pinned = "host h1 {\n  cores = 16\n  vm a[1..3] {\n    vcpus = 2\n    pin = 2..4\n  }\n}\n";
    expect(checkSource(pinned).filter((d) => d.rule === "pin-count-mismatch").map((d) => [d.message, d.help])).toEqual([
      ["vm a1..a3 are pinned to 3 cores (2..4), but they have 2 vCPUs: 1 pinned core stays idle", "set `vcpus = 3`, or pin a1..a3 to 2 cores"],
    ]);
  });

  it("a range of copies under their owner names both ends whole: x.p1..x.p3, as a list names x.p1 and x.p2, never 'x.p1..p3'", () => {
    const text = 'host h1 {\n  nic x {\n    model = "intel-x710"\n    pf p[1..3] { vfs = 40 }\n  }\n}\n';
    const found = checkSource(text);
    const of = (rule: string) => found.filter((d) => d.rule === rule).map((d) => [d.message, d.help]);
    expect(of("vf-count-exceeds-max")).toEqual([["x.p1..x.p3 enable 40 VFs, but they support at most 32 (the intel-x710 limit)", "lower `vfs` on x.p1..x.p3 to 32 or less"]]);
    // Each copy's own finding (what --format json lists) keeps its one name.
    expect(found.find((d) => d.rule === "vf-count-exceeds-max")!.locations?.map((l) => l.message)).toEqual(
      [1, 2, 3].map((n) => `x.p${n} enables 40 VFs, but it supports at most 32 (the intel-x710 limit)`),
    );
    // Zero-padded copies keep their width at both ends.
    expect(checkSource(text.replace("p[1..3]", "p[08..10]")).find((d) => d.rule === "vf-count-exceeds-max")?.message).toBe(
      "x.p08..x.p10 enable 40 VFs, but they support at most 32 (the intel-x710 limit)",
    );
  });

  it("a range with a path before and a member after: the path on both ends, the member once after them", () => {
    const at = { file: "t.sriov", start: 10, end: 14, line: 1, column: 11, endLine: 1, endColumn: 15 };
    const list = [1, 2, 3].map((n) => diagnostic("some-rule", "warning", at, `h1.web${n}.eth0 sends to the wire`));
    expect(groupCopies(list).map((d) => d.message)).toEqual(["h1.web1..h1.web3.eth0 send to the wire"]);
    // Without a path, as before: the copies' names, then their member.
    const bare = [1, 2, 3].map((n) => diagnostic("some-rule", "warning", at, `web${n}.eth0 sends to the wire`));
    expect(groupCopies(bare).map((d) => d.message)).toEqual(["web1..web3.eth0 send to the wire"]);
  });

  it("a replicated vSwitch left unused: 'remove them'", () => {
    const text = "host h1 {\n  vswitch br[1..2] { type = ovs }\n}\n";
    expect(checkSource(text).filter((d) => d.rule === "unused-declaration").map((d) => [d.message, d.help])).toEqual([
      ["vswitch br1 and br2 are declared, but no interface attaches to them and they have no uplinks", "attach interfaces with `vswitch(br1)` and `vswitch(br2)`, or remove them"],
    ]);
  });

  it("two copies' members are listed whole: web1.eth0 and web2.eth0, not 'web1 and web2.eth0'", () => {
    const text = 'host h1 {\n  cores = 8\n  hypervisor_cores = 0..0\n  nic x {\n    model = "intel-x710"\n    pf p0 { vfs = 8 }\n  }\n  vm web[1..2] {\n    vcpus = 1\n    iface eth0 { attach = vf(x.p0)  trust = true  mac = 01:00:5e:00:00:01 }\n  }\n}\n';
    const messages = new Map(checkSource(text).map((d) => [d.rule, d.message]));
    expect(messages.get("vf-trust-enabled")).toBe("web1.eth0 and web2.eth0 put their VFs in trusted mode (`trust = true`): the guest can change its MAC and turn on promiscuous mode");
    expect(messages.get("invalid-mac")).toBe(
      "the MAC of web1.eth0 and web2.eth0, 01:00:5e:00:00:01, is a multicast address (the lowest bit of its first byte is set): a NIC will not take it as an interface's own address",
    );
    // Three or more consecutive copies keep the range, the member once after it.
    const three = new Map(checkSource(text.replace("web[1..2]", "web[1..3]")).map((d) => [d.rule, d.message]));
    expect(three.get("vf-trust-enabled")?.startsWith("web1..web3.eth0 put their VFs")).toBe(true);
  });

  it("automatic pinning that spills VMs onto node 1: one numa-mismatch for the NIC, not one per VM per interface", () => {
    const vms = Array.from({ length: 9 }, (_, i) => `  vm v${i} {\n    vcpus = 4\n    iface a { attach = vmdq(x710.pf0) }\n    iface b { attach = vmdq(x710.pf1) }\n  }\n`).join("");
    const text = `host h1 {\n  cores = 40\n  numa_nodes = 2\n  hypervisor_cores = 0..1\n  nic x710 {\n    model = "intel-x710"\n    pf pf0 { vmdq_pools = 16 }\n    pf pf1 { vmdq_pools = 16 }\n  }\n${vms}}\n`;
    const found = checkSource(text).filter((d) => d.rule === "numa-mismatch");
    expect(found).toHaveLength(1);
    const [only] = found;
    // 2 cores for the hypervisor, then 4 per VM: v0..v4 start on node 0 (cores 0..19), v5..v8 on node 1.
    expect(only!.message).toBe("4 VMs (v5, v6, v7 and v8) run on NUMA node 1, but x710, the NIC of their 8 interfaces, is on node 0: every packet of theirs crosses between sockets");
    expect(only!.locations).toHaveLength(8);
    expect(only!.related).toHaveLength(7);
    expect(only!.help).toBe("pin them to cores of node 0 (2..19), or use a NIC on node 1");
  });

  it("--format json keeps its documented order (file, position, severity, rule) with the entries of a group among the others", () => {
    const text = readFileSync(path.join(REPO, "samples/mistakes.sriov"), "utf8");
    const json = JSON.parse(renderJson(checkSource(text))) as JsonDiagnostic[];
    const at = json.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.rule}`);
    // numa-mismatch groups the interfaces of lines 39, 45, 53 and 58; they were listed together, at line 39.
    expect(at.filter((entry) => /^(39|45|53|58):/.test(entry))).toEqual([
      "39:16 iommu-required",
      "39:16 live-migration-with-vf",
      "39:16 numa-mismatch",
      "39:16 sriov-bypasses-vswitch",
      "45:16 iommu-required",
      "45:16 vf-assigned-twice",
      "45:16 live-migration-with-vf",
      "45:16 numa-mismatch",
      "45:16 sriov-bypasses-vswitch",
      "53:16 numa-mismatch",
      "58:16 vmdq-pools-exhausted",
      "58:16 numa-mismatch",
    ]);
  });
  it("guests made from one template: a finding in the template's body is one warning naming every guest", () => {
    const text = [
      "host h2 {",
      "  cores = 8",
      '  nic x { model = "intel-x710" pf p0 { vfs = 8 } pf p1 {} }',
      "  vswitch br0 { type = ovs uplinks = [x.p1] }",
      "  vm alpha : small {}",
      "  vm beta : small {}",
      "  vm gamma : small {}",
      "}",
      "template vm small {",
      "  vcpus = 1",
      "  iface eth0 { attach = vf(x.p0) requires = [security_groups] }",
      "}",
      "",
    ].join("\n");
    const found = checkSource(text).filter((d) => d.rule === "sriov-bypasses-vswitch");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe(
      "alpha.eth0, beta.eth0 and gamma.eth0 use SR-IOV (`vf(x.p0)`), so their traffic bypasses every vSwitch: security_groups, which they require, does not apply to them",
    );
    expect(found[0]!.locations?.map((l) => l.message.split(" ")[0])).toEqual(["alpha.eth0", "beta.eth0", "gamma.eth0"]);
    expect(found[0]!.related).toHaveLength(1);
  });

  it("names inside code are not merged into code that does not parse: each copy's code is listed whole", () => {
    const text = 'host h1 {\n  nic a {\n    model = "intel-x710"\n    pf p0 : big {}\n  }\n  nic b {\n    model = "intel-x710"\n    pf p0 : big {}\n  }\n}\ntemplate pf big {\n  vfs = 4\n}\n';
    const found = checkSource(text).filter((d) => d.rule === "unused-vf");
    expect(found.map((d) => [d.message, d.help])).toEqual([
      ["a.p0 and b.p0 enable 4 VFs, but no interface uses them", "attach interfaces with `vf(a.p0)` and `vf(b.p0)`, or remove `vfs`: each enabled VF holds queues and interrupt vectors"],
    ]);
    const numbered = 'host h1 {\n  nic x[1..3] {\n    model = "intel-x710"\n    pf p0 { vfs = 4 }\n  }\n}\n';
    expect(checkSource(numbered).filter((d) => d.rule === "unused-vf").map((d) => d.help)).toEqual([
      "attach interfaces with `vf(x1.p0)`, `vf(x2.p0)` and `vf(x3.p0)`, or remove `vfs`: each enabled VF holds queues and interrupt vectors",
    ]);
  });

  it("more than five guests of one template: the first four and how many more", () => {
    const names = ["a", "b", "c", "d", "e", "f", "g"];
    const vms = names.map((n) => `  vm ${n} : small {}`).join("\n");
    const text = `host h1 {\n  hypervisor = none\n}\nhost h2 {\n  cores = 16\n  nic x { model = "intel-x710" pf p0 { vfs = 8 } }\n${vms}\n}\ntemplate vm small {\n  vcpus = 1\n  iface eth0 { attach = vf(x.p0) requires = [security_groups] }\n}\n`;
    const found = checkSource(text).filter((d) => d.rule === "sriov-bypasses-vswitch");
    expect(found).toHaveLength(1);
    expect(found[0]!.message.startsWith("a.eth0, b.eth0, c.eth0, d.eth0 and 3 others use SR-IOV")).toBe(true);
    expect(found[0]!.locations).toHaveLength(7);
  });

  it("findings at one place that differ in words, not names, stay apart", () => {
    const at = { file: "t.sriov", start: 10, end: 14, line: 1, column: 11, endLine: 1, endColumn: 15 };
    const big = diagnostic("some-rule", "warning", at, "vm a is too big for h1");
    const small = diagnostic("some-rule", "warning", at, "vm a is too small for h1");
    expect(groupCopies([big, small])).toEqual([big, small]);
    // Two names that differ in more than one segment are not one block's copies either.
    const one = diagnostic("some-rule", "warning", at, "h1.alpha.eth0 uses SR-IOV");
    const two = diagnostic("some-rule", "warning", at, "h2.beta.eth0 uses SR-IOV");
    expect(groupCopies([one, two])).toEqual([one, two]);
    // Names that differ as copies' names do, but with another note, are other findings.
    const noted = diagnostic("some-rule", "warning", at, "vm b is too big for h1", { related: [{ span: { file: "t.sriov", start: 20, end: 22, line: 1, column: 21, endLine: 1, endColumn: 23 }, message: "vm c is here" }] });
    const plain = diagnostic("some-rule", "warning", at, "vm a is too big for h1", { related: [{ span: { file: "t.sriov", start: 20, end: 22, line: 1, column: 21, endLine: 1, endColumn: 23 }, message: "vm d is here" }] });
    expect(groupCopies([plain, noted])).toEqual([plain, noted]);
  });

  it("copies named inside a path and after a kind, with the same name in the help", () => {
    const at = { file: "t.sriov", start: 10, end: 14, line: 1, column: 11, endLine: 1, endColumn: 15 };
    const list = ["alpha", "beta"].map((n) => diagnostic("some-rule", "warning", at, `vm ${n} on h1: ${n}.eth0 has no queue`, { help: `give ${n}.eth0 a queue` }));
    const [only] = groupCopies(list);
    expect(only!.message).toBe("vm alpha and beta on h1: alpha.eth0 and beta.eth0 have no queue");
    expect(only!.help).toBe("give alpha.eth0 and beta.eth0 a queue");
    expect(only!.locations?.map((l) => l.message)).toEqual(["vm alpha on h1: alpha.eth0 has no queue", "vm beta on h1: beta.eth0 has no queue"]);
  });
});
