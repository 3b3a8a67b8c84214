/**
 * Escaping of source text (names, `description`) for HTML and inline SVG. The page has no script at all,
 * but a description such as `</script><script>…` must still show as text: every markup character becomes
 * an entity, in text and in double- or single-quoted attribute values alike.
 */

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text for element content or a quoted attribute. C0 controls other than tab, newline and carriage return
 * are not allowed in XML (the SVG) and are replaced by U+FFFD, so the page stays well-formed whatever the source held.
 */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "\ufffd");
}
