import { describe, expect, it } from "vitest";
import { at, checkSource, findingsOf, modelOf, ruleLines } from "../helpers/check-source.js";

const vm = (extra: string) => `host h1 {
  nic e810 {
    model = "intel-e810"
    pf p0 { vfs = 4 }
  }
  vm vnf {
    vcpus = 4
    memory = 8GiB
${extra}    iface data0 { attach = vf(e810.p0)  driver = dpdk }
    iface data1 { attach = vf(e810.p0)  driver = dpdk }
    iface mgmt { attach = vf(e810.p0) }
  }
}
`;

const pod = (extra: string) => `host w1 {
  hypervisor = none
  nic e810 {
    model = "intel-e810"
    pf p0 { vfs = 4 }
  }
  container upf {
    pin = 2..3
${extra}    iface n3 { attach = vf(e810.p0)  driver = dpdk }
  }
  iface fast { attach = vf(e810.p0)  driver = dpdk }
}
`;

describe("dpdk-without-hugepages", () => {
  it("does not report a VM: its guest reserves hugepages in its own kernel, whatever backs its memory on the host", () => {
    expect(findingsOf("dpdk-without-hugepages", vm(""))).toEqual([]);
  });

  it("reports a pod's DPDK interfaces once, at the first one's driver, with the pod as related span", () => {
    const text = pod("").replace("    iface n3 { attach = vf(e810.p0)  driver = dpdk }\n", "    iface n3 { attach = vf(e810.p0)  driver = dpdk }\n    iface n6 { attach = vf(e810.p0)  driver = dpdk }\n");
    expect(findingsOf("dpdk-without-hugepages", text)).toEqual([
      {
        ...at(text, "dpdk"),
        message: "upf.n3 (and 1 other interface of it) runs a DPDK poll-mode driver (`driver = dpdk`), but container upf has no hugepages: DPDK takes its memory from hugepages and does not start without them",
        help: "give the pod hugepages: `hugepages = 1GiB` (or `2MiB`) and `hugepages_memory = …` in container upf (Kubernetes' `hugepages-1Gi` resource, which the node reserves at boot)",
      },
    ]);
    const [d] = checkSource(text).filter((x) => x.rule === "dpdk-without-hugepages");
    expect(d!.severity).toBe("error");
    expect(d!.related.map((r) => `${r.span.line}:${r.span.column} ${r.message}`)).toEqual([`${at(text, "upf {").line}:${at(text, "upf {").column} container upf is declared here, without \`hugepages\``]);
  });

  it("reports a pod's, not the host's own DPDK interface (the host's hugepages are its boot settings)", () => {
    const text = pod("");
    expect(findingsOf("dpdk-without-hugepages", text)).toEqual([
      {
        ...at(text, "dpdk"),
        message: "upf.n3 runs a DPDK poll-mode driver (`driver = dpdk`), but container upf has no hugepages: DPDK takes its memory from hugepages and does not start without them",
        help: "give the pod hugepages: `hugepages = 1GiB` (or `2MiB`) and `hugepages_memory = …` in container upf (Kubernetes' `hugepages-1Gi` resource, which the node reserves at boot)",
      },
    ]);
  });

  it("is quiet with hugepages, or without DPDK; the fixed topologies are clean", () => {
    expect(ruleLines(checkSource(vm("    hugepages = 1GiB\n")).filter((d) => d.severity !== "info"))).toEqual([]);
    expect(ruleLines(checkSource(vm("    hugepages = 2MiB\n")).filter((d) => d.severity !== "info"))).toEqual([]);
    expect(ruleLines(checkSource(pod("    hugepages = 1GiB\n    hugepages_memory = 4GiB\n")).filter((d) => d.severity !== "info"))).toEqual([]);
    expect(findingsOf("dpdk-without-hugepages", vm("").replace(/ {2}driver = dpdk/g, ""))).toEqual([]);
  });

  it("reads `hugepages` as the page size and the memory it backs: a VM's memory, a pod's hugepages_memory (one page left out)", () => {
    const model = modelOf(vm("    hugepages = 1GiB\n"));
    expect(model.vms.map((v) => v.hugepages)).toEqual([{ pageBytes: 1024 ** 3, totalBytes: 8 * 1024 ** 3 }]);
    expect(modelOf(pod("    hugepages = 1GiB\n    hugepages_memory = 4GiB\n")).containers.map((c) => c.hugepages)).toEqual([{ pageBytes: 1024 ** 3, totalBytes: 4 * 1024 ** 3 }]);
    expect(modelOf(pod("    hugepages = 2MiB\n")).containers.map((c) => c.hugepages)).toEqual([{ pageBytes: 2 * 1024 ** 2, totalBytes: 2 * 1024 ** 2 }]);
    expect(modelOf(pod("")).containers.map((c) => c.hugepages)).toEqual([null]);
  });

  it("refuses a page size x86-64 has not, memory that is no whole number of pages, and an amount without a page size", () => {
    const invalid = (text: string) => findingsOf("invalid-value", text);
    const odd = vm("    hugepages = 4MiB\n");
    expect(invalid(odd)).toEqual([{ ...at(odd, "4MiB"), message: "`hugepages` is the page size, 2 MiB or 1 GiB (x86-64's hugepage sizes), found `4MiB`", help: "write `hugepages = 2MiB` or `hugepages = 1GiB`" }]);
    const amount = pod("    hugepages = 4GiB\n");
    expect(invalid(amount).map((f) => f.help)).toEqual(["for that much hugepage memory on a container, write `hugepages = 1GiB` and `hugepages_memory` for the amount"]);
    const partial = vm("    hugepages = 1GiB\n").replace("memory = 8GiB", "memory = 1536MiB");
    expect(invalid(partial)).toEqual([
      {
        ...at(partial, "1536MiB"),
        message: "`memory` is backed by 1GiB hugepages, so it must be a whole number of them: 1610612736 bytes is 1.50 pages",
        help: "round `memory` to a multiple of 1GiB, or use `hugepages = 2MiB`",
      },
    ]);
    const podPartial = pod("    hugepages = 1GiB\n    hugepages_memory = 1536MiB\n");
    expect(invalid(podPartial)).toEqual([
      { ...at(podPartial, "1536MiB"), message: "`hugepages_memory` must be a whole number of 1GiB pages: 1610612736 bytes is 1.50 pages", help: "round it to a multiple of 1GiB" },
    ]);
    const alone = pod("    hugepages_memory = 4GiB\n");
    expect(invalid(alone)).toEqual([{ ...at(alone, "4GiB"), message: "`hugepages_memory` is set, but not `hugepages`: the page size", help: "add `hugepages = 2MiB` or `hugepages = 1GiB` beside it" }]);
    // A VM takes no hugepages_memory: its hugepages back all of its `memory`.
    expect(findingsOf("unknown-attribute", vm("    hugepages_memory = 4GiB\n")).map((f) => f.message)).toEqual(["`hugepages_memory` is not an attribute of a `vm`"]);
  });
});
