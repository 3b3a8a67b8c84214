/**
 * IR validation: the published JSON Schema (shape, types, ranges), then the cross-references a schema
 * cannot express (every id points at an entity of the right kind on the same host, cores exist, the
 * warm-up is shorter than the run, a representor port sits on a PF in switchdev mode). `sriovc simulate
 * IR.json` runs this before the engine sees the IR, `compile` and `merge --topology` before they read one.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { newAjv2020 } from "../semantics/ajv-on-demand.js";
import { plural } from "../domain/plural.js";
import { precompiledValidator } from "../semantics/precompiled-validator.js";
import type { Ir } from "./ir.js";

export const IR_SCHEMA_PATH = fileURLToPath(new URL("../../schema/ir.schema.json", import.meta.url));

export interface IrError {
  /** JSON pointer into the IR document (RFC 6901). */
  readonly pointer: string;
  readonly message: string;
}

export type IrValidation = { readonly ok: true; readonly ir: Ir } | { readonly ok: false; readonly errors: IrError[] };

let compiled: ValidateFunction | undefined;

/** The build's precompiled validator (scripts/build-validators.mjs), else the schema compiled here (tests run from src). */
function schemaValidator(): ValidateFunction {
  compiled ??= precompiledValidator("ir") ?? newAjv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(IR_SCHEMA_PATH, "utf8")) as object);
  return compiled;
}

function schemaMessage(error: ErrorObject): string {
  switch (error.keyword) {
    case "required":
      return `missing property '${String((error.params as { missingProperty: string }).missingProperty)}'`;
    case "additionalProperties":
      return `unknown property '${String((error.params as { additionalProperty: string }).additionalProperty)}'`;
    case "enum":
      return `must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(", ")}`;
    case "false schema":
      // A property the schema allows elsewhere but forbids here (`"comparison": false` in a partial report's parts).
      return "must not be present";
    default:
      return error.message ?? "is invalid";
  }
}

