import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configErrorOf, propertiesOf, resolveText } from '../../../test/helpers/templates.ts';
import type { ResolveOptions } from './resolve-options.ts';
import { DeferredIntrinsic, JoinedValue, ResourceReference } from './values.ts';

/** A template whose resource R has `properties` (YAML lines); Table and Api are resources too. Properties start on line 6 + head lines. */
function templateWith(properties: string, head = ''): string {
  const indented = properties
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
  return `${head}\nResources:\n  R:\n    Type: AWS::Test::Thing\n    Properties:\n${indented}\n  Table:\n    Type: AWS::DynamoDB::Table\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n`;
}

const resolved = (properties: string, head = '', options: ResolveOptions = {}) => propertiesOf(templateWith(properties, head), 'R', options);
const errorOf = (properties: string, head = '', options: ResolveOptions = {}) => configErrorOf(() => resolved(properties, head, options));
const PARAMS = 'Parameters:\n  Env: {Type: String, Default: dev}\n  Names: {Type: CommaDelimitedList, Default: "a, b,c"}';

test('Ref to a parameter gives its value, short and long form', () => {
  assert.deepEqual(resolved('A: !Ref Env\nB: {Ref: Env}\nC: !Ref Names', PARAMS), { A: 'dev', B: 'dev', C: ['a', 'b', 'c'] });
});

test('Ref to a resource without a resolver value leaves a ResourceReference', () => {
  assert.deepEqual(resolved('A: !Ref Table\nB: {Ref: Table}'), { A: new ResourceReference('Table'), B: new ResourceReference('Table') });
});

test("Ref to a resource takes the resolver's value", () => {
  const resolver = (id: string, attribute?: string) => (id === 'Table' && attribute === undefined ? 'chat-connections' : undefined);
  assert.deepEqual(resolved('A: !Ref Table\nB: !Ref Api', '', { resolver }), { A: 'chat-connections', B: new ResourceReference('Api') });
});

test('Ref to an unknown logical id is an error at its position', () => {
  assert.equal(
    errorOf('A: !Ref Tabel'),
    'template.yaml:6:15: Resources.R.Properties.A.Ref: Ref Tabel: Tabel is not a parameter, a resource or a pseudo parameter of the template',
  );
});

test('Ref expects a name', () => {
  assert.equal(
    errorOf('A: {Ref: [x]}'),
    'template.yaml:6:16: Resources.R.Properties.A.Ref: Ref expects the name of a parameter, a resource or a pseudo parameter',
  );
});

test('Fn::GetAtt in dotted short form, list short form and long form', () => {
  const arn = new ResourceReference('Table', 'Arn');
  assert.deepEqual(resolved('A: !GetAtt Table.Arn\nB: !GetAtt [Table, Arn]\nC: {Fn::GetAtt: [Table, Arn]}\nD: {Fn::GetAtt: Table.Arn}'), {
    A: arn,
    B: arn,
    C: arn,
    D: arn,
  });
});

test('Fn::GetAtt keeps dots after the first in the attribute', () => {
  assert.deepEqual(resolved('A: !GetAtt Table.StreamSpecification.StreamArn'), { A: new ResourceReference('Table', 'StreamSpecification.StreamArn') });
});

test("Fn::GetAtt takes the resolver's value for the attribute, and an attribute name from a Ref", () => {
  const head = 'Parameters:\n  Attribute: {Type: String, Default: Arn}';
  const resolver = (id: string, attribute?: string) => (attribute === 'Arn' ? `arn:aws:dynamodb:::table/${id}` : undefined);
  assert.deepEqual(resolved('A: !GetAtt [Table, !Ref Attribute]\nB: !GetAtt Table.StreamArn', head, { resolver }), {
    A: 'arn:aws:dynamodb:::table/Table',
    B: new ResourceReference('Table', 'StreamArn'),
  });
});

test('Fn::GetAtt to an unknown logical id is an error at its position', () => {
  assert.equal(
    errorOf('A: !GetAtt Nope.Arn'),
    'template.yaml:6:18: Resources.R.Properties.A.Fn::GetAtt: Fn::GetAtt Nope.Arn: Nope is not a resource of the template',
  );
});

test('Fn::GetAtt of a malformed shape is an error', () => {
  assert.equal(
    errorOf('A: !GetAtt [Table]'),
    'template.yaml:6:18: Resources.R.Properties.A.Fn::GetAtt: Fn::GetAtt expects [LogicalId, AttributeName] or "LogicalId.AttributeName"',
  );
});

