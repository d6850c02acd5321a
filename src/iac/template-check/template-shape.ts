/** The template as a whole: known sections, CloudFormation's quotas on size, counts and names, parameters and outputs. */

import { childPath, type IssueList, isPlainObject, shown } from './issues.ts';
import { SAM_TRANSFORM } from './resource-kinds.ts';
import { section, type TemplateBody } from './template-facts.ts';
import {
  MAX_DESCRIPTION_BYTES,
  MAX_INLINE_TEMPLATE_BYTES,
  MAX_MAPPING_ATTRIBUTES,
  MAX_MAPPINGS,
  MAX_NAME_CHARACTERS,
  MAX_OUTPUTS,
  MAX_PARAMETERS,
  MAX_RESOURCES,
  MAX_S3_TEMPLATE_BYTES,
  NAME_PATTERN,
} from './template-limits.ts';

const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
]);

/** How the template reaches CloudFormation: in the request (`TemplateBody`) or as an S3 object (`TemplateURL`). */
export type TemplateDelivery = 'inline' | 's3';

export function checkTemplateShape(template: TemplateBody, body: string, delivery: TemplateDelivery, issues: IssueList): void {
  const entries = template as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    if (key === 'Globals') issues.add(key, `an AWS SAM section: run the ${SAM_TRANSFORM} transform first and check the template it gives`);
    else if (!SECTIONS.has(key)) issues.add(key, `not a template section (${[...SECTIONS].join(', ')})`);
  }
  if (entries.AWSTemplateFormatVersion !== undefined && entries.AWSTemplateFormatVersion !== '2010-09-09') {
    issues.add('AWSTemplateFormatVersion', `expected "2010-09-09", the only version, got ${shown(entries.AWSTemplateFormatVersion)}`);
  }
  if (entries.Transform !== undefined) {
    issues.add('Transform', `CloudFormation runs ${shown(entries.Transform)} before it reads the resources: check the template the transform gives instead`);
  }
  checkBodySize(body, delivery, issues);
  checkDescription(entries.Description, issues);
  const resources = section(template, 'Resources');
  if (!isPlainObject(entries.Resources) || Object.keys(resources).length === 0) issues.add('Resources', 'missing: a template declares at least one resource');
  checkNames('Resources', resources, MAX_RESOURCES, 'resources', issues);
  checkNames('Parameters', section(template, 'Parameters'), MAX_PARAMETERS, 'parameters', issues);
  checkNames('Outputs', section(template, 'Outputs'), MAX_OUTPUTS, 'outputs', issues);
  checkNames('Mappings', section(template, 'Mappings'), MAX_MAPPINGS, 'mappings', issues);
  checkNames('Conditions', section(template, 'Conditions'), Number.POSITIVE_INFINITY, 'conditions', issues);
  for (const [name, mapping] of Object.entries(section(template, 'Mappings'))) {
    if (isPlainObject(mapping) && Object.keys(mapping).length > MAX_MAPPING_ATTRIBUTES) {
      issues.add(childPath('Mappings', name), `${Object.keys(mapping).length} attributes; CloudFormation allows at most ${MAX_MAPPING_ATTRIBUTES} per mapping`);
    }
  }
  checkParameters(section(template, 'Parameters'), issues);
  checkOutputs(section(template, 'Outputs'), issues);
}

function checkBodySize(body: string, delivery: TemplateDelivery, issues: IssueList): void {
  const bytes = Buffer.byteLength(body, 'utf8');
  const limit = delivery === 'inline' ? MAX_INLINE_TEMPLATE_BYTES : MAX_S3_TEMPLATE_BYTES;
  if (bytes <= limit) return;
  const how = delivery === 'inline' ? 'passed in the request; upload it to S3 instead (up to 1 MB)' : 'read from S3; split it into nested stacks';
  issues.add(
    '(template)',
    `${bytes.toLocaleString('en-US')} bytes; CloudFormation accepts at most ${limit.toLocaleString('en-US')} bytes for a template ${how}`,
  );
}

function checkDescription(description: unknown, issues: IssueList): void {
  if (description === undefined) return;
  if (typeof description !== 'string') issues.add('Description', `expected a string, got ${shown(description)}`);
  else if (Buffer.byteLength(description, 'utf8') > MAX_DESCRIPTION_BYTES) {
    issues.add('Description', `${Buffer.byteLength(description, 'utf8')} bytes; CloudFormation allows at most ${MAX_DESCRIPTION_BYTES}`);
  }
}

function checkNames(sectionName: string, entries: Record<string, unknown>, max: number, noun: string, issues: IssueList): void {
  const count = Object.keys(entries).length;
  if (count > max) issues.add(sectionName, `${count} ${noun}; CloudFormation allows at most ${max} in a template`);
  for (const name of Object.keys(entries)) {
    const path = childPath(sectionName, name);
    if (!NAME_PATTERN.test(name)) issues.add(path, 'a name in a template is alphanumeric (A-Za-z0-9)');
    else if (name.length > MAX_NAME_CHARACTERS) issues.add(path, `${name.length} characters; CloudFormation allows at most ${MAX_NAME_CHARACTERS}`);
  }
}

const PARAMETER_TYPES = new Set(['String', 'Number', 'List<Number>', 'CommaDelimitedList']);

/** Each parameter has one of CloudFormation's parameter types (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html). */
function checkParameters(parameters: Record<string, unknown>, issues: IssueList): void {
  for (const [name, parameter] of Object.entries(parameters)) {
    const path = childPath(childPath('Parameters', name), 'Type');
    const type = isPlainObject(parameter) ? parameter.Type : undefined;
    if (typeof type !== 'string') issues.add(path, 'missing: every parameter has a Type such as String');
    else if (!PARAMETER_TYPES.has(type) && !/^(List<)?AWS::[A-Za-z0-9:]+(<.+>)?>?$/.test(type)) {
      issues.add(path, `"${type}" is not a parameter type (${[...PARAMETER_TYPES].join(', ')}, or an AWS-specific type)`);
    }
  }
}

function checkOutputs(outputs: Record<string, unknown>, issues: IssueList): void {
  for (const [name, output] of Object.entries(outputs)) {
    if (!isPlainObject(output) || output.Value === undefined) issues.add(childPath(childPath('Outputs', name), 'Value'), 'missing: every output has a Value');
  }
}
