/**
 * provision, status and delete with the real AWS SDK v3 clients against a local CloudFormation and S3 stand-in
 * (test/helpers/aws-stand-in): change sets, streamed events, no-change updates, a failing resource, deletion.
 * What is checked here is our use of the wire protocols and CloudFormation's documented behaviour as the
 * stand-in mimics it, not AWS itself.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runDelete } from '../../src/cli/delete.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import type { BuildArtifacts } from '../../src/cli/provision.ts';
import { runProvision } from '../../src/cli/provision.ts';
import { createAwsClients, deleteStack, provisionStack, type Shipment } from '../../src/iac/provision/index.ts';
import { type AwsStandIn, type RecordedCall, startAwsStandIn } from '../helpers/aws-stand-in/index.ts';

const REGION = 'us-west-2';
const BUCKET = 'weagle';
const root = fileURLToPath(new URL('../..', import.meta.url));
const probeEntry = join(root, 'test', 'fixtures', 'services', 'probe', 'hoplite.config.ts');

let standIn: AwsStandIn;
let workDir: string;
let bundleFile: string;
const savedEnv = { ...process.env };

before(async () => {
  standIn = await startAwsStandIn();
  standIn.s3.createBucket(BUCKET, REGION);
  standIn.s3.createBucket('elsewhere', 'eu-west-1');
  // The SDK resolves endpoints and credentials from the process environment; no profile or instance metadata is read.
  delete process.env.AWS_REGION;
  delete process.env.AWS_DEFAULT_REGION;
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, standIn.env, {
    AWS_CONFIG_FILE: join(tmpdir(), 'hoplite-no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'hoplite-no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  workDir = await mkdtemp(join(tmpdir(), 'hoplite-provision-'));
  bundleFile = join(workDir, 'send.zip');
  await writeFile(bundleFile, 'PK-stand-in-bundle');
});

after(async () => {
  process.env = savedEnv;
  await standIn.close();
  await rm(workDir, { recursive: true, force: true });
});

const chatTemplate = {
  Parameters: { ArtifactBucket: { Type: 'String' }, Stage: { Type: 'String', Default: 'v1' } },
  Resources: {
    SendMessageRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'send' } },
    SendMessageFunction: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Bucket: { Ref: 'ArtifactBucket' }, S3Key: 'functions/send-3f9a.zip' } } },
    ChatApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'WEBSOCKET' } },
  },
  Outputs: {
    WebSocketUrl: { Value: { 'Fn::Sub': 'wss://${ChatApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stage}' }, Description: 'the chat API' },
  },
};

function shipment(template: object, overrides: Partial<Shipment> = {}): Shipment {
  return {
    stackName: 'chat',
    region: REGION,
    bucket: BUCKET,
    templateBody: JSON.stringify(template),
    templateKey: 'chat/template.json',
    uploads: [{ key: 'functions/send-3f9a.zip', file: bundleFile, bytes: 18 }],
    parameters: { Stage: 'v1' },
    tags: { team: 'chat' },
    noop: false,
    ...overrides,
  };
}

/** Runs `step` with the real clients, a clock that ticks 100 ms per reading and no waiting between polls. */
async function withClients<T>(
  step: (environment: Parameters<typeof provisionStack>[1]) => Promise<T>,
): Promise<{ lines: string[]; calls: RecordedCall[]; result: T }> {
  const lines: string[] = [];
  let nowMs = Date.UTC(2026, 11, 2, 3, 45, 0);
  const clients = createAwsClients(REGION, process.env);
  const firstCall = standIn.calls.length;
  try {
    const result = await step({ ...clients, log: (line) => lines.push(line), clock: () => (nowMs += 100), sleep: async () => {}, pollIntervalMs: 0 });
    return { lines, calls: standIn.calls.slice(firstCall), result };
  } finally {
    clients.cloudFormation.destroy();
    clients.s3.destroy();
  }
}

function actions(calls: readonly RecordedCall[]): string[] {
  return calls.map((call) => `${call.service} ${call.action}${call.params.Key ? ` ${call.params.Key}` : ''}`);
}