test('Fn::Sub replaces parameters and pseudo parameters, short and long form', () => {
  assert.deepEqual(resolved("A: !Sub '${Env}-${AWS::Region}'\nB:\n  Fn::Sub: '${Env}-${AWS::Region}'", PARAMS), { A: 'dev-us-east-1', B: 'dev-us-east-1' });
});

test('Fn::Sub ${Resource} and ${Resource.Attr} leave their references in a JoinedValue', () => {
  assert.deepEqual(resolved("A: !Sub 'arn:${AWS::Partition}:apigateway:${Api}/x/${Table.Arn}/invocations'"), {
    A: new JoinedValue(['arn:aws:apigateway:', new ResourceReference('Api'), '/x/', new ResourceReference('Table', 'Arn'), '/invocations']),
  });
});

test('Fn::Sub ${!Literal} writes ${Literal}', () => {
  assert.deepEqual(resolved("A: !Sub '${!Env}-${Env}-${!AWS::Region}'", PARAMS), { A: '${Env}-dev-${AWS::Region}' });
});

test('Fn::Sub variable-map form: the map comes first and its values are evaluated', () => {
  assert.deepEqual(resolved("A: !Sub\n  - '${Env}/${Table}/${Domain}'\n  - Env: prod\n    Domain: !Join ['.', [!Ref Env, example]]", PARAMS), {
    A: new JoinedValue(['prod/', new ResourceReference('Table'), '/dev.example']),
  });
});

test('Fn::Sub with an unclosed ${ is an error', () => {
  assert.equal(errorOf("A: !Sub 'a-${Env'", PARAMS), 'template.yaml:8:15: Resources.R.Properties.A.Fn::Sub: Fn::Sub: ${ at character 3 is never closed with }');
});

test('Fn::Sub of a list parameter is an error', () => {
  assert.equal(
    errorOf("A: !Sub '${Names}'", PARAMS),
    'template.yaml:8:15: Resources.R.Properties.A.Fn::Sub: Fn::Sub expects each value as a string, got a list',
  );
});

test('Fn::Join joins values and list parameters, short and long form', () => {
  assert.deepEqual(resolved("A: !Join ['-', [x, !Ref Env, 3]]\nB: {Fn::Join: [',', !Ref Names]}", PARAMS), { A: 'x-dev-3', B: 'a,b,c' });
});

test('Fn::Join with a reference gives a JoinedValue; AWS::NoValue items are dropped', () => {
  assert.deepEqual(resolved("A: !Join ['', ['arn:', !GetAtt Table.Arn, !Ref AWS::NoValue, '/*']]"), {
    A: new JoinedValue(['arn:', new ResourceReference('Table', 'Arn'), '/*']),
  });
});

test('Fn::Join over an unresolved list is deferred', () => {
  assert.deepEqual(resolved("A: !Join [',', !GetAtt Table.Names]"), { A: new DeferredIntrinsic('Fn::Join', [',', new ResourceReference('Table', 'Names')]) });
});

test('Fn::Join of something not a list is an error', () => {
  assert.equal(
    errorOf("A: !Join [',', x]"),
    'template.yaml:6:22: Resources.R.Properties.A.Fn::Join[1]: Fn::Join expects a list of values to join, got string "x"',
  );
});

test('Fn::Select picks by index, short and long form, index as number or string', () => {
  assert.deepEqual(resolved("A: !Select [1, !Ref Names]\nB: {Fn::Select: ['2', [x, y, z]]}", PARAMS), { A: 'b', B: 'z' });
});

test('Fn::Select outside the list is an error', () => {
  assert.equal(errorOf('A: !Select [3, [x, y]]'), 'template.yaml:6:19: Resources.R.Properties.A.Fn::Select[0]: Fn::Select: index 3 is outside the list of 2');
});

test('Fn::Select over an unresolved list is deferred', () => {
  assert.deepEqual(resolved('A: !Select [0, !GetAtt Table.Zones]'), { A: new DeferredIntrinsic('Fn::Select', [0, new ResourceReference('Table', 'Zones')]) });
});

test('Fn::Split splits, short and long form; over a reference it is deferred', () => {
  assert.deepEqual(resolved("A: !Split ['|', 'a|b']\nB: {Fn::Split: ['|', 'c|d']}\nC: !Split [':', !GetAtt Table.Arn]"), {
    A: ['a', 'b'],
    B: ['c', 'd'],
    C: new DeferredIntrinsic('Fn::Split', [':', new ResourceReference('Table', 'Arn')]),
  });
});

