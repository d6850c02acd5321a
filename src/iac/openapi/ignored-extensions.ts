/** API Gateway extensions a document may carry that do not change how the API runs locally: each warns once, by name. */
import type { DocumentReader } from './document.ts';

const EXTENSION = 'x-amazon-apigateway-';
const INTEGRATION_NAME = 'x-amazon-apigateway-integration';

/** Warns for the document's top-level extensions outside `mapped`; an integration over a VPC link is an error. */
export function warnIgnoredExtensions(document: DocumentReader, mapped: readonly string[]): void {
  for (const key of Object.keys(document.node)) {
    if (key.startsWith(EXTENSION) && !mapped.includes(key)) document.source.warn(document.at(key), `${key} is not applied locally`);
  }
}

/** Integration fields that matter only on AWS; a VPC link cannot be reached locally. */
export function checkIntegrationFields(integration: DocumentReader, what: string): void {
  if (integration.string('connectionType')?.toUpperCase() === 'VPC_LINK')
    throw integration.source.error(
      integration.at('connectionType'),
      `${what}: connectionType VPC_LINK: a VPC link is not reachable locally; use an http(s) URL the machine can reach`,
    );
  for (const key of ['credentials', 'cacheKeyParameters', 'cacheNamespace', 'tlsConfig', 'integrationSubtype']) {
    if (integration.node[key] !== undefined)
      integration.source.warn(integration.at(key), `${INTEGRATION_NAME}.${key} is not applied locally`, `${INTEGRATION_NAME}.${key}`);
  }
}
