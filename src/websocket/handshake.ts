/** Pure checks of the HTTP upgrade, before a socket is accepted (WS-1, WS-10..15). */

/**
 * RFC 6455 4.2.1: what makes an upgrade request one that `ws` can complete. Checked in full before `$connect`
 * runs, so that a handshake `ws` would refuse never reaches the handler (WS-3, WS-50).
 * `Sec-WebSocket-Extensions` is not checked: the gateway negotiates none (no permessage-deflate), so `ws` never
 * reads it and cannot refuse it.
 */
export function isValidUpgrade(method: string | undefined, headers: Record<string, string | string[] | undefined>): boolean {
  if (method !== 'GET') return false;
  const upgrade = headers.upgrade;
  if (typeof upgrade !== 'string' || upgrade.toLowerCase() !== 'websocket') return false;
  const key = headers['sec-websocket-key'];
  if (typeof key !== 'string' || !/^[+/0-9A-Za-z]{22}==$/.test(key)) return false;
  const version = headers['sec-websocket-version'];
  if (version !== '13' && version !== '8') return false;
  const protocols = headers['sec-websocket-protocol'];
  return protocols === undefined || (typeof protocols === 'string' && parseSubprotocols(protocols) !== undefined);
}

/** RFC 7230 3.2.6 `tchar`: the characters of a token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * RFC 6455 4.1 / 11.3.4: `Sec-WebSocket-Protocol` is a comma-separated list of tokens, each non-empty and unique,
 * with optional spaces or tabs around the commas. `undefined` for any other value (an empty element, a space
 * inside a name, a duplicate, a non-ASCII byte), exactly the values `ws` refuses with 400.
 */
export function parseSubprotocols(header: string): string[] | undefined {
  if (/^[ \t]|[ \t]$/.test(header)) return undefined;
  const names = header.split(',').map((element) => element.replace(/^[ \t]+|[ \t]+$/g, ''));
  if (!names.every((name) => TOKEN.test(name))) return undefined;
  return new Set(names).size === names.length ? names : undefined;
}

/** WS-13: the `Sec-WebSocket-Protocol` a `$connect` result asks to relay, matched case-insensitively. */
export function protocolFromConnectResult(headers: unknown): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'sec-websocket-protocol' && typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}
