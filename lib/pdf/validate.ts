/** Cheap checks on raw bytes, before any parsing. */

const MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
/** Readers accept the header anywhere in the first 1024 bytes (junk before it is common). */
const HEADER_WINDOW = 1024;

/** True when the bytes start (within their first 1024) with the PDF header "%PDF-". */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - MAGIC.length, HEADER_WINDOW);
  for (let i = 0; i <= end; i++) {
    let match = true;
    for (let j = 0; j < MAGIC.length; j++) {
      if (bytes[i + j] !== MAGIC[j]) {
        match = false;
        break;
      }
    }
    if (match) return true;
  }
  return false;
}
