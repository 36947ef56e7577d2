/** Names people give their files are shown, never used as paths; still, keep them tame. */

/** Longest stored name in characters; 200. */
export const MAX_NAME_CHARS = 200;

// Controls, bidirectional overrides (which can disguise "fdp.exe" as "exe.pdf") and zero-width marks.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A display name from an uploaded file's name (pure): the last path segment, without control or
 * direction-override characters, whitespace collapsed, at most 200 characters (keeping the extension);
 * "document.pdf" when nothing is left.
 */
export function sanitizeFileName(raw: string | null | undefined): string {
  let name = String(raw ?? "").normalize("NFC");
  name = name.split(/[/\\]/).pop() ?? "";
  name = name.replace(UNSAFE, "").replace(/\s+/g, " ").trim().replace(/^\.+/, "").trim();
  if (name === "" || name === "." || name === "..") return "document.pdf";
  const chars = Array.from(name);
  if (chars.length <= MAX_NAME_CHARS) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
  const keep = MAX_NAME_CHARS - Array.from(extension).length - 1;
  return `${chars.slice(0, keep).join("").trimEnd()}…${extension}`;
}