/** Schema errors, reduced to the deepest ones (a failed `oneOf` also fails each branch; keep the useful one). */
export function schemaErrors(errors: readonly ErrorObject[]): IrError[] {
  const out: IrError[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === "oneOf" || error.keyword === "anyOf") continue;
    const entry = { pointer: error.instancePath, message: schemaMessage(error) };
    const key = `${entry.pointer}\u0000${entry.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
  }
  if (out.length === 0 && errors[0]) out.push({ pointer: errors[0].instancePath, message: schemaMessage(errors[0]) });
  return out;
}

/** Cross-reference checks on a document that already matches the schema. */
export function referenceErrors(ir: Ir): IrError[] {
  const errors: IrError[] = [];
  const hosts = new Map(ir.hosts.map((h) => [h.id, h]));
  const pfs = new Map(ir.pfs.map((p) => [p.id, p]));
  const vswitches = new Map(ir.vswitches.map((s) => [s.id, s]));
  const vms = new Map(ir.vms.map((v) => [v.id, v]));
  const nics = new Map(ir.nics.map((n) => [n.id, n]));
  const ifaces = new Map(ir.ifaces.map((i) => [i.id, i]));
  const ids = new Set<string>();
  const unique = (list: readonly { id: string }[], name: string): void =>
    list.forEach((entity, index) => {
      if (ids.has(entity.id)) errors.push({ pointer: `/${name}/${index}/id`, message: `duplicate id '${entity.id}'` });
      ids.add(entity.id);
    });
  unique(ir.hosts, "hosts");
  unique(ir.nics, "nics");
  unique(ir.pfs, "pfs");
  unique(ir.vswitches, "vswitches");
  unique(ir.vms, "vms");
  unique(ir.ifaces, "ifaces");
  unique(ir.traffic, "traffic");
  const host = (pointer: string, id: string): void => {
    if (!hosts.has(id)) errors.push({ pointer, message: `unknown host '${id}'` });
  };
  const core = (pointer: string, hostId: string, value: number): void => {
    const h = hosts.get(hostId);
    if (h && value >= h.cores) errors.push({ pointer, message: `core ${value} does not exist on host '${hostId}' (${h.cores} cores)` });
  };
  const pfOn = (pointer: string, id: string, hostId: string): void => {
    const pf = pfs.get(id);
    if (!pf) errors.push({ pointer, message: `unknown PF '${id}'` });
    else if (pf.host !== hostId) errors.push({ pointer, message: `PF '${id}' is on host '${pf.host}', not '${hostId}'` });
  };
  ir.hosts.forEach((h, i) => h.hypervisorCores.forEach((c, j) => core(`/hosts/${i}/hypervisorCores/${j}`, h.id, c)));
  ir.nics.forEach((n, i) => host(`/nics/${i}/host`, n.host));
  ir.pfs.forEach((p, i) => {
    host(`/pfs/${i}/host`, p.host);
    core(`/pfs/${i}/queueCore`, p.host, p.queueCore);
    if (p.vswitch !== null && !vswitches.get(p.vswitch)?.uplinks.includes(p.id)) errors.push({ pointer: `/pfs/${i}/vswitch`, message: `vSwitch '${p.vswitch}' does not have '${p.id}' as an uplink` });
    if (nics.get(p.nic)?.host !== p.host) errors.push({ pointer: `/pfs/${i}/nic`, message: `unknown NIC '${p.nic}' on host '${p.host}'` });
  });
  ir.vswitches.forEach((s, i) => {
    host(`/vswitches/${i}/host`, s.host);
    s.uplinks.forEach((u, j) => pfOn(`/vswitches/${i}/uplinks/${j}`, u, s.host));
  });
  ir.vms.forEach((v, i) => {
    host(`/vms/${i}/host`, v.host);
    v.pin.forEach((c, j) => core(`/vms/${i}/pin/${j}`, v.host, c));
  });
  const containers = new Map(ir.containers.map((c) => [c.id, c]));
  ir.containers.forEach((c, i) => {
    host(`/containers/${i}/host`, c.host);
    c.pin.forEach((core_, j) => core(`/containers/${i}/pin/${j}`, c.host, core_));
  });
  ir.ifaces.forEach((f, i) => {
    const at = `/ifaces/${i}`;
    host(`${at}/host`, f.host);
    if (f.vm !== null && vms.get(f.vm)?.host !== f.host) errors.push({ pointer: `${at}/vm`, message: `unknown VM '${f.vm}' on host '${f.host}'` });
    if (f.container !== null && containers.get(f.container)?.host !== f.host) errors.push({ pointer: `${at}/container`, message: `unknown container '${f.container}' on host '${f.host}'` });
    if (f.vm !== null && f.container !== null) errors.push({ pointer: `${at}/container`, message: "an interface belongs to a VM or to a container, not both" });
    f.queueCores.forEach((c, j) => core(`${at}/queueCores/${j}`, f.host, c));
    if (f.offload !== null) {
      if (vswitches.get(f.offload.vswitch)?.host !== f.host) errors.push({ pointer: `${at}/offload/vswitch`, message: `unknown vSwitch '${f.offload.vswitch}' on host '${f.host}'` });
      core(`${at}/offload/upcallCore`, f.host, f.offload.upcallCore);
    }
    if (f.vswitch !== null && vswitches.get(f.vswitch)?.host !== f.host) errors.push({ pointer: `${at}/vswitch`, message: `unknown vSwitch '${f.vswitch}' on host '${f.host}'` });
    const a = f.attachment;
    switch (a.kind) {
      case "vf":
      case "vdpa": {
        pfOn(`${at}/attachment/pf`, a.pf, f.host);
        const pf = pfs.get(a.pf);
        if (pf && a.vf >= pf.vfs) errors.push({ pointer: `${at}/attachment/vf`, message: `VF ${a.vf} does not exist: '${a.pf}' enables ${pf.vfs} VFs` });
        break;
      }
      case "vmdq":
        pfOn(`${at}/attachment/pf`, a.pf, f.host);
        break;
      case "pf":
        pfOn(`${at}/attachment/pf`, a.pf, f.host);
        break;
      case "vswitch":
        if (vswitches.get(a.vswitch)?.host !== f.host) errors.push({ pointer: `${at}/attachment/vswitch`, message: `unknown vSwitch '${a.vswitch}' on host '${f.host}'` });
        if (a.pf !== null) pfOn(`${at}/attachment/pf`, a.pf, f.host);
        break;
    }
    // A host's own interface uses the whole PF or a VF with the host kernel's driver; a VM never has the PF;
    // a container has a VF, a vSwitch port (veth) or the PF (host networking); vDPA is for VMs only.
    const allowed = f.vm !== null ? a.kind !== "pf" : f.container !== null ? a.kind !== "vmdq" && a.kind !== "vdpa" : a.kind === "pf" || a.kind === "vf";
    if (!allowed)
      errors.push({
        pointer: `${at}/attachment/kind`,
        message: a.kind === "pf" ? "a pf attachment belongs to a host's own or a container's interface (vm must be null)" : f.container !== null ? `a ${a.kind} attachment needs a VM, not a container` : `a ${a.kind} attachment needs a VM`,
      });
    core(`${at}/irqCore`, f.host, f.irqCore);
    core(`${at}/stackCore`, f.host, f.stackCore);
  });
  ir.traffic.forEach((t, i) => {
    const at = `/traffic/${i}`;
    if (t.to.kind === "iface") {
      if (!ifaces.get(t.to.iface)) errors.push({ pointer: `${at}/to/iface`, message: `unknown interface '${t.to.iface}'` });
    } else if (t.from.kind === "wire") errors.push({ pointer: `${at}/to`, message: "traffic from the wire to the wire never touches the host" });
    if (t.from.kind === "iface") {
      const source = ifaces.get(t.from.iface);
      if (!source) errors.push({ pointer: `${at}/from/iface`, message: `unknown interface '${t.from.iface}'` });
    }
    if (t.stopNs !== null && t.stopNs < t.startNs) errors.push({ pointer: `${at}/stopNs`, message: "stop is before start" });
  });
  if (ir.simulation.warmupNs >= ir.simulation.durationNs) errors.push({ pointer: "/simulation/warmupNs", message: "the warm-up must be shorter than the duration" });
  errors.push(...representorErrors(ir));
  return errors;
}

/** Interfaces named in a representor error; past this, how many more. */
const MAX_LISTED_REPRESENTORS = 3;

/**
 * A representor port (an interface with `offload`) on a PF that is not in switchdev mode: one error per PF,
 * at the PF. A representor exists only in switchdev mode, and the emitters write the mode from the PF's
 * `switchdev`, so such an IR would deploy the PF in legacy mode under a vSwitch that offloads through it.
 * sriovc before the field existed wrote IR like that for every offloading vSwitch: compiling the topology
 * again writes the mode.
 */
function representorErrors(ir: Ir): IrError[] {
  const representors = new Map<string, string[]>();
  for (const f of ir.ifaces) {
    const a = f.attachment;
    if (f.offload === null || (a.kind !== "vf" && a.kind !== "vdpa")) continue;
    const list = representors.get(a.pf);
    if (list === undefined) representors.set(a.pf, [f.id]);
    else list.push(f.id);
  }
  const errors: IrError[] = [];
  ir.pfs.forEach((pf, i) => {
    const ifaces = representors.get(pf.id);
    if (ifaces === undefined || pf.switchdev === true) return;
    const listed = ifaces.slice(0, MAX_LISTED_REPRESENTORS).map((id) => `'${id}'`).join(", ");
    const more = ifaces.length > MAX_LISTED_REPRESENTORS ? ` and ${ifaces.length - MAX_LISTED_REPRESENTORS} more` : "";
    errors.push({
      pointer: `/pfs/${i}`,
      message: `PF '${pf.id}' is not in switchdev mode (no "switchdev": true), but ${plural(ifaces.length, "interface")} on its VFs ${ifaces.length === 1 ? "is a representor port" : "are representor ports"} ("offload"): ${listed}${more}; an IR written by an older sriovc leaves the mode out: compile the topology again, or add "switchdev": true to the PF`,
    });
  });
  return errors;
}

/** Validates a parsed JSON document as an IR. */
export function validateIr(json: unknown): IrValidation {
  const validate = schemaValidator();
  if (!validate(json)) return { ok: false, errors: schemaErrors(validate.errors ?? []) };
  const ir = json as Ir;
  const errors = referenceErrors(ir);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, ir };
}