function collectingIo(env: NodeJS.ProcessEnv = process.env, stdinIsTTY = false): CliIo & { stdin: PassThrough; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk;
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk;
  });
  const stdin = Object.assign(new PassThrough(), { isTTY: stdinIsTTY });
  return { stdin, stdout, stderr, env, out: () => out, err: () => err };
}

const STACK_ID = 'arn:aws:cloudformation:us-west-2:123456789012:stack/chat/00000000-0000-4000-8000-000000000001';

test('create: bucket checked, bundle and template uploaded, a CREATE change set executed, events streamed in order, outputs and phases printed', async () => {
  const { lines, calls, result } = await withClients((environment) => provisionStack(shipment(chatTemplate), environment));
  assert.equal(result.kind, 'created');
  assert.deepEqual(actions(calls), [
    's3 HeadBucket',
    's3 GetBucketLocation',
    's3 HeadObject functions/send-3f9a.zip',
    's3 PutObject functions/send-3f9a.zip',
    's3 PutObject chat/template.json',
    'cloudformation DescribeStacks',
    'cloudformation CreateChangeSet',
    'cloudformation DescribeChangeSet',
    'cloudformation DescribeChangeSet',
    'cloudformation DescribeStackEvents',
    'cloudformation ExecuteChangeSet',
    // The first poll pages back to the events before the execution; each later one reads one page.
    'cloudformation DescribeStacks',
    'cloudformation DescribeStackEvents',
    'cloudformation DescribeStackEvents',
    ...Array.from({ length: 4 }, () => ['cloudformation DescribeStacks', 'cloudformation DescribeStackEvents']).flat(),
  ]);
  // The awsQuery form of CreateChangeSet, field by field.
  assert.deepEqual(calls.find((call) => call.action === 'CreateChangeSet')?.params, {
    StackName: 'chat',
    ChangeSetName: 'hoplite-20261202T034500Z',
    ChangeSetType: 'CREATE',
    TemplateURL: 'https://weagle.s3.us-west-2.amazonaws.com/chat/template.json',
    'Parameters.member.1.ParameterKey': 'Stage',
    'Parameters.member.1.ParameterValue': 'v1',
    'Parameters.member.2.ParameterKey': 'ArtifactBucket',
    'Parameters.member.2.ParameterValue': 'weagle',
    'Tags.member.1.Key': 'team',
    'Tags.member.1.Value': 'chat',
    'Capabilities.member.1': 'CAPABILITY_IAM',
    'Capabilities.member.2': 'CAPABILITY_NAMED_IAM',
  });
  assert.equal(standIn.s3.object(BUCKET, 'functions/send-3f9a.zip')?.toString(), 'PK-stand-in-bundle');
  assert.deepEqual(lines, [
    'Provisioning stack chat in us-west-2',
    'Bucket weagle is in us-west-2',
    'Uploading functions/send-3f9a.zip (18 B)',
    `Uploading chat/template.json (${JSON.stringify(chatTemplate).length} B)`,
    'Change set hoplite-20261202T034500Z (CREATE) created; waiting for CloudFormation to compute it',
    `Creating stack ${STACK_ID}`,
    '00:00:02  CREATE_IN_PROGRESS  AWS::CloudFormation::Stack  chat  User Initiated',
    '00:00:03  CREATE_IN_PROGRESS  AWS::IAM::Role  SendMessageRole',
    '00:00:04  CREATE_IN_PROGRESS  AWS::IAM::Role  SendMessageRole  Resource creation Initiated',
    '00:00:05  CREATE_COMPLETE  AWS::IAM::Role  SendMessageRole',
    '00:00:06  CREATE_IN_PROGRESS  AWS::Lambda::Function  SendMessageFunction',
    '00:00:07  CREATE_IN_PROGRESS  AWS::Lambda::Function  SendMessageFunction  Resource creation Initiated',
    '00:00:08  CREATE_COMPLETE  AWS::Lambda::Function  SendMessageFunction',
    '00:00:09  CREATE_IN_PROGRESS  AWS::ApiGatewayV2::Api  ChatApi',
    '00:00:10  CREATE_IN_PROGRESS  AWS::ApiGatewayV2::Api  ChatApi  Resource creation Initiated',
    '00:00:11  CREATE_COMPLETE  AWS::ApiGatewayV2::Api  ChatApi',
    '00:00:12  CREATE_COMPLETE  AWS::CloudFormation::Stack  chat',
    'Stack outputs:',
    '  WebSocketUrl  wss://chat-ChatApi.execute-api.us-west-2.amazonaws.com/v1  (the chat API)',
    'Stack chat is CREATE_COMPLETE',
    'Summary:',
    '  Checking the bucket      0.1 s',
    '  Uploading code           0.1 s',
    '  Uploading the template   0.1 s',
    '  Creating the change set  0.1 s',
    '  Creating the stack       0.1 s',
    '  Total                    1.2 s',
  ]);
});

