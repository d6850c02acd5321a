/** HTTP and HTTP_PROXY integrations that point at this machine: shipped as written, but a deployed API cannot reach them. */
import type { ServiceModel } from '../../model/types.ts';

const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/** The integration URIs of the model, with where each is used: `route "ANY /orders/{proxy+}" of API "shop"`. */
function integrationUris(model: ServiceModel): Array<{ uri: string; where: string }> {
  return model.apis.flatMap((api) => {
    const of = (what: string) => `${what} of API "${api.name}"`;
    if (api.protocol === 'REST') {
      return api.resources.flatMap((resource) =>
        resource.methods.flatMap((method) =>
          method.integrationUri ? [{ uri: method.integrationUri, where: of(`method ${method.httpMethod} ${resource.path}`) }] : [],
        ),
      );
    }
    return api.routes.flatMap((route) => {
      const integration = route.integration as { integrationUri?: string } | undefined;
      return integration?.integrationUri ? [{ uri: integration.integrationUri, where: of(`route "${route.key}"`) }] : [];
    });
  });
}

export function localTargetWarnings(model: ServiceModel): string[] {
  return integrationUris(model).flatMap(({ uri, where }) => {
    let host: string;
    try {
      host = new URL(uri).hostname;
    } catch {
      return [];
    }
    return LOCAL_HOST.test(host) ? [`${where}: its integration ${uri} is on this machine, which a deployed API cannot reach`] : [];
  });
}
