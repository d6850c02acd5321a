/** Reading one HTTP request for the payload builders: media types, headers, query strings, domain prefixes. */

export type { ApiFacts, HttpRequestFacts } from '../surface/facts.ts';

/** HTTP-22: media types whose bodies reach Lambda as text; anything else is base64. */
export function isTextMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = (contentType.split(';')[0] as string).trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/xml' ||
    type === 'application/javascript' ||
    // UNVERIFIED Choice: structured-syntax suffixes count as text.
    type.endsWith('+json') ||
    type.endsWith('+xml')
  );
}

/** First value of a header, looked up case-insensitively in raw headers. */
export function headerValue(rawHeaders: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if ((rawHeaders[i] as string).toLowerCase() === name) return rawHeaders[i + 1];
  return undefined;
}

/** HTTP-21: query values percent-decoded, `+` as space; repeated keys in order. */
export function queryEntries(rawQuery: string): Array<[string, string]> {
  if (rawQuery === '') return [];
  // Nothing to decode: splitting is all URLSearchParams would do.
  if (!rawQuery.includes('%') && !rawQuery.includes('+')) {
    const entries: Array<[string, string]> = [];
    for (const pair of rawQuery.split('&')) {
      if (pair === '') continue;
      const equals = pair.indexOf('=');
      entries.push(equals === -1 ? [pair, ''] : [pair.slice(0, equals), pair.slice(equals + 1)]);
    }
    return entries;
  }
  return [...new URLSearchParams(rawQuery)];
}

/** GEN-4: the first DNS label of the host, without a port. */
export function domainPrefixOf(domainName: string): string {
  const host = domainName.startsWith('[') ? domainName.slice(1, domainName.indexOf(']')) : (domainName.split(':')[0] as string);
  return host.split('.')[0] as string;
}