test('Fn::Base64 encodes UTF-8 text, short and long form; over a reference it is deferred', () => {
  assert.deepEqual(resolved("A: !Base64 'héllo'\nB: {Fn::Base64: !Sub '${Env}'}\nC: {Fn::Base64: !Ref Table}", PARAMS), {
    A: 'aMOpbGxv',
    B: 'ZGV2',
    C: new DeferredIntrinsic('Fn::Base64', [new ResourceReference('Table')]),
  });
});

test('Fn::GetAZs gives three zones of the region unless azs is given, short and long form', () => {
  assert.deepEqual(resolved("A: !GetAZs ''\nB: {Fn::GetAZs: !Ref AWS::Region}\nC: !GetAZs eu-west-1", '', { region: 'ca-central-1' }), {
    A: ['ca-central-1a', 'ca-central-1b', 'ca-central-1c'],
    B: ['ca-central-1a', 'ca-central-1b', 'ca-central-1c'],
    C: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  });
  assert.deepEqual(resolved("A: !GetAZs ''", '', { azs: ['zone-1'] }), { A: ['zone-1'] });
});

test('Fn::ImportValue takes importValues, short and long form', () => {
  const importValues = { 'shared-PoolId': 'us-east-1_abc' };
  assert.deepEqual(resolved("A: !ImportValue shared-PoolId\nB: {Fn::ImportValue: !Sub 'shared-PoolId'}", '', { importValues }), {
    A: 'us-east-1_abc',
    B: 'us-east-1_abc',
  });
});

test('Fn::ImportValue without a value is an error naming the export and the flag', () => {
  assert.equal(
    errorOf('A: !ImportValue shared-PoolId'),
    'template.yaml:6:23: Resources.R.Properties.A.Fn::ImportValue: Fn::ImportValue shared-PoolId: exports of other stacks are not known locally; give its value with --import-value shared-PoolId=<value> (option importValues)',
  );
});

test('Fn::Cidr carves IPv4 blocks, short and long form (the CloudFormation reference example)', () => {
  const expected = ['192.168.0.0/27', '192.168.0.32/27', '192.168.0.64/27', '192.168.0.96/27', '192.168.0.128/27', '192.168.0.160/27'];
  assert.deepEqual(resolved("A: !Cidr ['192.168.0.0/24', 6, 5]\nB: {Fn::Cidr: ['192.168.0.0/24', '6', '5']}"), { A: expected, B: expected });
});

test('Fn::Cidr carves IPv6 blocks', () => {
  assert.deepEqual(resolved("A: !Cidr ['2001:db8::/56', 3, 64]"), { A: ['2001:db8::/64', '2001:db8:0:1::/64', '2001:db8:0:2::/64'] });
});

test('Fn::Cidr with a count outside 1 to 256 is an error', () => {
  assert.equal(
    errorOf("A: !Cidr ['10.0.0.0/16', 300, 8]"),
    'template.yaml:6:16: Resources.R.Properties.A.Fn::Cidr: Fn::Cidr: count 300 is not between 1 and 256',
  );
});

test('Fn::Cidr over a reference is deferred', () => {
  assert.deepEqual(resolved('A: !Cidr [!GetAtt Table.CidrBlock, 2, 8]'), {
    A: new DeferredIntrinsic('Fn::Cidr', [new ResourceReference('Table', 'CidrBlock'), 2, 8]),
  });
});

const MAPPINGS = 'Mappings:\n  Sizes:\n    dev: {Memory: 128, Zones: [a, b]}\n    prod: {Memory: 1024}';

test('Fn::FindInMap looks up two levels, short and long form, keys from Ref', () => {
  const head = `${MAPPINGS}\nParameters:\n  Stage: {Type: String, Default: dev}`;
  assert.deepEqual(resolved('A: !FindInMap [Sizes, !Ref Stage, Memory]\nB: {Fn::FindInMap: [Sizes, prod, Memory]}\nC: !FindInMap [Sizes, dev, Zones]', head), {
    A: 128,
    B: 1024,
    C: ['a', 'b'],
  });
});

test('Fn::FindInMap with an unknown map, top-level key or second-level key is an error', () => {
  assert.equal(
    errorOf('A: !FindInMap [Size, dev, Memory]', MAPPINGS),
    'template.yaml:9:22: Resources.R.Properties.A.Fn::FindInMap[0]: Fn::FindInMap: Size is not a mapping of the template; expected one of Sizes',
  );
  assert.equal(
    errorOf('A: !FindInMap [Sizes, qa, Memory]', MAPPINGS),
    'template.yaml:9:29: Resources.R.Properties.A.Fn::FindInMap[1]: Fn::FindInMap: mapping Sizes has no key qa',
  );
  assert.equal(
    errorOf('A: !FindInMap [Sizes, prod, Zones]', MAPPINGS),
    'template.yaml:9:35: Resources.R.Properties.A.Fn::FindInMap[2]: Fn::FindInMap: mapping Sizes.prod has no key Zones',
  );
});