const updatedTemplate = {
  ...chatTemplate,
  Resources: {
    ...chatTemplate.Resources,
    ChatApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'WEBSOCKET', Description: 'chat' } },
    ConnectionsTable: { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST' } },
  },
};

test('update with changes: the bundle already in the bucket is not uploaded again; an UPDATE change set runs', async () => {
  const { lines, calls, result } = await withClients((environment) =>
    provisionStack(shipment(updatedTemplate, { templateKey: 'chat/template-2.json' }), environment),
  );
  assert.equal(result.kind, 'updated');
  assert.deepEqual(actions(calls).slice(0, 7), [
    's3 HeadBucket',
    's3 GetBucketLocation',
    's3 HeadObject functions/send-3f9a.zip',
    's3 PutObject chat/template-2.json',
    'cloudformation DescribeStacks',
    'cloudformation CreateChangeSet',
    'cloudformation DescribeChangeSet',
  ]);
  assert.equal(calls.find((call) => call.action === 'CreateChangeSet')?.params.ChangeSetType, 'UPDATE');
  assert.deepEqual(lines.slice(2, 4), [
    'Already in the bucket: functions/send-3f9a.zip',
    `Uploading chat/template-2.json (${JSON.stringify(updatedTemplate).length} B)`,
  ]);
  // Only the events of this update: none of the creation's.
  assert.deepEqual(
    lines.filter((line) => /^\d\d:\d\d:\d\d {2}/.test(line)).map((line) => line.slice(10)),
    [
      'UPDATE_IN_PROGRESS  AWS::CloudFormation::Stack  chat  User Initiated',
      'UPDATE_IN_PROGRESS  AWS::ApiGatewayV2::Api  ChatApi',
      'UPDATE_COMPLETE  AWS::ApiGatewayV2::Api  ChatApi',
      'CREATE_IN_PROGRESS  AWS::DynamoDB::Table  ConnectionsTable',
      'CREATE_COMPLETE  AWS::DynamoDB::Table  ConnectionsTable',
      'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS  AWS::CloudFormation::Stack  chat',
      'UPDATE_COMPLETE  AWS::CloudFormation::Stack  chat',
    ],
  );
  assert.ok(lines.includes('Stack chat is UPDATE_COMPLETE'));
});

test('no-change update: the FAILED empty change set is deleted, nothing is executed, the stack is reported up to date', async () => {
  const { lines, calls, result } = await withClients((environment) =>
    provisionStack(shipment(updatedTemplate, { templateKey: 'chat/template-2.json' }), environment),
  );
  assert.equal(result.kind, 'up-to-date');
  assert.deepEqual(actions(calls), [
    's3 HeadBucket',
    's3 GetBucketLocation',
    's3 HeadObject functions/send-3f9a.zip',
    's3 PutObject chat/template-2.json',
    'cloudformation DescribeStacks',
    'cloudformation CreateChangeSet',
    'cloudformation DescribeChangeSet',
    'cloudformation DescribeChangeSet',
    'cloudformation DeleteChangeSet',
    'cloudformation DescribeStacks',
  ]);
  assert.deepEqual(lines.slice(4, 9), [
    'Change set hoplite-20261202T034500Z (UPDATE) created; waiting for CloudFormation to compute it',
    'Stack chat is up to date: the change set found no changes',
    'Stack outputs:',
    '  WebSocketUrl  wss://chat-ChatApi.execute-api.us-west-2.amazonaws.com/v1  (the chat API)',
    'Stack chat is UPDATE_COMPLETE',
  ]);
});

