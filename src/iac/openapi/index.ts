/** OpenAPI 3.0 and Swagger 2.0 definitions with API Gateway's x-amazon-apigateway extensions, mapped onto an API's model. */
export type { DefinitionPath, DefinitionSource } from './definition-source.ts';
export { type HttpApiDefinition, httpApiDefinition } from './http-api-definition.ts';
export { type RestApiDefinition, restApiDefinition } from './rest-api-definition.ts';
