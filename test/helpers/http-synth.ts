/** A synthesis context with one HTTP API, for the HTTP API synthesis tests. */

import { TemplateBuilder } from '../../src/iac/synth/builder.ts';
import type { SynthContext } from '../../src/iac/synth/context.ts';
import { synthesizeHttpApi } from '../../src/iac/synth/http-api.ts';
import type { CfnTemplate } from '../../src/iac/synth/template.ts';
import type { HttpApiModel, HttpRouteModel, ServiceModel } from '../../src/model/types.ts';

export function httpContext(model: ServiceModel, source = 'app.ts'): SynthContext {
  return {
    model,
    builder: new TemplateBuilder(`${model.name}: HTTP API resources`, source),
    warnings: [],
    options: {
      source,
      code: (name) => ({ s3Key: `functions/${name}.zip`, handler: 'index.handler', assetPath: `functions/${name}` }),
    },
  };
}

/** The template holding only what synthesizeHttpApi writes for each of the model's HTTP APIs. */
export function synthesizeHttpApis(model: ServiceModel, source = 'app.ts'): CfnTemplate {
  const context = httpContext(model, source);
  for (const api of model.apis) if (api.protocol === 'HTTP') synthesizeHttpApi(context, api);
  return context.builder.toTemplate();
}

export function serviceWith(api: HttpApiModel): ServiceModel {
  return { name: 'svc', functions: [], apis: [api], tables: [], outputs: [], sites: [] };
}

const lambda = (key: string, extra: Partial<HttpRouteModel> = {}): HttpRouteModel => ({
  key,
  function: 'todo',
  payloadFormatVersion: '2.0',
  integrationTimeoutMs: 3000,
  ...extra,
});

/** One HTTP API with every feature the model has: authorizers of each kind, both integrations, mappings, throttling. */
export const EVERY_HTTP_FEATURE: HttpApiModel = {
  protocol: 'HTTP',
  name: 'todo',
  stage: { name: 'v1', variables: { backend: 'orders.example.com' }, autoDeploy: true, throttling: { burstLimit: 10, rateLimit: 50 } },
  routes: [
    lambda('GET /todos', { authorizationType: 'JWT', authorizerId: 'users', authorizationScopes: ['todos/read'] }),
    lambda('POST /todos', { authorizationType: 'JWT', authorizerId: 'partners', throttling: { burstLimit: 1, rateLimit: 2 } }),
    lambda('DELETE /todos/{id}', { payloadFormatVersion: '1.0', authorizationType: 'CUSTOM', authorizerId: 'simple' }),
    lambda('PUT /todos/{id}', { authorizationType: 'CUSTOM', authorizerId: 'policy', integrationTimeoutMs: 30000 }),
    lambda('GET /admin', { authorizationType: 'AWS_IAM' }),
    {
      key: 'ANY /orders/{proxy+}',
      integration: { type: 'HTTP_PROXY', integrationUri: 'https://${stageVariables.backend}/orders/{proxy}', integrationMethod: 'ANY' },
      payloadFormatVersion: '1.0',
      integrationTimeoutMs: 29000,
      requestParameters: { 'append:header.X-Tenant': '$context.authorizer.claims.tenant' },
      responseParameters: { '500': { 'overwrite:statuscode': '503', 'append:header.Retry-After': '30' } },
    },
    lambda('$default', { requestParameters: { 'overwrite:path': '/fallback' } }),
  ],
  cors: {
    allowOrigins: ['https://app.example.com'],
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['authorization'],
    exposeHeaders: ['x-request-id'],
    allowCredentials: true,
    maxAgeSeconds: 600,
  },
  authorizers: [
    {
      name: 'users',
      authorizerType: 'JWT',
      identitySource: ['$request.header.Authorization'],
      jwtConfiguration: { issuer: 'hoplite:local-issuer', audience: ['todo-web'] },
    },
    {
      name: 'partners',
      authorizerType: 'JWT',
      identitySource: ['$request.querystring.token'],
      jwtConfiguration: { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc', audience: ['a', 'b'] },
    },
    {
      name: 'simple',
      authorizerType: 'REQUEST',
      function: 'check-token',
      authorizerPayloadFormatVersion: '2.0',
      enableSimpleResponses: true,
      identitySource: ['$request.header.Authorization'],
      authorizerResultTtlInSeconds: 300,
    },
    {
      name: 'policy',
      authorizerType: 'REQUEST',
      function: 'check-token',
      authorizerPayloadFormatVersion: '1.0',
      enableSimpleResponses: false,
      identitySource: [],
      authorizerResultTtlInSeconds: 0,
    },
  ],
};
