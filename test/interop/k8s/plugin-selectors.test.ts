/**
 * The device plugin's pfNames / rootDevices matching, ported in src/interop/k8s/plugin-selectors.ts. The
 * first two cases are the plugin's own (pkg/resources/deviceSelectors_test.go, "pfName selector" and
 * "rootDevice selector" at 40b6f507e), rewritten as one PF per name with its VFs; the others pin what its
 * `getItem` and `isSelected` do with input its tests do not cover, read off the Go code.
 */
import { describe, expect, it } from "vitest";
import { LineIndex } from "../../../src/syntax/span.js";
import { entryFor, entryProblem, equalFold, isSelected, namedVfs, parsePluginSelectorEntry, pickedVfs, pickPf, shadowedEntries, type PluginSelectors } from "../../../src/interop/k8s/plugin-selectors.js";

const span = new LineIndex("x", "").span(0, 0);
const entries = (...raw: string[]) => raw.map((r) => parsePluginSelectorEntry(r, span));
const selectors = (s: { pfNames?: string[]; rootDevices?: string[]; vendors?: string[]; devices?: string[]; drivers?: string[]; pciAddresses?: string[] }): PluginSelectors => ({
  pfNames: entries(...(s.pfNames ?? [])),
  rootDevices: entries(...(s.rootDevices ?? [])),
  vendors: s.vendors ?? [],
  devices: s.devices ?? [],
  drivers: s.drivers ?? [],
  pciAddresses: s.pciAddresses ?? [],
});
/** The VFs 0..count-1 of a PF that the selectors keep; null when they do not pick the PF at all. */
const kept = (s: PluginSelectors, pf: { name?: string; pci?: string }, count: number): number[] | null => {
  const pick = pickPf(s, { name: pf.name, pci: pf.pci });
  return pick === undefined ? null : pickedVfs(pick, count);
};
const one = (raw: string) => parsePluginSelectorEntry(raw, span);

describe("the plugin's own cases", () => {
  it("pfNames [ens0, ens2f0#1, ens2f1#0,3-5,7]: every VF of ens0, VF 1 of ens2f0, VFs 0, 3–5 and 7 of ens2f1, nothing of eth0", () => {
    const s = selectors({ pfNames: ["ens0", "ens2f0#1", "ens2f1#0,3-5,7"] });
    expect(kept(s, { name: "ens0" }, 2)).toEqual([0, 1]);
    expect(kept(s, { name: "eth0" }, 2)).toBeNull();
    expect(kept(s, { name: "ens2f0" }, 2)).toEqual([1]);
    expect(kept(s, { name: "ens2f1" }, 8)).toEqual([0, 3, 4, 5, 7]);
  });

  it("rootDevices [0000:86:00.0, 0000:86:00.1#1, 0000:86:00.2#0-2,5,7]: by the PF's address, the same way", () => {
    const s = selectors({ rootDevices: ["0000:86:00.0", "0000:86:00.1#1", "0000:86:00.2#0-2,5,7"] });
    expect(kept(s, { pci: "0000:86:00.0" }, 2)).toEqual([0, 1]);
    expect(kept(s, { pci: "0000:a0:00.0" }, 2)).toBeNull();
    expect(kept(s, { pci: "0000:86:00.1" }, 2)).toEqual([1]);
    expect(kept(s, { pci: "0000:86:00.2" }, 8)).toEqual([0, 1, 2, 5, 7]);
  });
});

describe("getItem: which entry is read for a PF", () => {
  it("compares the whole text before the first # with the PF's name, ignoring case (strings.EqualFold)", () => {
    const s = selectors({ pfNames: ["ENS1F0#0-1"] });
    expect(kept(s, { name: "ens1f0" }, 4)).toEqual([0, 1]);
    expect(kept(s, { name: "ens1f0v" }, 4)).toBeNull();
    expect(kept(selectors({ pfNames: ["ens1"] }), { name: "ens1f0" }, 4)).toBeNull();
    expect(kept(selectors({ pfNames: ["ens1f0 #0-1"] }), { name: "ens1f0" }, 4)).toBeNull();
    expect(kept(selectors({ rootDevices: ["0000:3B:00.0#2"] }), { pci: "0000:3b:00.0" }, 4)).toEqual([2]);
    // No domain: not the address sysfs gives.
    expect(kept(selectors({ rootDevices: ["3b:00.0"] }), { pci: "0000:3b:00.0" }, 4)).toBeNull();
  });

  it("takes the first entry for a PF: a later one for the same PF is never read", () => {
    const s = selectors({ pfNames: ["ens1f0#0-1", "ens1f0#4-5"] });
    expect(kept(s, { name: "ens1f0" }, 8)).toEqual([0, 1]);
    expect(entryFor(s.pfNames, "ENS1F0")?.raw).toBe("ens1f0#0-1");
    expect(shadowedEntries(s.pfNames).map((x) => [x.entry.raw, x.readInstead.raw])).toEqual([["ens1f0#4-5", "ens1f0#0-1"]]);
    // The same list again, in another case, loses nothing.
    expect(shadowedEntries(entries("ens1f0#0-1", "ENS1F0#0-1"))).toEqual([]);
  });

  it("a PF without a name or an address is never picked by a selector on it (the plugin skips devices without one)", () => {
    expect(kept(selectors({ pfNames: ["ens1f0"] }), {}, 4)).toBeNull();
    expect(kept(selectors({ rootDevices: ["0000:18:00.0"] }), { name: "ens1f0" }, 4)).toBeNull();
    expect(entryFor(entries("#0-3"), "")).toBeUndefined();
  });

  it("EqualFold is per character: `ß` is not `ss`, the Kelvin sign is `k`", () => {
    expect(equalFold("ß", "ss")).toBe(false);
    expect(equalFold("\u212a", "k")).toBe(true);
    expect(equalFold("eth0", "ETH0")).toBe(true);
  });
});

