/**
 * InfiniBand partition keys (PKeys) and GUIDs in the objects the operator and the device plugin read.
 *
 * - A SriovIBNetwork has no `pkey`, `scanGUIDs` or `interfaceName`: they were proposed in an operator pull
 *   request that was closed unmerged (k8snetworkplumbingwg/sriov-network-operator#837, "Scan for GUIDs"), and
 *   are in no CRD since, so the API server drops them (`unknown-field`, with what to do instead).
 * - The device plugin's `pKeys` selector is compared as a string with the VF's PKey as the kernel prints it
 *   (sriovnet GetDefaultPKeyFromPci reads `…/infiniband/DEV/ports/1/pkeys/0`, which Linux writes as
 *   `0x%04x`: drivers/infiniband/core/sysfs.c, show_port_pkey). Any other spelling of the same number
 *   (`0x1`, `0xABCD`) matches no VF, and the resource is empty (`invalid-field-value`).
 */
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { asSeq, asString, entry, type LocatedMap } from "../located.js";
import { INVALID_FIELD_VALUE } from "./field-values.js";

/** The SriovIBNetwork fields of the unmerged pull request, as it spelt them (the Go tag `scanGuids`, the CRD `scanGUIDs`). */
export const UNMERGED_IB_FIELDS = ["pkey", "scanGUIDs", "scanGuids", "interfaceName"];

const UNMERGED = "it comes from an operator pull request that was closed unmerged (k8snetworkplumbingwg/sriov-network-operator#837), and no CRD has it: the API server drops it";

/** The kernel's text of a PKey: `0x` and four lowercase hex digits. */
const KERNEL_PKEY = /^0x[0-9a-f]{4}$/;

/** ib-kubernetes's ParsePKey: `0x` (or `0X`) and hex digits. */
const IB_KUBERNETES_PKEY = /^0[xX][0-9a-fA-F]+$/;

export function checkUnmergedIbFields(spec: LocatedMap | undefined, diagnostics: Diagnostic[]): void {
  for (const e of spec?.entries ?? []) {
    if (!UNMERGED_IB_FIELDS.includes(e.key)) continue;
    if (e.key === "pkey") {
      const value = asString(e.value);
      const format = value !== undefined && !IB_KUBERNETES_PKEY.test(value.trim()) ? ` (\`${value}\` is no PKey as ib-kubernetes reads one: \`0x\` and hex digits, e.g. \`0x8001\`)` : "";
      diagnostics.push(
        diagnostic("unknown-field", "warning", e.keySpan, `\`pkey\` is not a field of a SriovIBNetwork's spec: ${UNMERGED}, and no PKey reaches the ib-sriov CNI or ib-kubernetes`, {
          help: `to put the pods' VFs in a partition, write the NetworkAttachmentDefinition yourself with \`"pkey": "0x8001"\` in its ib-sriov config, which ib-kubernetes reads, or pool the VFs of one partition with the device plugin's \`pKeys\` selector${format}`,
        }),
      );
    } else {
      diagnostics.push(
        diagnostic("unknown-field", "warning", e.keySpan, `\`${e.key}\` is not a field of a SriovIBNetwork's spec: ${UNMERGED}, and the operator sets no VF's GUID from it`, {
          help: "a VF's GUID is set by the ib-sriov CNI (the `infinibandGUID` capability: `capabilities: '{\"infinibandGUID\": true}'`, with ib-kubernetes to allocate it) or by the operator's static GUID file (doc/design/ib-vf-configuration.md)",
        }),
      );
    }
  }
}

/** A device plugin selector's `pKeys`, each in the kernel's spelling, or it selects nothing. */
export function checkPluginPKeys(selectors: LocatedMap | undefined, diagnostics: Diagnostic[]): void {
  for (const item of asSeq(entry(selectors, "pKeys")?.value)?.items ?? []) {
    const value = asString(item);
    if (value === undefined || KERNEL_PKEY.test(value)) continue;
    const number = IB_KUBERNETES_PKEY.test(value) && value.length <= 6 ? parseInt(value.slice(2), 16) : undefined;
    diagnostics.push(
      diagnostic(INVALID_FIELD_VALUE, "error", item.span, `PKey \`${value}\` matches no VF: the device plugin compares \`pKeys\` as text with the VF's PKey as the kernel writes it, \`0x\` and four lowercase hex digits`, {
        help: number !== undefined ? `write \`0x${number.toString(16).padStart(4, "0")}\`` : "write the PKey as the kernel does, e.g. `0x8001` (the full-membership bit is part of it: the default partition is `0xffff`)",
      }),
    );
  }
}
