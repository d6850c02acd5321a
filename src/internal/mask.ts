/** Keeps secrets written into URLs out of messages and banners. */

/** `http://user:secret@host/` → `http://***@host/`; anything that is not a URL with credentials is returned as it is. */
export function maskUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@]+@/gi, '$1***@');
}
