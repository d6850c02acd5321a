/** Percent-decoding of what a client sent, without decodeURIComponent's URIError. */

/** CONN-3: `+` stays a plus (this is not form decoding); `undefined` for a malformed encoding (`%E0%A4%A`, `%zz`, an encoded lone surrogate). */
export function decodePercentEncoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
