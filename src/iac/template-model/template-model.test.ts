/** templateModel: each small template of the fixture table mapped to its exact model, warnings and inline code. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CASES } from '../../../test/fixtures/template-model/cases.ts';
import { EXPECTED } from '../../../test/fixtures/template-model/expected.ts';
import { validateService } from '../../model/index.ts';
import { parseTemplate } from '../cloudformation/index.ts';
import type { EnvironmentOverrides } from './environment-overrides.ts';
import { templateModel } from './template-model.ts';

for (const { name, template, options } of CASES) {
  test(name, () => {
    const { model, warnings, inlineCode } = templateModel(parseTemplate(template, 't.yaml'), options as { environmentOverrides?: EnvironmentOverrides });
    const { functions, apis, tables, outputs, apiKeys, usagePlans, layers } = model;
    assert.deepEqual(
      {
        functions,
        apis,
        tables,
        outputs,
        ...(apiKeys ? { apiKeys } : {}),
        ...(usagePlans ? { usagePlans } : {}),
        ...(layers ? { layers } : {}),
        warnings: warnings.map((w) => `${w.location} ${w.path}: ${w.message}`),
        inlineCode,
      },
      EXPECTED[name],
    );
    // Every model the importer makes is one the gateway accepts.
    validateService({ ...model, rootDir: '/app' }, 't.yaml');
  });
}

test('the fixture table covers at least 20 templates', () => {
  assert.ok(CASES.length >= 20, String(CASES.length));
  assert.deepEqual(
    Object.keys(EXPECTED),
    CASES.map((entry) => entry.name),
  );
});

test('an environment variable that is !Ref of a table is its local name, recorded as a reference for synthesis', () => {
  const template = `Resources:
  Items:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: items-dev
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: fn/
      Handler: app.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          TABLE: !Ref Items
          ARN: !GetAtt Items.Arn
          PLAIN: items-dev`;
  const [fn] = templateModel(parseTemplate(template, 't.yaml')).model.functions;
  assert.deepEqual(
    { environment: fn?.environment, environmentRefs: fn?.environmentRefs },
    {
      environment: { TABLE: 'items-dev', ARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/items-dev', PLAIN: 'items-dev', AWS_SAM_LOCAL: 'true' },
      environmentRefs: { TABLE: { kind: 'table', table: 'items-dev' } },
    },
  );
});