const failingTemplate = {
  Parameters: { ArtifactBucket: { Type: 'String' } },
  Resources: {
    SendMessageRole: { Type: 'AWS::IAM::Role' },
    ConnectionsTable: {
      Type: 'AWS::DynamoDB::Table',
      Metadata: { standIn: { fail: 'Resource handler returned message: "Table already exists: connections"' } },
    },
    ChatApi: { Type: 'AWS::ApiGatewayV2::Api' },
  },
};

test('a failing resource: its logical id, type and reason are printed, then the rollback, and provision fails', async () => {
  await assert.rejects(
    withClients((environment) => provisionStack(shipment(failingTemplate, { stackName: 'broken', templateKey: 'broken/template.json' }), environment)),
    {
      code: 'HOPLITE_ERR_STACK_FAILED',
      message:
        'stack broken creation failed, ended ROLLBACK_COMPLETE: ConnectionsTable (AWS::DynamoDB::Table): Resource handler returned message: "Table already exists: connections"',
    },
  );
});

test('a failing resource: the events show the failure and the rollback to its end', async () => {
  const lines: string[] = [];
  const clients = createAwsClients(REGION, process.env);
  try {
    await assert.rejects(
      provisionStack(shipment(failingTemplate, { stackName: 'broken-2', templateKey: 'broken/template.json' }), {
        ...clients,
        log: (line) => lines.push(line),
        sleep: async () => {},
        pollIntervalMs: 0,
      }),
      { code: 'HOPLITE_ERR_STACK_FAILED' },
    );
  } finally {
    clients.cloudFormation.destroy();
    clients.s3.destroy();
  }
  assert.deepEqual(
    lines.filter((line) => /^\d\d:\d\d:\d\d {2}|^Failed|^Stack/.test(line)).map((line) => line.replace(/^\d\d:\d\d:\d\d {2}/, '')),
    [
      'CREATE_IN_PROGRESS  AWS::CloudFormation::Stack  broken-2  User Initiated',
      'CREATE_IN_PROGRESS  AWS::IAM::Role  SendMessageRole',
      'CREATE_IN_PROGRESS  AWS::IAM::Role  SendMessageRole  Resource creation Initiated',
      'CREATE_COMPLETE  AWS::IAM::Role  SendMessageRole',
      'CREATE_IN_PROGRESS  AWS::DynamoDB::Table  ConnectionsTable',
      'CREATE_FAILED  AWS::DynamoDB::Table  ConnectionsTable  Resource handler returned message: "Table already exists: connections"',
      'ROLLBACK_IN_PROGRESS  AWS::CloudFormation::Stack  broken-2  The following resource(s) failed to create: [ConnectionsTable]. Rollback requested by user.',
      'DELETE_IN_PROGRESS  AWS::IAM::Role  SendMessageRole',
      'DELETE_COMPLETE  AWS::IAM::Role  SendMessageRole',
      'DELETE_COMPLETE  AWS::DynamoDB::Table  ConnectionsTable',
      'ROLLBACK_COMPLETE  AWS::CloudFormation::Stack  broken-2',
      'Failed: ConnectionsTable (AWS::DynamoDB::Table): Resource handler returned message: "Table already exists: connections"',
      'Stack broken-2 ended ROLLBACK_COMPLETE',
    ],
  );
});

test('a stack left in ROLLBACK_COMPLETE takes no change set: provision says to delete it first', async () => {
  await assert.rejects(
    withClients((environment) => provisionStack(shipment(chatTemplate, { stackName: 'broken', templateKey: 'broken/template.json' }), environment)),
    {
      code: 'HOPLITE_ERR_SHIP_PRECONDITION',
      message: 'stack broken is ROLLBACK_COMPLETE: its creation failed and was rolled back; delete it (hoplite delete) and provision again',
    },
  );
});

