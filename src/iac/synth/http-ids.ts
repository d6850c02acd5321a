/** The logical ids of an HTTP API's parts: routes and their integrations, authorizers, the issuer parameters, the deployment. */
import { createHash } from 'node:crypto';
import type { HttpApiModel } from '../../model/types.ts';
import { logicalId } from './logical-ids.ts';

/** `GET /todos/{id}` → `get todos id`, `$default` → `default`: the words a route's logical ids are made of. */
function routeWords(key: string): string {
  const [method = '', path = ''] = key.split(' ');
  return `${method.toLowerCase()} ${path}`;
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8).toUpperCase();

/**
 * Each route key's stem (`TodoGetTodosId`). Keys that differ only in punctuation (`GET /a/{id}` and `GET /a/id`)
 * would share one, so every route of such a group gets a digest of its own key: the same keys give the same ids.
 */
export function routeStems(api: HttpApiModel): Map<string, string> {
  const plain = new Map(api.routes.map((route) => [route.key, logicalId(`${api.name} ${routeWords(route.key)}`)]));
  const counts = new Map<string, number>();
  for (const stem of plain.values()) counts.set(stem, (counts.get(stem) ?? 0) + 1);
  return new Map([...plain].map(([key, stem]) => [key, (counts.get(stem) ?? 0) > 1 ? `${stem}${digest(key)}` : stem]));
}

export const httpIds = {
  route: (stem: string) => `${stem}Route`,
  integration: (stem: string) => `${stem}Integration`,
  authorizer: (apiName: string, authorizerName: string) => logicalId(`${apiName} ${authorizerName}`, 'Authorizer'),
  /** The template parameter that stands for a JWT authorizer's issuer when the model names the local issuer. */
  issuerParameter: (apiName: string, authorizerName: string) => `${httpIds.authorizer(apiName, authorizerName)}Issuer`,
  /** A stage that does not deploy itself gets a deployment whose id changes with what it deploys. */
  deployment: (apiName: string, content: string) => logicalId(apiName, `Deployment${digest(content)}`),
};
