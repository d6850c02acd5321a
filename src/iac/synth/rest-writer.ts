/** Adds one REST API's resources to the template and remembers what its Deployment must follow and fingerprint. */
import { createHash } from 'node:crypto';
import type { RestApiModel } from '../../model/types.ts';
import type { SynthContext } from './context.ts';
import type { CfnResource } from './template.ts';

export class RestApiWriter {
  readonly context: SynthContext;
  readonly api: RestApiModel;
  /** The AWS::ApiGateway::Method ids: a deployment made before them fails ("doesn't contain any methods") or misses some. */
  readonly methodIds: string[] = [];
  /** The AWS::ApiGateway::GatewayResponse ids: no method refers to them, so only DependsOn puts them in the deployment. */
  readonly gatewayResponseIds: string[] = [];
  readonly #hash = createHash('sha256');

  constructor(context: SynthContext, api: RestApiModel) {
    this.context = context;
    this.api = api;
  }

  /** Every part added here is deployed by the API's Deployment, so it joins the Deployment's fingerprint. */
  add(logicalId: string, resource: CfnResource, owner: string): string {
    this.context.builder.resource(logicalId, resource, owner);
    this.#hash.update(`${logicalId}\n${JSON.stringify(resource)}\n`);
    if (resource.Type === 'AWS::ApiGateway::Method') this.methodIds.push(logicalId);
    if (resource.Type === 'AWS::ApiGateway::GatewayResponse') this.gatewayResponseIds.push(logicalId);
    return logicalId;
  }

  /** Ten hex digits of the parts' hash (digest once, after every part is added). */
  contentHash(): string {
    return this.#hash.digest('hex').slice(0, 10);
  }
}
