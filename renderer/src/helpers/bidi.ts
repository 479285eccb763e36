/**
 * Names from other people (user, room, server and file names) may carry Unicode direction
 * controls: "invoice\u202Efdp.exe" reads as "invoiceexe.pdf". Shown names have those controls
 * replaced by a visible mark, and are drawn inside <bdi> (common/SafeText.tsx) so a right-to-left
 * name cannot reorder the text around it either.
 */

/** Embeddings, overrides, isolates and the invisible direction marks. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text with every direction control shown as "�" (so a spoof is visible, not hidden). */
export function neutralise(text: string): string {
  return text.replace(BIDI_CONTROLS, '\ufffd');
}
