/** synthesizeHttpApi: the exact AWS::ApiGatewayV2 resources of small HTTP API models. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serviceWith, synthesizeHttpApis } from '../../../test/helpers/http-synth.ts';
import type { HttpApiModel, HttpRouteModel } from '../../model/types.ts';

const route = (key: string, extra: Partial<HttpRouteModel> = {}): HttpRouteModel => ({
  key,
  function: 'todo',
  payloadFormatVersion: '2.0',
  integrationTimeoutMs: 3000,
  ...extra,
});

const api = (extra: Partial<HttpApiModel> = {}): HttpApiModel => ({
  protocol: 'HTTP',
  name: 'todo',
  stage: { name: '$default', variables: {}, autoDeploy: true },
  routes: [route('GET /todos')],
  ...extra,
});

const apiRef = { Ref: 'TodoApi' };

test("HTTP-50, THR-2: seed 004's todo API: CORS, a Lambda proxy route per key, stage v1 with throttling", () => {
  const template = synthesizeHttpApis(
    serviceWith(
      api({
        stage: { name: 'v1', variables: {}, autoDeploy: true, throttling: { burstLimit: 10, rateLimit: 50 } },
        cors: {
          allowOrigins: ['*'],
          allowMethods: ['GET', 'POST', 'DELETE'],
          allowHeaders: ['content-type'],
          exposeHeaders: [],
          allowCredentials: false,
          maxAgeSeconds: 7200,
        },
        routes: [route('GET /todos'), route('DELETE /todos/{id}')],
      }),
    ),
  );
  assert.deepStrictEqual(template.Parameters, undefined);
  assert.deepStrictEqual(template.Resources, {
    TodoApi: {
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: {
        Name: 'todo',
        ProtocolType: 'HTTP',
        CorsConfiguration: {
          AllowCredentials: false,
          AllowHeaders: ['content-type'],
          AllowMethods: ['GET', 'POST', 'DELETE'],
          AllowOrigins: ['*'],
          MaxAge: 7200,
        },
      },
    },
    TodoGetTodosIntegration: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: apiRef,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': ['TodoFunction', 'Arn'] },
        PayloadFormatVersion: '2.0',
        TimeoutInMillis: 3000,
      },
    },
    TodoGetTodosRoute: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { ApiId: apiRef, RouteKey: 'GET /todos', Target: { 'Fn::Sub': 'integrations/${TodoGetTodosIntegration}' }, AuthorizationType: 'NONE' },
    },
    TodoDeleteTodosIdIntegration: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: apiRef,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': ['TodoFunction', 'Arn'] },
        PayloadFormatVersion: '2.0',
        TimeoutInMillis: 3000,
      },
    },
    TodoDeleteTodosIdRoute: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: apiRef,
        RouteKey: 'DELETE /todos/{id}',
        Target: { 'Fn::Sub': 'integrations/${TodoDeleteTodosIdIntegration}' },
        AuthorizationType: 'NONE',
      },
    },
    TodoStage: {
      Type: 'AWS::ApiGatewayV2::Stage',
      Properties: { ApiId: apiRef, StageName: 'v1', AutoDeploy: true, DefaultRouteSettings: { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 50 } },
    },
  });
});

test('AUTH-20, AUTH-23: a JWT authorizer of the local issuer becomes a parameter without a default; a URL issuer stays literal', () => {
  const template = synthesizeHttpApis(
    serviceWith(
      api({
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
        ],
        routes: [route('GET /todos', { authorizationType: 'JWT', authorizerId: 'users', authorizationScopes: ['todos/read'] })],
      }),
    ),
  );
  assert.deepStrictEqual(template.Parameters, {
    TodoUsersAuthorizerIssuer: {
      Type: 'String',
      Description:
        'The issuer URL (the tokens\' iss) that the JWT authorizer "users" of API "todo" trusts, e.g. a Cognito user pool\'s ' +
        "https://cognito-idp.<region>.amazonaws.com/<userPoolId>; locally it is Hoplite's own issuer",
    },
  });
  assert.deepStrictEqual(template.Resources.TodoUsersAuthorizer, {
    Type: 'AWS::ApiGatewayV2::Authorizer',
    Properties: {
      ApiId: apiRef,
      Name: 'users',
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: { Ref: 'TodoUsersAuthorizerIssuer' }, Audience: ['todo-web'] },
    },
  });
  assert.deepStrictEqual(template.Resources.TodoPartnersAuthorizer?.Properties?.JwtConfiguration, {
    Issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc',
    Audience: ['a', 'b'],
  });
  assert.deepStrictEqual(template.Resources.TodoGetTodosRoute?.Properties, {
    ApiId: apiRef,
    RouteKey: 'GET /todos',
    Target: { 'Fn::Sub': 'integrations/${TodoGetTodosIntegration}' },
    AuthorizationType: 'JWT',
    AuthorizerId: { Ref: 'TodoUsersAuthorizer' },
    AuthorizationScopes: ['todos/read'],
  });
});

test('AUTH-30, AUTH-35: Lambda REQUEST authorizers invoke the function through its invocation URI', () => {
  const template = synthesizeHttpApis(
    serviceWith(
      api({
        authorizers: [
          {
            name: 'simple',
            authorizerType: 'REQUEST',
            function: 'check-token',
            authorizerPayloadFormatVersion: '2.0',
            enableSimpleResponses: true,
            identitySource: ['$request.header.Authorization', '$context.routeKey'],
            authorizerResultTtlInSeconds: 300,
          },
          {
            name: 'policy',
            authorizerType: 'REQUEST',
            function: 'check-token',
            authorizerPayloadFormatVersion: '1.0',
            enableSimpleResponses: false,
            identitySource: [],
            authorizerResultTtlInSeconds: 300,
          },
        ],
        routes: [route('GET /todos', { authorizationType: 'CUSTOM', authorizerId: 'policy' })],
      }),
    ),
  );
  const uri = {
    'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${CheckTokenFunction.Arn}/invocations',
  };
  assert.deepStrictEqual(template.Resources.TodoSimpleAuthorizer?.Properties, {
    ApiId: apiRef,
    Name: 'simple',
    AuthorizerType: 'REQUEST',
    AuthorizerUri: uri,
    AuthorizerPayloadFormatVersion: '2.0',
    EnableSimpleResponses: true,
    AuthorizerResultTtlInSeconds: 300,
    IdentitySource: ['$request.header.Authorization', '$context.routeKey'],
  });
  // Payload 1.0 has no simple responses; an empty identity source is left out, and with it the TTL is 0 (AUTH-35).
  assert.deepStrictEqual(template.Resources.TodoPolicyAuthorizer?.Properties, {
    ApiId: apiRef,
    Name: 'policy',
    AuthorizerType: 'REQUEST',
    AuthorizerUri: uri,
    AuthorizerPayloadFormatVersion: '1.0',
    AuthorizerResultTtlInSeconds: 0,
  });
  assert.deepStrictEqual(template.Resources.TodoGetTodosRoute?.Properties?.AuthorizerId, { Ref: 'TodoPolicyAuthorizer' });
  assert.equal(template.Parameters, undefined);
});

test('HTTP-80, HTTP-81, HTTP-83, AUTH-40: an HTTP_PROXY route with parameter mappings, an AWS_IAM route', () => {
  const template = synthesizeHttpApis(
    serviceWith(
      api({
        stage: { name: 'dev', variables: { backend: 'orders.example.com' }, autoDeploy: true },
        routes: [
          {
            key: 'ANY /orders/{proxy+}',
            integration: { type: 'HTTP_PROXY', integrationUri: 'https://${stageVariables.backend}/orders/{proxy}', integrationMethod: 'ANY' },
            payloadFormatVersion: '1.0',
            integrationTimeoutMs: 30000,
            requestParameters: { 'append:header.X-Tenant': '$context.authorizer.claims.tenant', 'remove:querystring.debug': "''" },
            responseParameters: { '500': { 'overwrite:statuscode': '503', 'append:header.Retry-After': '30' }, '404': { 'remove:header.Server': "''" } },
          },
          route('POST /orders', { payloadFormatVersion: '1.0', authorizationType: 'AWS_IAM' }),
        ],
      }),
    ),
  );
  assert.deepStrictEqual(template.Resources.TodoAnyOrdersProxyIntegration?.Properties, {
    ApiId: apiRef,
    IntegrationType: 'HTTP_PROXY',
    IntegrationUri: 'https://${stageVariables.backend}/orders/{proxy}',
    IntegrationMethod: 'ANY',
    PayloadFormatVersion: '1.0',
    TimeoutInMillis: 30000,
    RequestParameters: { 'append:header.X-Tenant': '$context.authorizer.claims.tenant', 'remove:querystring.debug': "''" },
    ResponseParameters: {
      '404': { ResponseParameters: [{ Destination: 'remove:header.Server', Source: "''" }] },
      '500': {
        ResponseParameters: [
          { Destination: 'overwrite:statuscode', Source: '503' },
          { Destination: 'append:header.Retry-After', Source: '30' },
        ],
      },
    },
  });
  assert.deepStrictEqual(template.Resources.TodoPostOrdersIntegration?.Properties?.PayloadFormatVersion, '1.0');
  assert.deepStrictEqual(template.Resources.TodoPostOrdersRoute?.Properties?.AuthorizationType, 'AWS_IAM');
  assert.deepStrictEqual(template.Resources.TodoStage?.Properties, {
    ApiId: apiRef,
    StageName: 'dev',
    AutoDeploy: true,
    StageVariables: { backend: 'orders.example.com' },
  });
});

test('THR-2: a route with its own throttling is in RouteSettings, and the stage waits for that route', () => {
  const template = synthesizeHttpApis(
    serviceWith(
      api({
        stage: { name: '$default', variables: {}, autoDeploy: true, throttling: { burstLimit: 100, rateLimit: 20.5 } },
        routes: [route('GET /todos'), route('POST /todos', { throttling: { burstLimit: 1, rateLimit: 2 } }), route('$default')],
      }),
    ),
  );
  assert.deepStrictEqual(template.Resources.TodoStage, {
    Type: 'AWS::ApiGatewayV2::Stage',
    Properties: {
      ApiId: apiRef,
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 20.5 },
      RouteSettings: { 'POST /todos': { ThrottlingBurstLimit: 1, ThrottlingRateLimit: 2 } },
    },
    DependsOn: ['TodoPostTodosRoute'],
  });
  assert.ok(template.Resources.TodoDefaultRoute);
});

test('HTTP-3: a stage without AutoDeploy serves a deployment whose id follows what it deploys', () => {
  const manual = (routes: HttpRouteModel[]) => synthesizeHttpApis(serviceWith(api({ stage: { name: 'prod', variables: {}, autoDeploy: false }, routes })));
  const template = manual([route('GET /todos')]);
  const deployments = Object.keys(template.Resources).filter((id) => template.Resources[id]?.Type === 'AWS::ApiGatewayV2::Deployment');
  assert.equal(deployments.length, 1);
  const [deployment = ''] = deployments;
  assert.match(deployment, /^TodoDeployment[0-9A-F]{8}$/);
  assert.deepStrictEqual(template.Resources[deployment], {
    Type: 'AWS::ApiGatewayV2::Deployment',
    Properties: { ApiId: apiRef, Description: 'The routes of API "todo"' },
    DependsOn: ['TodoGetTodosRoute'],
  });
  assert.deepStrictEqual(template.Resources.TodoStage?.Properties, { ApiId: apiRef, StageName: 'prod', AutoDeploy: false, DeploymentId: { Ref: deployment } });
  assert.deepStrictEqual(Object.keys(manual([route('GET /todos')]).Resources), Object.keys(template.Resources));
  assert.ok(!(deployment in manual([route('GET /todos', { integrationTimeoutMs: 5000 })]).Resources));
});

test('route keys that make the same logical id each get a digest of their own key', () => {
  const template = synthesizeHttpApis(serviceWith(api({ routes: [route('GET /a/{id}'), route('GET /a/id'), route('GET /b')] })));
  const routes = Object.keys(template.Resources).filter((id) => id.endsWith('Route'));
  assert.equal(routes.length, 3);
  assert.match(routes[0] ?? '', /^TodoGetAId[0-9A-F]{8}Route$/);
  assert.match(routes[1] ?? '', /^TodoGetAId[0-9A-F]{8}Route$/);
  assert.notEqual(routes[0], routes[1]);
  assert.equal(routes[2], 'TodoGetBRoute');
});

test('the same model gives the same bytes', () => {
  const model = serviceWith(api({ stage: { name: 'prod', variables: { a: '1' }, autoDeploy: false }, routes: [route('GET /a/{id}'), route('GET /a/id')] }));
  assert.equal(JSON.stringify(synthesizeHttpApis(model)), JSON.stringify(synthesizeHttpApis(structuredClone(model))));
});

test('a route with neither a function nor an integration is a ConfigError naming it', () => {
  const { function: _none, ...bare } = route('GET /todos');
  assert.throws(() => synthesizeHttpApis(serviceWith(api({ routes: [bare] }))), {
    name: 'ConfigError',
    code: 'HOPLITE_ERR_CONFIG_INVALID',
    message: 'app.ts: api "todo" routes[0]: route "GET /todos" needs a function or an HTTP_PROXY integration to ship',
  });
});
