/** The allocators' shared answers (src/semantics/allocation.ts): one object per value, frozen. */
import { describe, expect, it } from "vitest";
import { allocatePins, allocateVfs, singleCore } from "../../src/semantics/allocation.js";

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
    const [explicit, allocated] = allocatePins(8, [0], [{ vcpus: 1, pin: list }, { vcpus: 1, pin: undefined }]);
    expect(explicit).toEqual({ kind: "explicit", cores: [3] });
    expect(allocated).toEqual({ kind: "allocated", cores: [1], shared: false });
    expect(allocatePins(8, [0], [{ vcpus: 1, pin: list }, { vcpus: 1, pin: undefined }])).toEqual([explicit, allocated]);
    expect(allocatePins(4, [], [{ vcpus: 1, pin: singleCore(3) }])[0]).toBe(explicit);
    for (const pinning of [explicit!, allocated!]) {
      expect(Object.isFrozen(pinning)).toBe(true);
      expect(Object.isFrozen(pinning.cores)).toBe(true);
    }
    expect(allocated!.kind === "allocated" && allocated!.cores).toBe(singleCore(1));
  });

  it("answers that are not shared stay the caller's own", () => {
    expect(Object.isFrozen(singleCore(5000))).toBe(false);
    const [several] = allocatePins(8, [], [{ vcpus: 2, pin: undefined }]);
    expect(several).toEqual({ kind: "allocated", cores: [0, 1], shared: false });
    expect(Object.isFrozen(several)).toBe(false);
  });
});
