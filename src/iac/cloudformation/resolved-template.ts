/** What resolution gives: resources, outputs, parameters and conditions with every intrinsic evaluated, and the warnings. */
import type { ResolvedParameter } from './parameters.ts';
import type { Position } from './positions.ts';
import type { TemplateWarning } from './warnings.ts';

/** The serverless transform: SAM resource types (`AWS::Serverless::Function`…) and the `Globals` section. */
export const SERVERLESS_TRANSFORM = 'AWS::Serverless-2016-10-31';

export interface ResolvedResource {
  type: string;
  /** Evaluated; may hold ResourceReference, JoinedValue and DeferredIntrinsic values for what only the model knows. */
  properties: Record<string, unknown>;
  /** The condition that kept it (resources whose condition is false are left out). */
  condition: string | undefined;
  dependsOn: string[];
  /** DeletionPolicy, UpdateReplacePolicy, UpdatePolicy, CreationPolicy and Metadata, evaluated, recorded for the mapper. */
  attributes: Record<string, unknown>;
  position: Position;
}

export interface ResolvedOutput {
  value: unknown;
  description: string | undefined;
  exportName: unknown;
  condition: string | undefined;
  position: Position;
}

export interface ResolvedTemplate {
  file: string;
  description: string | undefined;
  transforms: string[];
  /** True when `Transform` names AWS::Serverless-2016-10-31. */
  serverless: boolean;
  parameters: Map<string, ResolvedParameter>;
  conditions: Map<string, boolean>;
  resources: Map<string, ResolvedResource>;
  outputs: Map<string, ResolvedOutput>;
  /** SAM's `Globals`, evaluated; empty when there are none. */
  globals: Record<string, unknown>;
  warnings: TemplateWarning[];
}
