/** What a proxy result may put on the wire (HTTP-30, HTTP-31): a final status, and headers HTTP/1.1 can carry. */

/**
 * UNVERIFIED: 1xx statuses are interim responses in HTTP, never a final one, so a result that asks for one (100, 101)
 * is malformed, as any status outside 200..599 is; AWS documents only that `statusCode` is an integer.
 */
export function isFinalStatus(statusCode: unknown): statusCode is number {
  return typeof statusCode === 'number' && Number.isInteger(statusCode) && statusCode >= 200 && statusCode <= 599;
}

/** RFC 9110 token characters: what a header name may hold. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/**
 * A header value without control characters (CR, LF, NUL, …) and within Latin-1, as Node writes it.
 * UNVERIFIED: API Gateway's answer to other values is not documented; they are malformed results here.
 */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Whether the header can be written as it is: otherwise the result is malformed (not an error of the gateway's). */
export function isWritableHeader(name: string, value: string): boolean {
  return HEADER_NAME.test(name) && HEADER_VALUE.test(value);
}
