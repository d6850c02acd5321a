/** The templates this repository holds, checked: the importer's plain CloudFormation cases and the SAM example. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CASES } from '../../../test/fixtures/template-model/cases.ts';
import { parseTemplate } from '../cloudformation/index.ts';
import { issueLines } from './test-support.ts';

const isSam = (body: Record<string, unknown>) =>
  body.Transform !== undefined ||
  Object.values((body.Resources ?? {}) as Record<string, { Type?: string }>).some((resource) => resource?.Type?.startsWith('AWS::Serverless::'));

/**
 * The issues of each plain CloudFormation case of test/fixtures/template-model/cases.ts. They are small templates for
 * running locally, so three lack what deploying needs: a Role, and Code in S3 rather than a local folder (which
 * `aws cloudformation package` would upload).
 */
const EXPECTED_ISSUES: Record<string, string[]> = {
  'AWS::Lambda::Function with Code as a local folder and a FunctionName': [
    'Resources.Fn.Properties.Code: expected an object (Code), got "build/fn"',
    'Resources.Fn.Properties.Role: missing: AWS::Lambda::Function requires it',
  ],
  'AWS::Lambda::Function with ZipFile: the code is written under .hoplite/inline': ['Resources.Fn.Properties.Role: missing: AWS::Lambda::Function requires it'],
  "AWS::Lambda::LayerVersion: Content as a local folder, or an S3 object with CDK's aws:asset:path": [
    'Resources.Packaged.Properties.Content: expected an object (Content), got "layers/packaged"',
    'Resources.Fn.Properties.Code: expected an object (Code), got "src"',
    'Resources.Fn.Properties.Role: missing: AWS::Lambda::Function requires it',
  ],
  'AWS::DynamoDB::Table: HASH and RANGE keys, PAY_PER_REQUEST, a global index; TTL recorded': [],
  'AWS::DynamoDB::Table PROVISIONED by default, with its throughput': [],
  'AWS::ApiGatewayV2 WEBSOCKET: a MOCK integration with templates, an IntegrationResponse': [],
  'AWS::ApiGateway::RestApi: Name, BinaryMediaTypes, ApiKeySourceType, a Stage with Variables and a MOCK method on /': [],
  'AWS::ApiGateway::Method HTTP and HTTP_PROXY: Uri with a stage variable, IntegrationHttpMethod, RequestParameters, ContentHandling': [],
  'AWS::ApiGateway::Stage MethodSettings: /*/* throttles the stage, /~1pets/GET one method': [],
  'AWS::ApiGateway::UsagePlan: ApiStages with a method Throttle, Throttle, Quota and the keys of its UsagePlanKeys': [],
};

const parsed = CASES.map(({ name, template }) => ({ name, body: parseTemplate(template, 't.yaml').body }));

test('the plain CloudFormation cases of the importer fixture table', () => {
  const plain = parsed.filter(({ body }) => !isSam(body));
  assert.deepEqual(Object.fromEntries(plain.map(({ name, body }) => [name, issueLines(body)])), EXPECTED_ISSUES);
});

test('every SAM case of the importer fixture table is reported as needing the transform first', () => {
  for (const { name, body } of parsed.filter(({ body }) => isSam(body))) {
    const issues = issueLines(body);
    assert.ok(
      issues.some((line) => line.includes('run the AWS::Serverless-2016-10-31 transform first') || line.startsWith('Transform: ')),
      `${name}: ${issues.join('\n')}`,
    );
  }
});

test('examples/chat-sam/template.yaml is SAM: the transform comes first', () => {
  const file = new URL('../../../examples/chat-sam/template.yaml', import.meta.url);
  const { body } = parseTemplate(readFileSync(file, 'utf8'), 'template.yaml');
  const sam = (id: string, type: string) =>
    `Resources.${id}.Type: "${type}" is an AWS SAM type: run the AWS::Serverless-2016-10-31 transform first (sam package or sam deploy does) and check the template it gives`;
  assert.deepEqual(issueLines(body), [
    'Globals: an AWS SAM section: run the AWS::Serverless-2016-10-31 transform first and check the template it gives',
    'Transform: CloudFormation runs "AWS::Serverless-2016-10-31" before it reads the resources: check the template the transform gives instead',
    sam('ConnectionsTable', 'AWS::Serverless::SimpleTable'),
    sam('ConnectFunction', 'AWS::Serverless::Function'),
    sam('DisconnectFunction', 'AWS::Serverless::Function'),
    sam('SendFunction', 'AWS::Serverless::Function'),
  ]);
});
