/** Every name a template refers to exists: Ref, Fn::GetAtt, Fn::Sub, conditions and mappings; conditions refer to parameters only. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issueLines, templateWith } from './test-support.ts';

const logGroup = (name: unknown) => ({ Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: name } });
const table = { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] } };

test('Ref names a parameter, a resource or a pseudo parameter', () => {
  const template = templateWith(
    {
      Table: table,
      A: logGroup({ Ref: 'Stage' }),
      B: logGroup({ Ref: 'Table' }),
      C: logGroup({ Ref: 'AWS::StackName' }),
      D: logGroup({ Ref: 'Stag' }),
      E: logGroup({ Ref: 'AWS::Regio' }),
      F: logGroup({ Ref: ['Stage'] }),
    },
    { Parameters: { Stage: { Type: 'String' } } },
  );
  assert.deepEqual(issueLines(template), [
    'Resources.D.Properties.LogGroupName.Ref: "Stag" is not a parameter, resource or pseudo parameter of the template',
    'Resources.E.Properties.LogGroupName.Ref: "AWS::Regio" is not a parameter, resource or pseudo parameter of the template',
    'Resources.F.Properties.LogGroupName.Ref: expected a parameter or resource name, got ["Stage"]',
  ]);
});

test('Fn::GetAtt names a resource of the template and an attribute its type has, in list or dotted form', () => {
  const template = templateWith({
    Table: table,
    A: logGroup({ 'Fn::GetAtt': ['Table', 'Arn'] }),
    B: logGroup({ 'Fn::GetAtt': 'Table.StreamArn' }),
    C: logGroup({ 'Fn::GetAtt': ['Tabel', 'Arn'] }),
    D: logGroup({ 'Fn::GetAtt': ['Table', 'Name'] }),
    E: logGroup({ 'Fn::GetAtt': ['Table', { Ref: 'AWS::Region' }] }),
    F: logGroup({ 'Fn::GetAtt': 3 }),
  });
  assert.deepEqual(issueLines(template), [
    'Resources.C.Properties.LogGroupName.Fn::GetAtt: "Tabel" is not a resource of the template',
    'Resources.D.Properties.LogGroupName.Fn::GetAtt: AWS::DynamoDB::Table has no attribute "Name"; it has Arn, StreamArn',
    'Resources.F.Properties.LogGroupName.Fn::GetAtt: expected [logical id, attribute name], got 3',
  ]);
});

test('a nested stack has the attributes of its outputs', () => {
  const template = templateWith({
    Shared: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example.com/shared.json' } },
    Log: logGroup({ 'Fn::GetAtt': ['Shared', 'Outputs.TableName'] }),
  });
  assert.deepEqual(issueLines(template), []);
});

test('Fn::Sub: ${Name} and ${Name.Attribute} are checked like Ref and Fn::GetAtt; ${!Literal} and its own variables are not', () => {
  const template = templateWith({
    Table: table,
    A: logGroup({ 'Fn::Sub': '/app/${AWS::StackName}/${Table}/${Table.Arn}/${!Literal}' }),
    B: logGroup({ 'Fn::Sub': ['/app/${Name}/${Table}', { Name: { Ref: 'AWS::Region' } }] }),
    C: logGroup({ 'Fn::Sub': '/app/${Missing}/${Table.Nope}/${Ghost.Arn}' }),
    D: logGroup({ 'Fn::Sub': ['/app/${Name}', { Name: { Ref: 'Nobody' } }] }),
    E: logGroup({ 'Fn::Sub': { text: '/app' } }),
  });
  assert.deepEqual(issueLines(template), [
    'Resources.C.Properties.LogGroupName.Fn::Sub: ${Missing} is not a parameter, resource, pseudo parameter or variable of the Fn::Sub',
    'Resources.C.Properties.LogGroupName.Fn::Sub: ${Table.Nope}: AWS::DynamoDB::Table has no attribute "Nope"; it has Arn, StreamArn',
    'Resources.C.Properties.LogGroupName.Fn::Sub: ${Ghost.Arn}: "Ghost" is not a resource of the template',
    'Resources.D.Properties.LogGroupName.Fn::Sub[1].Name.Ref: "Nobody" is not a parameter, resource or pseudo parameter of the template',
    'Resources.E.Properties.LogGroupName.Fn::Sub: expected a string, or [string, { variable: value }], got {"text":"/app"}',
  ]);
});

test('references inside intrinsics and JSON properties are found: Fn::Join, Fn::If branches, a policy document', () => {
  const template = templateWith(
    {
      A: logGroup({ 'Fn::Join': ['-', [{ Ref: 'Nope' }, 'x']] }),
      B: logGroup({ 'Fn::If': ['Prod', { Ref: 'Gone' }, 'dev'] }),
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: { Statement: [{ Resource: { 'Fn::GetAtt': ['Queue', 'Arn'] } }] } },
      },
    },
    { Conditions: { Prod: { 'Fn::Equals': ['a', 'b'] } } },
  );
  assert.deepEqual(issueLines(template), [
    'Resources.A.Properties.LogGroupName.Fn::Join[1][0].Ref: "Nope" is not a parameter, resource or pseudo parameter of the template',
    'Resources.B.Properties.LogGroupName.Fn::If[1].Ref: "Gone" is not a parameter, resource or pseudo parameter of the template',
    'Resources.Role.Properties.AssumeRolePolicyDocument.Statement[0].Resource.Fn::GetAtt: "Queue" is not a resource of the template',
  ]);
});

test('conditions named by Fn::If, by a resource, an output and another condition exist', () => {
  const template = templateWith(
    { A: { ...logGroup({ 'Fn::If': ['Prd', 'a', 'b'] }), Condition: 'Dev' } },
    {
      Conditions: { Prod: { 'Fn::Equals': ['a', 'b'] }, Both: { 'Fn::And': [{ Condition: 'Prod' }, { Condition: 'Staging' }] } },
      Outputs: { Name: { Value: 'x', Condition: 'Test' } },
    },
  );
  assert.deepEqual(issueLines(template), [
    'Resources.A.Condition: "Dev" is not a condition of the template',
    'Resources.A.Properties.LogGroupName.Fn::If[0]: "Prd" is not a condition of the template',
    'Outputs.Name.Condition: "Test" is not a condition of the template',
    'Conditions.Both.Fn::And[1].Condition: "Staging" is not a condition of the template',
  ]);
});

test('a condition refers to parameters and pseudo parameters only', () => {
  const template = templateWith(
    { Table: table },
    {
      Parameters: { Stage: { Type: 'String' } },
      Conditions: {
        Prod: { 'Fn::Equals': [{ Ref: 'Stage' }, { Ref: 'AWS::Region' }] },
        ByTable: { 'Fn::Equals': [{ Ref: 'Table' }, 'x'] },
        ByArn: { 'Fn::Equals': [{ 'Fn::GetAtt': ['Table', 'Arn'] }, 'x'] },
      },
    },
  );
  assert.deepEqual(issueLines(template), [
    'Conditions.ByTable.Fn::Equals[0].Ref: "Table" is a resource; a condition can refer to parameters only',
    'Conditions.ByArn.Fn::Equals[0].Fn::GetAtt: a condition can refer to parameters only, not to resource attributes',
  ]);
});

test('Fn::FindInMap names a mapping of the template', () => {
  const template = templateWith(
    { A: logGroup({ 'Fn::FindInMap': ['Names', 'dev', 'log'] }), B: logGroup({ 'Fn::FindInMap': ['Nmaes', 'dev', 'log'] }) },
    { Mappings: { Names: { dev: { log: 'x' } } } },
  );
  assert.deepEqual(issueLines(template), ['Resources.B.Properties.LogGroupName.Fn::FindInMap[0]: "Nmaes" is not a mapping of the template']);
});

test('outputs are checked like properties: their values and export names', () => {
  const template = templateWith(
    { Table: table },
    { Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Table', 'Ar'] }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-${Stage}' } } } } },
  );
  assert.deepEqual(issueLines(template), [
    'Outputs.Arn.Value.Fn::GetAtt: AWS::DynamoDB::Table has no attribute "Ar"; it has Arn, StreamArn',
    'Outputs.Arn.Export.Name.Fn::Sub: ${Stage} is not a parameter, resource, pseudo parameter or variable of the Fn::Sub',
  ]);
});

test('resources that depend on one another in a circle, or on themselves', () => {
  const template = templateWith({
    Fn: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::Sub': '/aws/lambda/${Log}' } } },
    Log: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
    Role: { Type: 'AWS::Logs::LogGroup', DependsOn: ['Fn'] },
    Self: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { Ref: 'Self' } } },
    Fine: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::Sub': ['${Self}', { Self: 'not the resource' }] } } },
  });
  assert.deepEqual(issueLines(template), [
    'Resources.Fn: Fn, Log, Role depend on one another (through Ref, Fn::GetAtt, Fn::Sub or DependsOn); CloudFormation cannot order them',
    'Resources.Self: refers to itself (through Ref, Fn::GetAtt, Fn::Sub or DependsOn); CloudFormation cannot create it',
  ]);
});

test("each function's argument has the form CloudFormation reads, wherever it is", () => {
  const template = templateWith(
    {
      Good: logGroup({
        'Fn::Join': [
          '-',
          [
            { 'Fn::Select': ['0', { 'Fn::Split': [',', 'a,b'] }] },
            { 'Fn::Base64': { Ref: 'AWS::Region' } },
            { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] },
            { 'Fn::ImportValue': 'shared' },
          ],
        ],
      }),
      A: logGroup({ 'Fn::Join': [['-'], ['a']] }),
      B: logGroup({ 'Fn::Select': ['first', ['a']] }),
      C: logGroup({ 'Fn::Split': [',', ['a']] }),
      D: logGroup({ 'Fn::FindInMap': ['Names', 'dev'] }),
      E: logGroup({ 'Fn::ImportValue': ['shared'] }),
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Resource: { 'Fn::Base64': ['x'] } }] } } },
    },
    {
      Mappings: { Names: { dev: { log: 'x' } } },
      Conditions: {
        One: { 'Fn::Equals': ['a'] },
        Two: { 'Fn::Not': ['a', 'b'] },
        Three: { 'Fn::Or': [{ Condition: 'One' }] },
      },
    },
  );
  assert.deepEqual(issueLines(template), [
    // Checked first, with the resources: a list where the log group's name goes.
    'Resources.C.Properties.LogGroupName: expected a string, got Fn::Split (a list)',
    'Resources.A.Properties.LogGroupName.Fn::Join: expected [delimiter, [values]], got [["-"],["a"]]',
    'Resources.B.Properties.LogGroupName.Fn::Select: expected [index, [values]], got ["first",["a"]]',
    'Resources.C.Properties.LogGroupName.Fn::Split: expected [delimiter, string], got [",",["a"]]',
    'Resources.D.Properties.LogGroupName.Fn::FindInMap: expected [mapping, top-level key, second-level key], got ["Names","dev"]',
    'Resources.E.Properties.LogGroupName.Fn::ImportValue: expected an export\'s name, got ["shared"]',
    'Resources.Role.Properties.AssumeRolePolicyDocument.Statement[0].Resource.Fn::Base64: expected a string, got ["x"]',
    'Conditions.One.Fn::Equals: expected [value, value], got ["a"]',
    'Conditions.Two.Fn::Not: expected [condition], got ["a","b"]',
    'Conditions.Three.Fn::Or: expected 2 to 10 conditions, got [{"Condition":"One"}]',
  ]);
});
