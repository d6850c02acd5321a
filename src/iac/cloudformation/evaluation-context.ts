/** What an intrinsic function can see while it is evaluated: parameters, pseudo parameters, mappings, resources, conditions. */
import type { ResolvedParameter } from './parameters.ts';
import type { SourcePositions, TemplatePath } from './positions.ts';

/** Gives a resource's `Ref` (no attribute) or `Fn::GetAtt` value when the caller knows it; undefined leaves a reference. */
export type ResourceResolver = (logicalId: string, attribute?: string) => unknown;

export interface EvaluationContext {
  positions: SourcePositions;
  parameters: ReadonlyMap<string, ResolvedParameter>;
  pseudo: ReadonlyMap<string, unknown>;
  mappings: Readonly<Record<string, unknown>>;
  /** Every logical id in `Resources`, with the condition that excludes it when false. */
  resources: ReadonlyMap<string, { condition: string | undefined }>;
  /** A condition's value by name, evaluated once; an unknown name or a cycle is an error at `path`. */
  condition(name: string, path: TemplatePath): boolean;
  resolver: ResourceResolver | undefined;
  /** Resources of the stack outside the template (see ResolveOptions.externalResource). */
  externalResource: ((logicalId: string) => boolean) | undefined;
  /** See ResolveOptions.readFile. */
  readFile: ((path: string) => string) | undefined;
  importValues: ReadonlyMap<string, string>;
  availabilityZones(region: string): string[];
  region: string;
  warn(path: TemplatePath, message: string): void;
  /** True inside `Conditions`: resources cannot be referred to there, and `{ Condition: name }` is a reference. */
  inConditions: boolean;
}

/** Evaluates a value in a context; the intrinsic implementations call back through it for their arguments. */
export type Evaluate = (value: unknown, path: TemplatePath, context: EvaluationContext) => unknown;