test('a failing update rolls back to the previous template and fails', async () => {
  const failingUpdate = {
    ...updatedTemplate,
    Resources: {
      ...updatedTemplate.Resources,
      ChatApi: { Type: 'AWS::ApiGatewayV2::Api', Metadata: { standIn: { fail: 'Invalid route selection expression' } } },
    },
  };
  await assert.rejects(
    withClients((environment) => provisionStack(shipment(failingUpdate, { templateKey: 'chat/template-3.json' }), environment)),
    {
      code: 'HOPLITE_ERR_STACK_FAILED',
      message: 'stack chat update failed, ended UPDATE_ROLLBACK_COMPLETE: ChatApi (AWS::ApiGatewayV2::Api): Invalid route selection expression',
    },
  );
});

test('the bucket must be in the stack region; a missing bucket is named', async () => {
  await assert.rejects(
    withClients((environment) => provisionStack(shipment(chatTemplate, { bucket: 'elsewhere' }), environment)),
    {
      code: 'HOPLITE_ERR_SHIP_PRECONDITION',
      message: '--s3-bucket: bucket "elsewhere" is in eu-west-1 but the stack goes to us-west-2; use a bucket in us-west-2 or --region eu-west-1',
    },
  );
  await assert.rejects(
    withClients((environment) => provisionStack(shipment(chatTemplate, { bucket: 'nowhere' }), environment)),
    {
      code: 'HOPLITE_ERR_SHIP_PRECONDITION',
      message: '--s3-bucket: bucket "nowhere" does not exist; create it in us-west-2 first',
    },
  );
});

test('hoplite status --redact: status, outputs and the last events, account ids hidden', async () => {
  const io = collectingIo();
  assert.equal(await main(['status', '--stack-name', 'chat', '--region', REGION, '--redact', '--events', '3'], io), 0);
  // Times come from the stand-in's clock; the rest is exact.
  const shown = io
    .out()
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
    .replace(/^ {2}\d\d:\d\d:\d\d/gm, '  hh:mm:ss');
  assert.deepEqual(shown.split('\n'), [
    'Stack chat: UPDATE_ROLLBACK_COMPLETE',
    '  Id       arn:aws:cloudformation:us-west-2:************:stack/chat/00000000-0000-4000-8000-000000000001',
    '  Created  <time>',
    '  Updated  <time>',
    'Outputs:',
    '  WebSocketUrl  wss://chat-ChatApi.execute-api.us-west-2.amazonaws.com/v1  (the chat API)',
    'Last 3 events:',
    '  hh:mm:ss  UPDATE_COMPLETE  AWS::ApiGatewayV2::Api  ChatApi',
    '  hh:mm:ss  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS  AWS::CloudFormation::Stack  chat',
    '  hh:mm:ss  UPDATE_ROLLBACK_COMPLETE  AWS::CloudFormation::Stack  chat',
    '',
  ]);
  assert.doesNotMatch(io.out(), /123456789012/);
  const missing = collectingIo();
  assert.equal(await main(['status', '--stack-name', 'nothing-here', '--region', REGION], missing), 1);
  assert.equal(missing.out(), 'Stack nothing-here does not exist\n');
});

