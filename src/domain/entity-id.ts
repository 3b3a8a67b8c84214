/**
 * An entity's id is the path of names from its host down (`h1`, `h1.web.eth0`, `h1.x710.p0`): names are
 * identifiers, which hold no `.` (grammar/sriov.ebnf), so the host of any id is its first name. Decided here
 * for the readers that have an id and no model (a report's interface row, an editor's declaration).
 */
export function hostOfId(id: string): string {
  const dot = id.indexOf(".");
  return dot === -1 ? id : id.slice(0, dot);
}
