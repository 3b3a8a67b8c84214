/** The allocators' shared answers (src/semantics/allocation.ts): one object per value, frozen. */
import { describe, expect, it } from "vitest";
import { allocatePins, allocateVfs, singleCore } from "../../src/semantics/allocation.js";

const ONE_NODE_8 = { cores: 8, numaNodes: 1 };

describe("shared allocation answers", () => {
  it("VF n is one frozen slot, whoever asks", () => {
    const first = allocateVfs([{ pf: "a", index: undefined }, { pf: "a", index: 3 }], () => 4);
    const again = allocateVfs([{ pf: "b", index: undefined }, { pf: "b", index: 3 }], () => 8);
    expect(first).toEqual([{ kind: "allocated", index: 0 }, { kind: "explicit", index: 3 }]);
    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);
    for (const slot of first) expect(Object.isFrozen(slot)).toBe(true);
    expect(() => {
      (first[0] as { index: number }).index = 7;
    }).toThrow(TypeError);
    expect(again[0]).toEqual({ kind: "allocated", index: 0 });
  });

  it("core n alone is one frozen list, and its pinning one frozen pinning", () => {
    const list = singleCore(3);
    expect(singleCore(3)).toBe(list);
    expect(Object.isFrozen(list)).toBe(true);
    expect(() => (list as number[]).push(4)).toThrow(TypeError);
    const [explicit, allocated] = allocatePins(ONE_NODE_8, [0], [{ vcpus: 1, pin: list, numa: undefined }, { vcpus: 1, pin: undefined, numa: undefined }]);
    expect(explicit).toEqual({ kind: "explicit", cores: [3] });
    expect(allocated).toEqual({ kind: "allocated", cores: [1], shared: false });
    expect(allocatePins(ONE_NODE_8, [0], [{ vcpus: 1, pin: list, numa: undefined }, { vcpus: 1, pin: undefined, numa: undefined }])).toEqual([explicit, allocated]);
    expect(allocatePins({ cores: 4, numaNodes: 1 }, [], [{ vcpus: 1, pin: singleCore(3), numa: undefined }])[0]).toBe(explicit);
    for (const pinning of [explicit!, allocated!]) {
      expect(Object.isFrozen(pinning)).toBe(true);
      expect(Object.isFrozen(pinning.cores)).toBe(true);
    }
    expect(allocated!.kind === "allocated" && allocated!.cores).toBe(singleCore(1));
  });

  it("answers that are not shared stay the caller's own", () => {
    expect(Object.isFrozen(singleCore(5000))).toBe(false);
    const [several] = allocatePins(ONE_NODE_8, [], [{ vcpus: 2, pin: undefined, numa: undefined }]);
    expect(several).toEqual({ kind: "allocated", cores: [0, 1], shared: false });
    expect(Object.isFrozen(several)).toBe(false);
  });
});

describe("automatic pinning and a written `numa`", () => {
  // Cores 0..3 are node 0, 4..7 node 1; core 0 is the hypervisor's.
  const host = { cores: 8, numaNodes: 2 };
  const auto = (vcpus: number, numa?: number) => ({ vcpus, pin: undefined, numa });

  it("takes the lowest free cores of the VM's node, leaving the lower node's to the VMs after it", () => {
    expect(allocatePins(host, [0], [auto(2, 1), auto(2), auto(1, 0)]).map((p) => p.cores)).toEqual([[4, 5], [1, 2], [3]]);
  });

  it("skips cores pinned or given already on that node", () => {
    const pinned = { vcpus: 1, pin: singleCore(4), numa: undefined };
    expect(allocatePins(host, [0], [pinned, auto(1, 1), auto(2, 1)]).map((p) => p.cores)).toEqual([[4], [5], [6, 7]]);
  });

  it("when the node has too few free cores, takes the rest from the lowest free cores elsewhere (sorted)", () => {
    expect(allocatePins(host, [0], [auto(3, 1), auto(3, 1)])).toEqual([
      { kind: "allocated", cores: [4, 5, 6], shared: false },
      { kind: "allocated", cores: [1, 2, 7], shared: false },
    ]);
  });

  it("a node the host lacks, or a one-node host, leaves the order as it was", () => {
    expect(allocatePins(host, [0], [auto(2, 5)]).map((p) => p.cores)).toEqual([[1, 2]]);
    expect(allocatePins({ cores: 8, numaNodes: 1 }, [0], [auto(2, 0)]).map((p) => p.cores)).toEqual([[1, 2]]);
  });

  it("goes round the guest cores once every core is taken", () => {
    expect(allocatePins(host, [0], [auto(7), auto(2, 1)])[1]).toEqual({ kind: "allocated", cores: [1, 2], shared: true });
  });
});