const CONDITIONS = 'Conditions:\n  Yes: !Equals [a, a]\n  No: !Equals [a, b]';

test('Fn::If picks a branch, short and long form; only the chosen branch is evaluated', () => {
  assert.deepEqual(resolved('A: !If [Yes, 1, !Ref Missing]\nB: {Fn::If: [No, !Ref Missing, 2]}', CONDITIONS), { A: 1, B: 2 });
});

test('Fn::If with AWS::NoValue removes the key, or the list item', () => {
  assert.deepEqual(resolved('A: !If [No, 1, !Ref AWS::NoValue]\nB: [x, !If [Yes, !Ref AWS::NoValue, y], z]\nC: {D: !Ref AWS::NoValue}', CONDITIONS), {
    B: ['x', 'z'],
    C: {},
  });
});

test('Fn::If naming an unknown condition is an error', () => {
  assert.equal(
    errorOf('A: !If [Maybe, 1, 2]', CONDITIONS),
    'template.yaml:8:15: Resources.R.Properties.A.Fn::If[0]: Maybe is not a condition of the template; expected one of Yes, No',
  );
});

test("Fn::Transform AWS::Include of a local file is read and evaluated in place, its intrinsics resolved as the template's", () => {
  const files: Record<string, string> = { 'snippets/api.yaml': 'openapi: 3.0.1\ninfo:\n  title: !Sub "${Env}-api"\n' };
  const readFile = (path: string) => {
    const text = files[path];
    if (text === undefined) throw new Error('ENOENT: no such file');
    return text;
  };
  assert.deepEqual(resolved('A: !Transform {Name: AWS::Include, Parameters: {Location: snippets/api.yaml}}', PARAMS, { readFile }), {
    A: { openapi: '3.0.1', info: { title: 'dev-api' } },
  });
  assert.equal(
    errorOf('A: !Transform {Name: AWS::Include, Parameters: {Location: snippets/missing.yaml}}', PARAMS, { readFile }),
    'template.yaml:8:65: Resources.R.Properties.A.Fn::Transform.Parameters.Location: Fn::Transform AWS::Include: snippets/missing.yaml could not be read: ENOENT: no such file',
  );
});

test('Fn::Transform of a macro, or of an S3 Location, is left out with a warning', () => {
  const template = resolveText(templateWith('A: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}\nB: 1'));
  assert.deepEqual(template.resources.get('R')?.properties, { B: 1 });
  assert.deepEqual(template.warnings, [
    {
      location: 'template.yaml:6:21',
      path: 'Resources.R.Properties.A.Fn::Transform',
      message: 'Fn::Transform AWS::Include runs a macro in the AWS account, which is not run locally; the value is left out',
    },
  ]);
});

test('an intrinsic function not evaluated locally is an error naming those that are', () => {
  assert.equal(
    errorOf('A: !Length [a, b]'),
    'template.yaml:6:18: Resources.R.Properties.A.Fn::Length: Fn::Length is not an intrinsic function evaluated locally; expected one of Ref, Condition, Fn::And, Fn::Base64, Fn::Cidr, Fn::Equals, Fn::FindInMap, Fn::GetAtt, Fn::GetAZs, Fn::If, Fn::ImportValue, Fn::Join, Fn::Not, Fn::Or, Fn::Select, Fn::Split, Fn::Sub, Fn::Transform',
  );
});

test('an intrinsic function beside other keys is an error', () => {
  assert.equal(errorOf('A: {Ref: Table, B: 1}'), 'template.yaml:6:16: Resources.R.Properties.A.Ref: Ref must be the only key of its mapping; found also B');
});

test('a Condition key outside Conditions is an ordinary key (IAM statements)', () => {
  assert.deepEqual(resolved('Statement:\n  - Effect: Allow\n    Condition: {StringEquals: {aws:SourceAccount: !Ref AWS::AccountId}}'), {
    Statement: [{ Effect: 'Allow', Condition: { StringEquals: { 'aws:SourceAccount': '000000000000' } } }],
  });
});

test('Fn::Sub of AWS::NoValue is an error naming it', () => {
  assert.equal(
    errorOf("A: !Sub '${AWS::NoValue}'"),
    'template.yaml:6:15: Resources.R.Properties.A.Fn::Sub: Fn::Sub expects each value as a string, got AWS::NoValue',
  );
});
