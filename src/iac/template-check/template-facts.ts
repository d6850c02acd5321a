/** What a template declares (parameters, resources, conditions, mappings), read once for every check to look names up in. */
import { isPlainObject } from './issues.ts';

/** Pseudo parameters every template may `Ref` (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html). */
export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** The template as checked: a synthesized CfnTemplate or any parsed template body; every part is read defensively. */
export type TemplateBody = object;

export interface TemplateFacts {
  /** Each parameter's Type (`String`, `CommaDelimitedList`, …), or '' when it names none. */
  parameters: Map<string, string>;
  /** Each resource's Type, or '' when it names none. */
  resources: Map<string, string>;
  conditions: Set<string>;
  mappings: Set<string>;
}

export function section(template: TemplateBody, name: string): Record<string, unknown> {
  const value = (template as Record<string, unknown>)[name];
  return isPlainObject(value) ? value : {};
}

export function templateFacts(template: TemplateBody): TemplateFacts {
  const typeOf = (entry: unknown) => (isPlainObject(entry) && typeof entry.Type === 'string' ? entry.Type : '');
  return {
    parameters: new Map(Object.entries(section(template, 'Parameters')).map(([name, entry]) => [name, typeOf(entry)])),
    resources: new Map(Object.entries(section(template, 'Resources')).map(([id, entry]) => [id, typeOf(entry)])),
    conditions: new Set(Object.keys(section(template, 'Conditions'))),
    mappings: new Set(Object.keys(section(template, 'Mappings'))),
  };
}

/** Whether `Ref` to a parameter gives a list: `CommaDelimitedList`, `List<…>` and SSM parameters of lists. */
export function isListParameterType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<') || /^AWS::SSM::Parameter::Value<(List<.*>|CommaDelimitedList)>$/.test(type);
}