test('hoplite delete: refuses without a terminal or --yes, asks on a terminal, deletes with --yes, and a missing stack is not an error', async () => {
  const fast = { pollIntervalMs: 0, sleep: async () => {} };
  const piped = collectingIo();
  assert.equal(await main(['delete', '--stack-name', 'chat', '--region', REGION], piped), 1);
  assert.equal(piped.err(), 'error: refusing to delete stack chat without confirmation: standard input is not a terminal; pass --yes\n');

  const declined = collectingIo(process.env, true);
  declined.stdin.end('n\n');
  assert.equal(await runDelete(['--stack-name', 'chat', '--region', REGION], declined, workDir, fast), 1);
  assert.equal(declined.out(), `Delete stack chat (UPDATE_ROLLBACK_COMPLETE) in ${REGION} and every resource in it? [y/N] Not deleted.\n`);

  const first = standIn.calls.length;
  const confirmed = collectingIo();
  assert.equal(await runDelete(['--stack-name', 'chat', '--region', REGION, '--yes'], confirmed, workDir, fast), 0);
  // The command looks the stack up to name its status in the question; the deletion looks it up again by name.
  assert.deepEqual(actions(standIn.calls.slice(first)).slice(0, 4), [
    'cloudformation DescribeStacks',
    'cloudformation DescribeStacks',
    'cloudformation DescribeStackEvents',
    'cloudformation DeleteStack',
  ]);
  assert.deepEqual(
    confirmed
      .out()
      .split('\n')
      .filter((line) => /^\d\d:/.test(line))
      .map((line) => line.slice(10)),
    [
      'DELETE_IN_PROGRESS  AWS::CloudFormation::Stack  chat  User Initiated',
      'DELETE_IN_PROGRESS  AWS::DynamoDB::Table  ConnectionsTable',
      'DELETE_COMPLETE  AWS::DynamoDB::Table  ConnectionsTable',
      'DELETE_IN_PROGRESS  AWS::ApiGatewayV2::Api  ChatApi',
      'DELETE_COMPLETE  AWS::ApiGatewayV2::Api  ChatApi',
      'DELETE_IN_PROGRESS  AWS::Lambda::Function  SendMessageFunction',
      'DELETE_COMPLETE  AWS::Lambda::Function  SendMessageFunction',
      'DELETE_IN_PROGRESS  AWS::IAM::Role  SendMessageRole',
      'DELETE_COMPLETE  AWS::IAM::Role  SendMessageRole',
      'DELETE_COMPLETE  AWS::CloudFormation::Stack  chat',
    ],
  );
  assert.match(confirmed.out(), /Stack chat is deleted\n/);

  const again = collectingIo();
  assert.equal(await runDelete(['--stack-name', 'chat', '--region', REGION, '--yes'], again, workDir, fast), 0);
  assert.equal(again.out(), `Stack chat does not exist in ${REGION}; nothing to delete\n`);
  const result = await withClients((environment) => deleteStack('chat', environment));
  assert.equal(result.result, 'missing');
});

/** A build as src/iac/ship/build-artifacts.ts gives it: the template and one zip on disk. */
const fakeBuild: BuildArtifacts = async (model, options) => {
  await mkdir(options.outDir, { recursive: true });
  const templateFile = join(options.outDir, 'template.json');
  await writeFile(templateFile, `${JSON.stringify(chatTemplate, null, 2)}\n`);
  const zipFile = join(options.outDir, 'send.zip');
  await writeFile(zipFile, `bundle of ${model.name}`);
  return {
    stackName: options.stackName,
    template: chatTemplate,
    templateFile,
    bundles: [{ function: 'send', s3Key: 'functions/send-cli.zip', zipFile, sha256: 'ab', bytes: 15 }],
  };
};

test('hoplite provision --noop: prints what would be uploaded and created and calls nothing', async () => {
  const first = standIn.calls.length;
  const io = collectingIo();
  assert.equal(await runProvision(['--s3-bucket', BUCKET, '--region', REGION, '--noop', '--tag', 'team=chat', probeEntry], io, workDir, fakeBuild), 0);
  assert.equal(standIn.calls.length, first);
  const templateBytes = JSON.stringify(chatTemplate, null, 2).length + 1;
  assert.deepEqual(io.out().split('\n'), [
    `Would provision stack probe in ${REGION} from bucket ${BUCKET} (nothing is called: --noop)`,
    'Uploads:',
    `  s3://${BUCKET}/functions/send-cli.zip  15 B`,
    `  s3://${BUCKET}/${io.out().match(/probe\/template-[0-9a-f]{16}\.json/)?.[0]}  ${templateBytes} B`,
    'Resources (3):',
    '    1  AWS::ApiGatewayV2::Api',
    '    1  AWS::IAM::Role',
    '    1  AWS::Lambda::Function',
    'Parameters:',
    '  ArtifactBucket=weagle',
    'Tags:',
    '  team=chat',
    '',
  ]);
});

