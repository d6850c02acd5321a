/** Sparta's custom-header example: the function returns `{ location, body }`; the REST API promotes `location` to the Location header. */

export interface HelloWorldResponse {
  location: string;
  body: string;
}

export async function hello(event: { name?: string }): Promise<HelloWorldResponse> {
  const name = typeof event?.name === 'string' && event.name !== '' ? event.name : 'world';
  if (name === 'nobody') throw new Error(`Invalid name: ${name}`);
  return { location: `https://example.com/hello/${encodeURIComponent(name)}`, body: `hello, ${name}` };
}
