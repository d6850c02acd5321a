/** `Fn::Cidr`: `count` consecutive blocks of `cidrBits` host bits carved from the start of an IPv4 or IPv6 block. */

export function cidrBlocks(ipBlock: string, count: number, cidrBits: number): string[] | { error: string } {
  const [address, prefixText] = ipBlock.split('/');
  const prefix = Number(prefixText);
  const v6 = address?.includes(':') ?? false;
  const width = v6 ? 128 : 32;
  const start = address === undefined ? undefined : v6 ? parseIpv6(address) : parseIpv4(address);
  if (start === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > width) {
    return { error: `${JSON.stringify(ipBlock)} is not a CIDR block such as 10.0.0.0/16` };
  }
  // Fn::Cidr: "The number of CIDRs to generate. Valid range is between 1 and 256."
  if (!Number.isInteger(count) || count < 1 || count > 256) return { error: `count ${count} is not between 1 and 256` };
  const newPrefix = width - cidrBits;
  if (!Number.isInteger(cidrBits) || cidrBits < 0 || newPrefix < prefix) {
    return { error: `cidrBits ${cidrBits} leaves a prefix /${newPrefix}, not inside /${prefix}` };
  }
  if (BigInt(count) > 1n << BigInt(newPrefix - prefix)) return { error: `${ipBlock} holds fewer than ${count} blocks of /${newPrefix}` };
  const mask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - prefix)) - 1n);
  const base = start & mask;
  const step = 1n << BigInt(cidrBits);
  return Array.from({ length: count }, (_, i) => `${(v6 ? formatIpv6 : formatIpv4)(base + step * BigInt(i))}/${newPrefix}`);
}

function parseIpv4(text: string): bigint | undefined {
  const octets = text.split('.');
  if (octets.length !== 4 || octets.some((octet) => !/^\d{1,3}$/.test(octet) || Number(octet) > 255)) return undefined;
  return octets.reduce((sum, octet) => (sum << 8n) + BigInt(octet), 0n);
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  return all.reduce((sum, group) => (sum << 16n) + BigInt(`0x${group}`), 0n);
}

/** Lower-case groups without leading zeros, the longest run of zero groups shortened to `::` (RFC 5952). */
function formatIpv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => ((value >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === '0') end++;
    if (end - i > best.length && end - i > 1) best = { start: i, length: end - i };
    i = end;
  }
  if (best.start < 0) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}
