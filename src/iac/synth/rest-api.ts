/** A REST API as AWS::ApiGateway resources: the RestApi, its path tree and methods, their parts, a Deployment and the stage. */
import type { RestApiModel } from '../../model/types.ts';
import { ids, type SynthContext } from './context.ts';
import { addAuthorizers } from './rest-authorizers.ts';
import { addResourcesAndMethods } from './rest-methods.ts';
import { addGatewayResponses, addModels, addRequestValidators } from './rest-parts.ts';
import { addDeploymentAndStage } from './rest-stage.ts';
import { RestApiWriter } from './rest-writer.ts';

export function synthesizeRestApi(context: SynthContext, api: RestApiModel): void {
  const writer = new RestApiWriter(context, api);
  writer.add(
    ids.api(api.name),
    {
      Type: 'AWS::ApiGateway::RestApi',
      Properties: {
        Name: api.name,
        // REST-4. Unlike SAM's AWS::Serverless::Api, the RestApi takes media types as written (`image/png`, not `image~1png`).
        ...(api.binaryMediaTypes.length > 0 ? { BinaryMediaTypes: api.binaryMediaTypes } : {}),
        ...(api.apiKeySource ? { ApiKeySourceType: api.apiKeySource } : {}),
      },
    },
    `api "${api.name}"`,
  );
  addModels(writer);
  addRequestValidators(writer);
  addAuthorizers(writer);
  addResourcesAndMethods(writer, api.resources);
  addGatewayResponses(writer);
  addDeploymentAndStage(writer);
}
