/** The ServiceModel: plain, serialisable data that every consumer reads. Built by define/ or iac/, checked by validate.ts. */

export interface ServiceModel {
  name: string;
  /** Directory that handler paths are relative to; the loader sets it to the definition file's folder. */
  rootDir?: string;
  functions: FunctionModel[];
  apis: ApiModel[];
  tables: TableModel[];
  outputs: OutputModel[];
}

export interface FunctionModel {
  /** The Lambda function name, unique in the service. */
  name: string;
  /** `path/to/file.ts#exportName`, relative to the service's rootDir; the export defaults to `handler`. */
  handler: string;
  timeoutSeconds: number;
  memoryMb: number;
  environment: Record<string, string>;
  policies: PolicyModel[];
}

export interface PolicyModel {
  actions: string[];
  resource: ResourceRef;
}

/** A resource of this service or a literal ARN. */
export type ResourceRef = { kind: 'table'; table: string } | { kind: 'api-connections'; api: string } | { kind: 'arn'; arn: string };

export type ApiModel = WebSocketApiModel;

export interface WebSocketApiModel {
  protocol: 'WEBSOCKET';
  name: string;
  /** WS-20: e.g. `$request.body.action`. */
  routeSelectionExpression: string;
  stage: StageModel;
  routes: WebSocketRouteModel[];
}

export interface StageModel {
  name: string;
  variables: Record<string, string>;
}

export interface WebSocketRouteModel {
  /** `$connect`, `$disconnect`, `$default` or a custom key. */
  key: string;
  /** Name of the function this route's Lambda proxy integration invokes. */
  function: string;
  /** WS-40: `$default` when the route sends the handler's `body` back to the client. */
  routeResponseSelectionExpression?: '$default';
  /** WS-71: 50–29000 ms. */
  integrationTimeoutMs: number;
}

export interface TableModel {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  billing: { mode: 'PROVISIONED'; readCapacity: number; writeCapacity: number } | { mode: 'PAY_PER_REQUEST' };
}

export interface KeyAttribute {
  name: string;
  type: 'S' | 'N' | 'B';
}

export interface OutputModel {
  name: string;
  description: string;
  value: { kind: 'websocket-url'; api: string } | { kind: 'literal'; value: string };
}
