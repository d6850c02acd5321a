/** AUTH-20: which audiences the gateway's local issuer signs for, read from the authorizers that trust it. */
import { LOCAL_ISSUER } from '../auth/local-issuer/marker.ts';
import type { ServiceModel } from './types.ts';

/** The audiences of the JWT authorizers that trust the local issuer, each once, in the order declared; none: no issuer. */
export function localIssuerAudiences(model: Pick<ServiceModel, 'apis'>): string[] {
  const audiences: string[] = [];
  for (const api of model.apis) {
    if (api.protocol !== 'HTTP') continue;
    for (const authorizer of api.authorizers ?? []) {
      if (authorizer.authorizerType !== 'JWT' || authorizer.jwtConfiguration.issuer !== LOCAL_ISSUER) continue;
      for (const audience of authorizer.jwtConfiguration.audience) if (!audiences.includes(audience)) audiences.push(audience);
    }
  }
  return audiences;
}

/** Whether an authorizer of the service trusts the local issuer: a JWT one, or a REST Cognito one (REST-46). */
export function trustsLocalIssuer(model: Pick<ServiceModel, 'apis'>): boolean {
  return model.apis.some((api) => {
    if (api.protocol === 'HTTP')
      return (api.authorizers ?? []).some((authorizer) => authorizer.authorizerType === 'JWT' && authorizer.jwtConfiguration.issuer === LOCAL_ISSUER);
    return (
      api.protocol === 'REST' &&
      (api.authorizers ?? []).some((authorizer) => authorizer.type === 'COGNITO_USER_POOLS' && authorizer.providerARNs.includes(LOCAL_ISSUER))
    );
  });
}
