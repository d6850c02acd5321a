/** HTTP-80..82: parameter mapping of HTTP API integrations, pure: keys, values, body paths, request and response changes. */
export * from './expression.ts';
export * from './json-path.ts';
export * from './keys.ts';
export * from './request-parameters.ts';
export * from './response-parameters.ts';