test('hoplite provision prints what the build leaves out on purpose (regression: a site was dropped silently)', async () => {
  const warningBuild: BuildArtifacts = async (model, options) => {
    options.warn('site "web" (web) is not shipped: host its files yourself (S3 and CloudFront, for one)');
    return fakeBuild(model, options);
  };
  const io = collectingIo();
  assert.equal(await runProvision(['--s3-bucket', BUCKET, '--region', REGION, '--noop', probeEntry], io, workDir, warningBuild), 0);
  assert.equal(io.err(), 'warning: site "web" (web) is not shipped: host its files yourself (S3 and CloudFront, for one)\n');
});

test('hoplite provision --noop with no region anywhere plans with us-east-1; without --noop it is an error', async () => {
  const io = collectingIo();
  assert.equal(await runProvision(['--s3-bucket', BUCKET, '--noop', probeEntry], io, workDir, fakeBuild), 0);
  assert.match(io.out(), /^No AWS region is set; the plan assumes us-east-1\nWould provision stack probe in us-east-1/);
  await assert.rejects(runProvision(['--s3-bucket', BUCKET, probeEntry], collectingIo(), workDir, fakeBuild), {
    code: 'HOPLITE_ERR_SHIP_PRECONDITION',
    message: 'no AWS region: pass --region, set AWS_REGION, or set a region in your AWS profile',
  });
  await assert.rejects(runProvision(['--region', REGION, probeEntry], collectingIo(), workDir, fakeBuild), { code: 'HOPLITE_ERR_CLI_USAGE' });
  await assert.rejects(runProvision(['--s3-bucket', BUCKET, '--tag', 'team', probeEntry], collectingIo(), workDir, fakeBuild), {
    code: 'HOPLITE_ERR_CLI_USAGE',
    message: '--tag: expected KEY=VALUE, got "team"',
  });
});

test('hoplite provision: builds, uploads and creates the stack named after the service, with --parameter and --tag', async () => {
  const first = standIn.calls.length;
  const io = collectingIo();
  const args = ['--s3-bucket', BUCKET, '--region', REGION, '--parameter', 'Stage=prod', '--tag', 'team=chat', probeEntry];
  assert.equal(await runProvision(args, io, workDir, fakeBuild, { pollIntervalMs: 0, sleep: async () => {} }), 0);
  const create = standIn.calls.slice(first).find((call) => call.action === 'CreateChangeSet');
  assert.equal(create?.params.StackName, 'probe');
  assert.match(create?.params.TemplateURL ?? '', /^https:\/\/weagle\.s3\.us-west-2\.amazonaws\.com\/probe\/template-[0-9a-f]{16}\.json$/);
  assert.equal(create?.params['Parameters.member.1.ParameterValue'], 'prod');
  assert.equal(standIn.s3.object(BUCKET, 'functions/send-cli.zip')?.toString(), 'bundle of probe');
  assert.match(io.out(), /\n {2}WebSocketUrl {2}wss:\/\/probe-ChatApi\.execute-api\.us-west-2\.amazonaws\.com\/prod {2}\(the chat API\)\n/);
  assert.match(io.out(), /\nSummary:\n {2}Checking the bucket/);
});

test('AWS refusals are one line: a template CloudFormation cannot read, and no credentials at all', async () => {
  const brokenBuild: BuildArtifacts = async (model, options) => {
    const built = await fakeBuild(model, options);
    await writeFile(built.templateFile, '{ "Resources": ');
    return built;
  };
  await assert.rejects(
    runProvision(['--s3-bucket', BUCKET, '--region', REGION, '--stack-name', 'unreadable', probeEntry], collectingIo(), workDir, brokenBuild),
    {
      code: 'HOPLITE_ERR_SHIP_PRECONDITION',
      message: 'AWS refused a call: ValidationError: Template format error: JSON not well-formed.',
    },
  );

  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY } = process.env;
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
  try {
    const io = collectingIo();
    assert.equal(await main(['status', '--stack-name', 'chat', '--region', REGION], io), 1);
    assert.match(io.err(), /^error: no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run aws sso login \(.+\)\n$/);
  } finally {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY });
  }
});
