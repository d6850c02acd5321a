/** The template as a whole: its sections, CloudFormation's quotas on size, counts and names, parameters and outputs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_DESCRIPTION_BYTES,
  MAX_INLINE_TEMPLATE_BYTES,
  MAX_NAME_CHARACTERS,
  MAX_OUTPUTS,
  MAX_PARAMETERS,
  MAX_RESOURCES,
  MAX_S3_TEMPLATE_BYTES,
} from './index.ts';
import { issueLines, templateWith } from './test-support.ts';

const logGroup = { Type: 'AWS::Logs::LogGroup' };
const many = <T>(count: number, entry: T) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`Entry${index}`, entry]));

test('the quotas are those of the CloudFormation quotas page', () => {
  assert.deepEqual(
    [MAX_INLINE_TEMPLATE_BYTES, MAX_S3_TEMPLATE_BYTES, MAX_RESOURCES, MAX_PARAMETERS, MAX_OUTPUTS, MAX_NAME_CHARACTERS, MAX_DESCRIPTION_BYTES],
    [51_200, 1_048_576, 500, 200, 200, 255, 1_024],
  );
});

test('the body size: 51,200 bytes passed inline, 1 MB read from S3 (the default, as provision uploads the template)', () => {
  const template = templateWith({ Log: logGroup });
  const body = (bytes: number) => JSON.stringify(template).padEnd(bytes, ' ');
  assert.deepEqual(issueLines(template, { delivery: 'inline', body: body(51_200) }), []);
  assert.deepEqual(issueLines(template, { delivery: 'inline', body: body(51_201) }), [
    '(template): 51,201 bytes; CloudFormation accepts at most 51,200 bytes for a template passed in the request; upload it to S3 instead (up to 1 MB)',
  ]);
  assert.deepEqual(issueLines(template, { body: body(51_201) }), []);
  assert.deepEqual(issueLines(template, { body: body(1_048_577) }), [
    '(template): 1,048,577 bytes; CloudFormation accepts at most 1,048,576 bytes for a template read from S3; split it into nested stacks',
  ]);
});

test('the body size is measured on the template as compact JSON when no body is given, in UTF-8 bytes', () => {
  const template = templateWith({ Log: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'é'.repeat(26_000) } } });
  const bytes = Buffer.byteLength(JSON.stringify(template));
  assert.deepEqual(issueLines(template, { delivery: 'inline' }), [
    `(template): ${bytes.toLocaleString('en-US')} bytes; CloudFormation accepts at most 51,200 bytes for a template passed in the request; upload it to S3 instead (up to 1 MB)`,
  ]);
});

test('at most 500 resources, 200 parameters and 200 outputs', () => {
  assert.deepEqual(issueLines(templateWith(many(500, logGroup))), []);
  const template = templateWith(many(501, logGroup), {
    Parameters: many(201, { Type: 'String' }),
    Outputs: many(201, { Value: 'x' }),
  });
  assert.deepEqual(issueLines(template), [
    'Resources: 501 resources; CloudFormation allows at most 500 in a template',
    'Parameters: 201 parameters; CloudFormation allows at most 200 in a template',
    'Outputs: 201 outputs; CloudFormation allows at most 200 in a template',
  ]);
});

test('logical ids and names are alphanumeric and at most 255 characters', () => {
  const long = `A${'b'.repeat(255)}`;
  const template = templateWith(
    { 'send-message': logGroup, [long]: logGroup, '1stLog': logGroup },
    { Parameters: { 'stage.name': { Type: 'String' } }, Outputs: { chat_url: { Value: 'x' } } },
  );
  assert.deepEqual(issueLines(template), [
    'Resources.send-message: a name in a template is alphanumeric (A-Za-z0-9)',
    `Resources.${long}: 256 characters; CloudFormation allows at most 255`,
    'Parameters.stage.name: a name in a template is alphanumeric (A-Za-z0-9)',
    'Outputs.chat_url: a name in a template is alphanumeric (A-Za-z0-9)',
  ]);
});

test('the description is a string of at most 1,024 bytes', () => {
  assert.deepEqual(issueLines({ ...templateWith({ Log: logGroup }), Description: 'x'.repeat(1_025) }), [
    'Description: 1025 bytes; CloudFormation allows at most 1024',
  ]);
  assert.deepEqual(issueLines({ ...templateWith({ Log: logGroup }), Description: ['chat'] }), ['Description: expected a string, got ["chat"]']);
});

test('sections: known ones only, the one format version, at least one resource', () => {
  assert.deepEqual(issueLines({ AWSTemplateFormatVersion: '2010-09-10', Resource: {}, Resources: {} }), [
    'Resource: not a template section (AWSTemplateFormatVersion, Description, Metadata, Parameters, Rules, Mappings, Conditions, Transform, Resources, Outputs)',
    'AWSTemplateFormatVersion: expected "2010-09-09", the only version, got "2010-09-10"',
    'Resources: missing: a template declares at least one resource',
  ]);
});

test('a transform (and the SAM Globals section) means the template to check is the one the transform gives', () => {
  const template = { Transform: 'AWS::Serverless-2016-10-31', Globals: { Function: { Timeout: 3 } }, Resources: { Log: logGroup } };
  assert.deepEqual(issueLines(template), [
    'Globals: an AWS SAM section: run the AWS::Serverless-2016-10-31 transform first and check the template it gives',
    'Transform: CloudFormation runs "AWS::Serverless-2016-10-31" before it reads the resources: check the template the transform gives instead',
  ]);
});

test('parameters have a CloudFormation parameter type; outputs have a Value', () => {
  const template = templateWith(
    { Log: logGroup },
    {
      Parameters: {
        Name: { Type: 'String' },
        Size: { Type: 'Number' },
        Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' },
        Latest: { Type: 'AWS::SSM::Parameter::Value<String>' },
        Names: { Type: 'CommaDelimitedList' },
        Typo: { Type: 'Strng' },
        None: { Default: 'x' },
      },
      Outputs: { Url: { Description: 'the URL' } },
    },
  );
  assert.deepEqual(issueLines(template), [
    'Parameters.Typo.Type: "Strng" is not a parameter type (String, Number, List<Number>, CommaDelimitedList, or an AWS-specific type)',
    'Parameters.None.Type: missing: every parameter has a Type such as String',
    'Outputs.Url.Value: missing: every output has a Value',
  ]);
});

test('at most 200 mappings of 200 attributes each', () => {
  const attributes = many(201, { value: 'x' });
  const template = templateWith({ Log: logGroup }, { Mappings: { ...many(200, { dev: { value: 'x' } }), Big: attributes } });
  assert.deepEqual(issueLines(template), [
    'Mappings: 201 mappings; CloudFormation allows at most 200 in a template',
    'Mappings.Big: 201 attributes; CloudFormation allows at most 200 per mapping',
  ]);
});
