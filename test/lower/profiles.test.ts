/** Shipped cost profiles validate, carry a source for every figure, and merge with source overrides. */
import { describe, expect, it } from "vitest";
import { COST_PARAMETERS } from "../../src/lower/ir.js";
import { effectiveCosts, loadProfile, overrideNames, parameterForOverride, profileNames } from "../../src/lower/profiles.js";

describe("cost profiles", () => {
  it("ships three platform generations: default (posted interrupts), apicv-no-posted and legacy-no-posted (pre-APICv)", () => {
    expect(profileNames()).toEqual(["apicv-no-posted", "default", "legacy-no-posted"]);
  });
  for (const name of ["default", "apicv-no-posted", "legacy-no-posted"]) {
    it(`${name} validates; every parameter has a unit, a range holding its value, and a source`, () => {
      const loaded = loadProfile(name);
      if (!loaded.ok) throw new Error(loaded.message);
      for (const parameter of COST_PARAMETERS) {
        const p = loaded.profile.parameters[parameter];
        expect(p.source.length, parameter).toBeGreaterThan(10);
        expect(p.value, parameter).toBeGreaterThanOrEqual(p.range[0]);
        expect(p.value, parameter).toBeLessThanOrEqual(p.range[1]);
      }
    });
  }
  for (const name of ["default", "apicv-no-posted", "legacy-no-posted"]) {
    it(`${name}: every figure was checked against a source or says it is an estimate or a modelling choice`, () => {
      const loaded = loadProfile(name);
      if (!loaded.ok) throw new Error(loaded.message);
      for (const parameter of COST_PARAMETERS) {
        const p = loaded.profile.parameters[parameter];
        if (p.checked !== undefined) expect(p.checked, parameter).toMatch(/^checked: /);
        else expect(p.source, parameter).toMatch(/estimate|modelling choice/);
      }
    });
  }
  it("legacy-no-posted has costlier exits than default", () => {
    const a = loadProfile("default");
    const b = loadProfile("legacy-no-posted");
    if (!a.ok || !b.ok) throw new Error("profiles");
    expect(b.profile.parameters.vm_exit.value).toBeGreaterThanOrEqual(3000);
    expect(b.profile.parameters.vm_exit.value).toBeGreaterThan(a.profile.parameters.vm_exit.value);
  });
  it("each generation changes what its platform changed: posted delivery, EOI exits, and (pre-DDIO) vSwitch, stack and copy costs", () => {
    const [modern, apicv, legacy] = ["default", "apicv-no-posted", "legacy-no-posted"].map((name) => {
      const loaded = loadProfile(name);
      if (!loaded.ok) throw new Error(loaded.message);
      return loaded.profile.parameters;
    }) as [never, never, never] as Record<string, { value: number }>[];
    expect([modern!.posted_delivery!.value, apicv!.posted_delivery!.value, legacy!.posted_delivery!.value]).toEqual([1, 0, 0]);
    expect([modern!.eoi_exit!.value, apicv!.eoi_exit!.value, legacy!.eoi_exit!.value]).toEqual([0, 0, 1]);
    for (const name of ["vswitch.ovs", "vswitch.linux_bridge", "vswitch.vss", "host_stack", "guest_stack", "copy_fixed", "copy_per_byte"]) {
      expect(legacy![name]!.value, name).toBeGreaterThan(modern![name]!.value);
      expect(apicv![name]!.value, name).toBe(modern![name]!.value);
    }
  });
  it("an unknown profile is a message naming the known ones", () => {
    expect(loadProfile("fast")).toEqual({ ok: false, message: "unknown cost profile 'fast'; known profiles: apicv-no-posted, default, legacy-no-posted" });
    expect(loadProfile("../../package").ok).toBe(false);
  });
});

describe("overrides", () => {
  it("map source names to parameters", () => {
    expect(parameterForOverride("vm_exit")).toBe("vm_exit");
    expect(parameterForOverride("vswitch_ovs")).toBe("vswitch.ovs");
    expect(parameterForOverride("vswitch_ovs_dpdk")).toBe("vswitch.ovs_dpdk");
    expect(parameterForOverride("feature_acl")).toBe("feature.acl");
    expect(parameterForOverride("feature_mirroring")).toBe("feature.mirroring");
    expect(parameterForOverride("vm_exits")).toBeUndefined();
    expect(overrideNames()).toContain("copy_per_byte");
    expect(overrideNames()).toContain("feature_security_groups");
  });
  it("replace the profile's values and are listed", () => {
    const loaded = loadProfile("default");
    if (!loaded.ok) throw new Error(loaded.message);
    const costs = effectiveCosts(
      loaded.profile,
      new Map([
        ["vm_exit", 3000],
        ["feature.mirroring", 500],
      ] as const),
    );
    expect(costs.params.vm_exit).toBe(3000);
    expect(costs.params.irq_handler).toBe(loaded.profile.parameters.irq_handler.value);
    expect(costs.mirroring).toBe(500);
    expect(costs.overridden).toEqual(["feature.mirroring", "vm_exit"]);
    expect(effectiveCosts(loaded.profile).mirroring).toBeNull();
  });
});
