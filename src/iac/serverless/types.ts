/** A serverless.yml service as plain typed data, variables resolved: what the ServiceModel mapping reads. */
import type { LocatedIssue } from './serverless-error.ts';

/** A value CloudFormation resolves at deploy time (`{ Ref: ... }`, `{ 'Fn::GetAtt': [...] }`), kept for the CloudFormation importer. */
export type CloudFormationValue = Record<string, unknown>;

/** An environment variable's value: text, or an intrinsic for the CloudFormation importer. */
export type EnvironmentValue = string | CloudFormationValue;

export interface ServerlessService {
  /** The file as messages name it. */
  file: string;
  /** Absolute directory of the service; handler files are relative to it. */
  serviceDir: string;
  service: string;
  frameworkVersion?: string;
  provider: ServerlessProvider;
  functions: ServerlessFunction[];
  /** The top-level `layers`; absent when there are none. */
  layers?: ServerlessLayer[];
  /** `resources` as written (Resources, Outputs, Conditions, ...), for the CloudFormation importer. */
  resources: Record<string, unknown>;
  /** Plugins named by the file; none is run. */
  plugins: string[];
  custom: Record<string, unknown>;
  /** What the importer ignores on purpose, each once. */
  warnings: LocatedIssue[];
}

export interface ServerlessProvider {
  name: 'aws';
  runtime?: string;
  /** `provider.layers`: the layers of every function that lists none of its own (the Framework's fallback). */
  layers?: ServerlessFunctionLayer[];
  /** `--stage`, else `provider.stage`, else `dev`. */
  stage: string;
  /** `--region`, else `provider.region`, else `us-east-1`. */
  region: string;
  environment: Record<string, EnvironmentValue>;
  memorySize?: number;
  timeout?: number;
  httpApi?: ServerlessHttpApi;
  /** `provider.apiGateway` as written (REST API settings: apiKeys, usagePlan, binaryMediaTypes, ...). */
  apiGateway?: Record<string, unknown>;
  websocketsApiRouteSelectionExpression?: string;
  websocketsApiName?: string;
  iam: ServerlessIam;
}

export interface ServerlessHttpApi {
  /** `'1.0'` or `'2.0'` (the Framework's default). */
  payload: '1.0' | '2.0';
  /** `true` for the Framework's permissive defaults, else the settings written. */
  cors?: true | HttpApiCors;
  authorizers: Record<string, HttpApiAuthorizer>;
  name?: string;
  id?: string;
  disableDefaultEndpoint?: boolean;
}

export interface HttpApiCors {
  allowedOrigins?: string[];
  allowedHeaders?: string[];
  allowedMethods?: string[];
  allowCredentials?: boolean;
  exposedResponseHeaders?: string[];
  maxAge?: number;
}

export type HttpApiAuthorizer =
  | { type: 'jwt'; identitySource: string; issuerUrl: string; audience: string[] }
  | {
      type: 'request';
      /** The function (a key of `functions`) or an ARN. */
      functionName?: string;
      functionArn?: string;
      identitySource: string[];
      resultTtlInSeconds?: number;
      enableSimpleResponses?: boolean;
      /** The authorizer's event version: `'2.0'` unless written. */
      payloadVersion: '1.0' | '2.0';
    };

export interface ServerlessIam {
  /** `provider.iam.role.statements`, or the older `provider.iamRoleStatements`. */
  statements: unknown[];
  managedPolicies: unknown[];
  /** An existing role (name or ARN) when the service does not create one. */
  role?: unknown;
}

export interface ServerlessFunction {
  /** The key under `functions`. */
  key: string;
  /** The Lambda name: `name`, else `<service>-<stage>-<key>`. */
  name: string;
  /** `src/chat.connect` as `{ file: 'src/chat', export: 'connect' }`, relative to the service directory. */
  handler: { file: string; export: string };
  runtime?: string;
  /** The provider's environment with the function's over it. */
  environment: Record<string, EnvironmentValue>;
  /** The function's, else the provider's, else the Framework's default (1024 MB, 6 s). */
  memorySize: number;
  timeout: number;
  events: ServerlessEvent[];
  /** `layers`: the service's layers by logical id, in order (published layers' ARNs are left out, with a warning). */
  layers?: ServerlessFunctionLayer[];
}

/** A layer of the top-level `layers`. */
export interface ServerlessLayer {
  /** The key under `layers`. */
  key: string;
  /** The resource the Framework makes of it (`<Name>LambdaLayer`), which functions `Ref`. */
  logicalId: string;
  /** The layer's folder, relative to the service directory. */
  path: string;
}

/** `{ Ref: <Name>LambdaLayer }` in a function's `layers`, with its place in the list. */
export interface ServerlessFunctionLayer {
  ref: string;
  index: number;
}

export type ServerlessEvent = WebSocketEvent | HttpApiEvent | HttpEvent;

export interface WebSocketEvent {
  type: 'websocket';
  route: string;
  routeResponseSelectionExpression?: string;
  authorizer?: { name?: string; arn?: string; identitySource: string[] };
}

export interface HttpApiEvent {
  type: 'httpApi';
  /** Upper case, or `*` for any method. */
  method: string;
  /** `/path/{param}`, or `*` for the catch-all route. */
  path: string;
  authorizer?: { name?: string; id?: string; type?: 'aws_iam'; scopes?: string[] };
  payload: '1.0' | '2.0';
}

export interface HttpEvent {
  type: 'http';
  /** Upper case, `ANY` for any. */
  method: string;
  /** With a leading slash: `/users/{id}`. */
  path: string;
  cors?: true | Record<string, unknown>;
  /** A function key or an authorizer's settings as written (name, arn, type, identitySource, ...). */
  authorizer?: Record<string, unknown>;
  /** Content type to schema, from `request.schemas`. */
  requestSchemas: Record<string, unknown>;
  private: boolean;
}
