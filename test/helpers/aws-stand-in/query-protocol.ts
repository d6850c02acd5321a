/** The awsQuery wire format CloudFormation's SDK client speaks: form-encoded requests, XML answers. */

/** The request's fields as sent: `Parameters.member.1.ParameterKey=…` and so on, flat. */
export function parseForm(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/** `Prefix.member.N.Field` entries as a list of records, in N order; `fields` empty means scalar members. */
export function memberList(form: Record<string, string>, prefix: string): Array<Record<string, string>> {
  const byIndex = new Map<number, Record<string, string>>();
  const pattern = new RegExp(`^${prefix}\\.member\\.(\\d+)(?:\\.(.+))?$`);
  for (const [name, value] of Object.entries(form)) {
    const match = pattern.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    const entry = byIndex.get(index) ?? {};
    entry[match[2] ?? ''] = value;
    byIndex.set(index, entry);
  }
  return [...byIndex].sort(([a], [b]) => a - b).map(([, entry]) => entry);
}

/** A value for an XML answer: lists become `<member>` elements, as awsQuery lists are. */
export type XmlValue = string | number | boolean | Date | undefined | XmlValue[] | { [name: string]: XmlValue };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function toXml(value: XmlValue): string {
  if (value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([name, field]) => `<${name}>${toXml(field)}</${name}>`)
      .join('');
  }
  return escapeXml(String(value));
}

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…</ResponseMetadata></ActionResponse>`. */
export function queryResponse(action: string, result: { [name: string]: XmlValue }, requestId: string): string {
  return `<${action}Response xmlns="${NAMESPACE}"><${action}Result>${toXml(result)}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

/** `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error>…`. */
export function queryError(code: string, message: string, requestId: string): string {
  return `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

/** An error the stand-in answers with, as CloudFormation would: a code, a message, an HTTP status. */
export class QueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
