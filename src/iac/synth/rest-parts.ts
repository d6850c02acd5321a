/** What a REST API's methods and errors refer to: AWS::ApiGateway::Model, RequestValidator and GatewayResponse. */
import { ids } from './context.ts';
import { restIds } from './rest-ids.ts';
import type { RestApiWriter } from './rest-writer.ts';
import { type CfnValue, ref } from './template.ts';

/** REST-35: the Name is the model's key, which methods' RequestModels name. */
export function addModels(writer: RestApiWriter): void {
  const api = writer.api.name;
  for (const [name, model] of Object.entries(writer.api.models ?? {})) {
    writer.add(
      restIds.model(api, name),
      {
        Type: 'AWS::ApiGateway::Model',
        Properties: { RestApiId: ref(ids.api(api)), Name: name, ContentType: model.contentType, Schema: model.schema as CfnValue },
      },
      `api "${api}" model "${name}"`,
    );
  }
}

/** REST-33. */
export function addRequestValidators(writer: RestApiWriter): void {
  const api = writer.api.name;
  for (const validator of writer.api.requestValidators ?? []) {
    writer.add(
      restIds.requestValidator(api, validator.name),
      {
        Type: 'AWS::ApiGateway::RequestValidator',
        Properties: {
          RestApiId: ref(ids.api(api)),
          Name: validator.name,
          ValidateRequestBody: validator.validateRequestBody,
          ValidateRequestParameters: validator.validateRequestParameters,
        },
      },
      `api "${api}" request validator "${validator.name}"`,
    );
  }
}

/** REST-31. */
export function addGatewayResponses(writer: RestApiWriter): void {
  const api = writer.api.name;
  for (const response of writer.api.gatewayResponses ?? []) {
    writer.add(
      restIds.gatewayResponse(api, response.responseType),
      {
        Type: 'AWS::ApiGateway::GatewayResponse',
        Properties: {
          RestApiId: ref(ids.api(api)),
          ResponseType: response.responseType,
          ...(response.statusCode !== undefined ? { StatusCode: response.statusCode } : {}),
          ...(response.responseParameters ? { ResponseParameters: response.responseParameters } : {}),
          ...(response.responseTemplates ? { ResponseTemplates: response.responseTemplates } : {}),
        },
      },
      `api "${api}" gateway response ${response.responseType}`,
    );
  }
}
