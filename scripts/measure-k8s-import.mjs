// Heap, RSS and time of reading a large generated operator file: `node --expose-gc scripts/measure-k8s-import.mjs [N]`
// after `npm run build`. The file is one SriovNetworkNodeState, one SriovNetworkNodePolicy and N SriovNetworks
// (default 5000), each with the string fields a GitOps repository's networks carry (`ipam` as a block
// literal, `capabilities`, `metaPlugins`, names, a namespace): every string scalar the YAML reader sees.
// Prints the file's size, the time of `sriovc import k8s` on it (best of 3, in-process), and, in this
// process, the heap held by the parsed documents (after a full GC) and the peak RSS. Run it in a fresh
// process for each figure you compare: the numbers are this machine's, and only their ratio travels.
import { performance } from "node:perf_hooks";
import { parseYaml } from "../dist/interop/yaml.js";
import { importFiles } from "../dist/interop/import/index.js";

export function operatorFile(networks) {
  const parts = [
    `apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetworkNodeState
metadata:
  name: worker-0
  namespace: sriov-network-operator
status:
  interfaces:
    - name: ens1f0
      pciAddress: "0000:18:00.0"
      vendor: "8086"
      deviceID: "1572"
      mtu: 9000
      numVfs: 64
      totalvfs: 64
`,
    `apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetworkNodePolicy
metadata:
  name: policy-1
  namespace: sriov-network-operator
spec:
  nodeSelector:
    kubernetes.io/hostname: worker-0
  resourceName: res0
  numVfs: 64
  nicSelector:
    pfNames: ["ens1f0#0-63"]
`,
  ];
  for (let i = 0; i < networks; i++)
    parts.push(`apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetwork
metadata:
  name: net-${i}
  namespace: sriov-network-operator
  labels:
    app.kubernetes.io/part-of: tenant-${i % 97}
spec:
  resourceName: res${i % 50}
  networkNamespace: tenant-${i % 97}
  vlan: ${(i % 4000) + 1}
  spoofChk: "on"
  trust: "off"
  capabilities: '{"mac": true, "ips": true}'
  metaPlugins: '{"type": "tuning", "sysctl": {"net.core.somaxconn": "500"}}'
  ipam: |
    {
      "type": "host-local",
      "subnet": "10.${(i >> 8) & 255}.${i & 255}.0/24",
      "rangeStart": "10.${(i >> 8) & 255}.${i & 255}.10",
      "rangeEnd": "10.${(i >> 8) & 255}.${i & 255}.200",
      "routes": [{"dst": "0.0.0.0/0"}],
      "gateway": "10.${(i >> 8) & 255}.${i & 255}.1"
    }
`);
  return parts.join("---\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const networks = Number(process.argv[2] ?? 5000);
  const text = operatorFile(networks);
  const file = { path: "networks.yaml", text };
  let best = Infinity;
  let diagnostics = 0;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const imported = importFiles("k8s", [file]);
    best = Math.min(best, performance.now() - start);
    diagnostics = imported.diagnostics.length;
  }
  if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const parsed = parseYaml(text, "networks.yaml");
  globalThis.gc();
  const held = process.memoryUsage().heapUsed - before;
  console.log(
    JSON.stringify({
      networks,
      bytes: Buffer.byteLength(text),
      documents: parsed.documents.length,
      diagnostics,
      importMs: Math.round(best),
      parsedHeapMiB: +(held / 2 ** 20).toFixed(1),
      peakRssMiB: +(process.resourceUsage().maxRSS / 1024).toFixed(0),
    }),
  );
}
