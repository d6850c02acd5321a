/** Collects a template's parts; a logical id used twice is a synthesis defect, reported with both owners. */
import { ConfigError } from '../../errors.ts';
import type { CfnOutput, CfnParameter, CfnResource, CfnTemplate } from './template.ts';

export class TemplateBuilder {
  readonly #resources = new Map<string, { resource: CfnResource; owner: string }>();
  readonly #parameters = new Map<string, CfnParameter>();
  readonly #outputs = new Map<string, CfnOutput>();
  readonly #description: string;
  readonly #source: string;

  /** `source` names the definition in errors: the entry file or template the model came from. */
  constructor(description: string, source: string) {
    this.#description = description;
    this.#source = source;
  }

  /** `owner` says which part of the model the resource comes from, e.g. `function "sendMessage"`. */
  resource(logicalId: string, resource: CfnResource, owner: string): string {
    const existing = this.#resources.get(logicalId);
    if (existing) {
      throw new ConfigError(this.#source, [
        { path: owner, message: `synthesizes to the logical id "${logicalId}", as ${existing.owner} does; rename one of them` },
      ]);
    }
    this.#resources.set(logicalId, { resource, owner });
    return logicalId;
  }

  has(logicalId: string): boolean {
    return this.#resources.has(logicalId);
  }

  parameter(name: string, parameter: CfnParameter): void {
    this.#parameters.set(name, parameter);
  }

  output(name: string, output: CfnOutput): void {
    this.#outputs.set(name, output);
  }

  toTemplate(): CfnTemplate {
    return {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: this.#description,
      ...(this.#parameters.size ? { Parameters: Object.fromEntries(this.#parameters) } : {}),
      Resources: Object.fromEntries([...this.#resources].map(([id, entry]) => [id, entry.resource])),
      ...(this.#outputs.size ? { Outputs: Object.fromEntries(this.#outputs) } : {}),
    };
  }
}
