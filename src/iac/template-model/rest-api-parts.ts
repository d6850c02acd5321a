/** AWS::ApiGateway::Model, RequestValidator and GatewayResponse: what a REST API's methods and errors refer to. */
import type { RestGatewayResponseModel, RestModel, RestRequestValidatorModel } from '../../model/types.ts';
import type { MappingContext } from './context.ts';
import { partName, partsOf, REST_GATEWAY_RESPONSE, REST_MODEL, REST_REQUEST_VALIDATOR, readerOf } from './rest-parts.ts';
import { schemaProperty } from './schema-property.ts';

export function restModelsOf(context: MappingContext, apiId: string): Record<string, RestModel> {
  return Object.fromEntries(
    partsOf(context, REST_MODEL, apiId).map((id) => {
      const reader = readerOf(context, id);
      reader.ignore(REST_MODEL, ['Description'], 'not used locally');
      return [partName(context, id), { contentType: reader.string('ContentType') ?? 'application/json', schema: schemaProperty(reader) }];
    }),
  );
}

export function restValidatorsOf(context: MappingContext, apiId: string): RestRequestValidatorModel[] {
  return partsOf(context, REST_REQUEST_VALIDATOR, apiId).map((id) => {
    const reader = readerOf(context, id);
    return {
      name: partName(context, id),
      validateRequestBody: reader.boolean('ValidateRequestBody') ?? false,
      validateRequestParameters: reader.boolean('ValidateRequestParameters') ?? false,
    };
  });
}

export function restGatewayResponsesOf(context: MappingContext, apiId: string): RestGatewayResponseModel[] {
  return partsOf(context, REST_GATEWAY_RESPONSE, apiId).map((id) => {
    const reader = readerOf(context, id);
    const statusCode = reader.string('StatusCode');
    const text = (value: unknown, path: (string | number)[]) => {
      if (typeof value !== 'string') throw context.error(path, `${id}: expected a string, got ${JSON.stringify(value)}`);
      return value;
    };
    const responseParameters = reader.stringRecord('ResponseParameters', text);
    const responseTemplates = reader.stringRecord('ResponseTemplates', text);
    return {
      responseType: reader.requiredString('ResponseType') as RestGatewayResponseModel['responseType'],
      ...(statusCode !== undefined ? { statusCode } : {}),
      ...(responseParameters ? { responseParameters } : {}),
      ...(responseTemplates ? { responseTemplates } : {}),
    };
  });
}
