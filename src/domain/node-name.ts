/**
 * A name a Kubernetes node can have: a DNS-1123 subdomain (lowercase letters, digits, `-` and `.`, each
 * dot-separated label starting and ending with a letter or digit, at most 253 characters), which
 * Kubernetes requires of node names and so of the `kubernetes.io/hostname` label's value. A host's `node`
 * is checked against it, and `--emit k8s` warns at a host without one whose own name fails it.
 */
export function isNodeName(name: string): boolean {
  return name.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name);
}
