/** checkTemplate and assertTemplate on a whole template: the hand-written service passes, issues come back and are thrown together. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SERVICE_TEMPLATE } from '../../../test/fixtures/template-check/service-template.ts';
import { ConfigError } from '../../errors.ts';
import { assertTemplate, checkTemplate, resourceSpecVersion } from './index.ts';
import { lambdaFunction, templateWith } from './test-support.ts';

test('a template of WebSocket, HTTP and REST APIs, functions, roles, log groups, permissions and a table has no issue', () => {
  assert.deepEqual(checkTemplate(SERVICE_TEMPLATE, { source: 'chat.template.json' }), []);
  assertTemplate(SERVICE_TEMPLATE, { source: 'chat.template.json' });
});

test('each issue names the template, the path in it and what is wrong', () => {
  const template = templateWith({ Fn: lambdaFunction({ MemorySize: 'lots' }) });
  assert.deepEqual(checkTemplate(template, { source: 'app.template.json' }), [
    { source: 'app.template.json', path: 'Resources.Fn.Properties.MemorySize', message: 'expected an integer, got "lots"' },
  ]);
});

test('assertTemplate throws one ConfigError listing every issue as source: path: message', () => {
  const template = templateWith({ Fn: lambdaFunction({ Code: { S3Bucket: 'bundles', S3Key: ['fn.zip'] }, MemorySize: 'lots', Handlr: 'index.handler' }) });
  assert.throws(
    () => assertTemplate(template, { source: '.hoplite/synth/chat/template.json' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.code, 'HOPLITE_ERR_CONFIG_INVALID');
      assert.equal(
        error.message,
        [
          '.hoplite/synth/chat/template.json: Resources.Fn.Properties.Code.S3Key: expected a string, got ["fn.zip"]',
          '.hoplite/synth/chat/template.json: Resources.Fn.Properties.MemorySize: expected an integer, got "lots"',
          '.hoplite/synth/chat/template.json: Resources.Fn.Properties.Handlr: not a property of AWS::Lambda::Function; did you mean "Handler"?',
        ].join('\n'),
      );
      return true;
    },
  );
});

test('the specification version is the installed @aws-cdk/aws-service-spec', () => {
  assert.match(resourceSpecVersion(), /^\d+\.\d+\.\d+$/);
});

test("a function's role naming its WebSocket stage by Ref closes a circle: stage, deployment, routes, integration, function, role", () => {
  const template = structuredClone(SERVICE_TEMPLATE);
  const statements = (template.Resources.SendMessageRole!.Properties!.Policies as any)[0].PolicyDocument.Statement;
  statements[2].Resource = { 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ChatApi}/${ChatStage}/POST/@connections/*' };
  assert.deepEqual(
    checkTemplate(template, { source: 'chat.template.json' }).map((issue) => `${issue.path}: ${issue.message}`),
    [
      'Resources.SendMessageRole: SendMessageRole, SendMessageFunction, ChatSendmessageIntegration, ChatConnectAuthorizer, ChatSendmessageRoute, ChatConnectRoute, ChatDeployment, ChatStage depend on one another (through Ref, Fn::GetAtt, Fn::Sub or DependsOn); CloudFormation cannot order them',
    ],
  );
});