describe("isSelected: which VFs an entry keeps", () => {
  it("more than one # keeps none", () => {
    expect([0, 1, 2].map((vf) => isSelected(one("ens1f0#0-3#5"), vf))).toEqual([false, false, false]);
    expect(entryProblem(one("ens1f0#0-3#5"))).toBe("more than one `#`: the device plugin selects no VF by it");
  });

  it("a range written descending parses and holds no VF; the parts after it are still read", () => {
    const e = one("ens1f0#5-3,7");
    expect([3, 4, 5, 7].map((vf) => isSelected(e, vf))).toEqual([false, false, false, true]);
    expect(namedVfs(e)).toEqual([7]);
    expect(entryProblem(e)).toBe("`5-3` ends (3) before it starts (5): it selects no VF");
  });

  it("a part that does not parse ends the reading: the parts before it still select their VFs", () => {
    const e = one("ens1f0#0-1, 3");
    expect([0, 1, 3].map((vf) => isSelected(e, vf))).toEqual([true, true, false]);
    expect(namedVfs(e)).toEqual([0, 1]);
    expect(entryProblem(e)).toBe("` 3` is not a VF index or a range `first-last` (the device plugin does not skip spaces): the device plugin stops reading the list there, and selects only VFs 0–1 by it");
    expect(entryProblem(one("ens1f0#x,2"))).toBe("`x` is not a VF index or a range `first-last`: the device plugin stops reading the list there, and selects no VF by it");
  });

  it("the parts are read in order: a VF an earlier part holds is selected before a bad part is reached", () => {
    const e = one("ens1f0#2,0-3-5,1");
    expect([0, 1, 2].map((vf) => isSelected(e, vf))).toEqual([false, false, true]);
  });

  it("reads the numbers as Go's strconv.Atoi: a + sign and leading zeros pass, an empty part or a lone - does not", () => {
    expect(namedVfs(one("ens1f0#+1-003"))).toEqual([1, 2, 3]);
    expect(namedVfs(one("ens1f0#"))).toEqual([]);
    expect(namedVfs(one("ens1f0#0,"))).toEqual([0]);
    expect(namedVfs(one("ens1f0#-3"))).toEqual([]);
    expect(namedVfs(one("ens1f0#1_0"))).toEqual([]);
    // Past int64: ParseInt's range error.
    expect(namedVfs(one("ens1f0#0-9223372036854775808"))).toEqual([]);
    expect(isSelected(one("ens1f0#0-9223372036854775807"), 70000)).toBe(true);
  });

  it("no # keeps every VF, and names none by index", () => {
    expect(isSelected(one("ens1f0"), 1000)).toBe(true);
    expect(namedVfs(one("ens1f0"))).toBeNull();
    expect(entryProblem(one("ens1f0"))).toBeUndefined();
  });
});

describe("the selectors of one resource are ANDed", () => {
  it("a VF is kept when both pfNames and rootDevices keep it", () => {
    const s = selectors({ pfNames: ["ens1f0#0-3"], rootDevices: ["0000:18:00.0#2-5"] });
    expect(kept(s, { name: "ens1f0", pci: "0000:18:00.0" }, 8)).toEqual([2, 3]);
    expect(kept(s, { name: "ens1f0", pci: "0000:18:00.1" }, 8)).toBeNull();
    expect(pickPf(s, { name: "ens1f0", pci: "0000:18:00.0" })?.everyVf).toBe(false);
  });

  it("without either selector every VF of every PF is kept (the other selectors are not modelled)", () => {
    const pick = pickPf(selectors({}), { name: "ens1f0", pci: "0000:18:00.0" });
    expect(pick?.everyVf).toBe(true);
    expect(pickedVfs(pick!, 3)).toEqual([0, 1, 2]);
  });
});

describe("the selectors on a VF's own values, where the node state gives them", () => {
  const vfs = new Map([
    [0, { vendor: undefined, deviceID: "154c", driver: "iavf", pciAddress: "0000:18:02.0" }],
    [1, { vendor: undefined, deviceID: "154c", driver: "vfio-pci", pciAddress: "0000:18:02.1" }],
  ]);
  const pf = { name: "ens1f0", pci: "0000:18:00.0", vendor: "8086", vfs };

  it("drivers, devices and pciAddresses compare the VF's value as text; a VF the state does not list is kept", () => {
    const pick = pickPf(selectors({ pfNames: ["ens1f0"], drivers: ["vfio-pci"] }), pf)!;
    expect(pickedVfs(pick, 3)).toEqual([1, 2]);
    expect(pick.droppedBy(0)).toEqual({ selector: "drivers", what: "driver", value: "iavf" });
    expect(pick.entriesKeep(0)).toBe(true);
    expect(pickedVfs(pickPf(selectors({ devices: ["154C"] }), pf)!, 2)).toEqual([]);
    expect(pickedVfs(pickPf(selectors({ pciAddresses: ["0000:18:02.1"] }), pf)!, 2)).toEqual([1]);
  });

  it("vendors reads the PF's vendor for every VF (Linux gives a VF its PF's)", () => {
    expect(pickedVfs(pickPf(selectors({ vendors: ["15b3"] }), pf)!, 3)).toEqual([]);
    expect(pickedVfs(pickPf(selectors({ vendors: ["8086"] }), pf)!, 3)).toEqual([0, 1, 2]);
  });
});
