/** AWS::Serverless::Function and AWS::Lambda::Function as FunctionModels, each from its own code folder. */
import { LAMBDA_LIMITS } from '../../limits.ts';
import type { FunctionModel } from '../../model/types.ts';
import { assetCodeUri } from './asset-code.ts';
import type { MappingContext } from './context.ts';
import { tableReferencesOf } from './environment-references.ts';
import { mergeGlobals } from './globals.ts';
import { functionLayers } from './layers.ts';
import { policiesOf } from './policies.ts';
import { PropertyReader } from './properties.ts';
import { type LocalIdentity, localText } from './references.ts';

export const SERVERLESS_FUNCTION = 'AWS::Serverless::Function';
export const LAMBDA_FUNCTION = 'AWS::Lambda::Function';

/** Where inline code (`ZipFile`, `InlineCode`) is written, relative to the template's folder. */
export const inlineCodeDir = (id: string): string => `.hoplite/inline/${id}`;

/** SAM sets it for handlers under `sam local`; code that checks it behaves as it does there. */
export const SAM_LOCAL_ENVIRONMENT = { AWS_SAM_LOCAL: 'true' } as const;

const IGNORED_SERVERLESS = [
  'Architectures',
  'AutoPublishAlias',
  'DeploymentPreference',
  'VpcConfig',
  'Tracing',
  'DeadLetterQueue',
  'EventInvokeConfig',
  'ProvisionedConcurrencyConfig',
  'FunctionUrlConfig',
  'KmsKeyArn',
  'Tags',
  'EphemeralStorage',
  'SnapStart',
  'LoggingConfig',
  'RuntimeManagementConfig',
];
const IGNORED_LAMBDA = [
  'Architectures',
  'VpcConfig',
  'TracingConfig',
  'DeadLetterConfig',
  'KmsKeyArn',
  'Tags',
  'EphemeralStorage',
  'SnapStart',
  'LoggingConfig',
  'RuntimeManagementConfig',
  'FileSystemConfigs',
  'ImageConfig',
  'CodeSigningConfigArn',
];

/** The local name of a function: its FunctionName when the template gives one, else its logical id. */
export function functionName(id: string, properties: Record<string, unknown>): string {
  return typeof properties.FunctionName === 'string' ? properties.FunctionName : id;
}

/** The properties of a SAM function with `Globals.Function` merged in. */
export function serverlessFunctionProperties(context: MappingContext, id: string): Record<string, unknown> {
  const resource = context.resource(id);
  return mergeGlobals(context.template.globals.Function, resource?.properties ?? {});
}

export function mapServerlessFunction(context: MappingContext, identity: LocalIdentity, id: string): FunctionModel {
  const reader = new PropertyReader(context, id, serverlessFunctionProperties(context, id));
  if (reader.string('PackageType') === 'Image' || reader.has('ImageUri'))
    throw context.error(reader.at('PackageType'), `${id}: container image functions are not run locally; expected a Zip function with CodeUri and Handler`);
  checkRuntime(reader);
  let codeUri: string;
  const inline = reader.string('InlineCode');
  if (inline !== undefined) {
    codeUri = writeInline(context, id, inline);
  } else {
    codeUri = codePath(reader, 'CodeUri') ?? '.';
  }
  reader.ignore(SERVERLESS_FUNCTION, IGNORED_SERVERLESS);
  recordUnapplied(reader, SERVERLESS_FUNCTION);
  return functionModel(context, identity, id, reader, codeUri);
}

export function mapLambdaFunction(context: MappingContext, identity: LocalIdentity, id: string): FunctionModel {
  const reader = new PropertyReader(context, id, context.resource(id)?.properties ?? {});
  if (reader.string('PackageType') === 'Image')
    throw context.error(reader.at('PackageType'), `${id}: container image functions are not run locally; expected Code as a local folder or ZipFile`);
  checkRuntime(reader);
  let codeUri: string;
  const code = reader.properties.Code;
  const asset = assetCodeUri(context, id);
  if (asset !== undefined) {
    codeUri = asset;
  } else if (typeof code === 'string') {
    codeUri = codePath(reader, 'Code') as string;
  } else {
    const codeReader = reader.object('Code');
    const zipFile = codeReader?.string('ZipFile');
    if (zipFile === undefined)
      throw context.error(
        reader.at('Code'),
        `${id}: Code: expected a local folder (as \`sam build\` and \`aws cloudformation package\` read it) or ZipFile with the code inline; S3 and image code cannot be read locally`,
      );
    codeUri = writeInline(context, id, zipFile);
  }
  reader.ignore(LAMBDA_FUNCTION, IGNORED_LAMBDA);
  recordUnapplied(reader, LAMBDA_FUNCTION);
  return functionModel(context, identity, id, reader, codeUri);
}

function functionModel(context: MappingContext, identity: LocalIdentity, id: string, reader: PropertyReader, codeUri: string): FunctionModel {
  const environment = reader.object('Environment')?.stringRecord('Variables', (value, path) => localText(context, identity, value, path)) ?? {};
  const reserved = reader.number('ReservedConcurrentExecutions');
  return {
    name: functionName(id, reader.properties),
    handler: reader.requiredString('Handler'),
    codeUri,
    timeoutSeconds: reader.number('Timeout') ?? LAMBDA_LIMITS.timeoutSeconds.default,
    memoryMb: reader.number('MemorySize') ?? LAMBDA_LIMITS.memoryMb.default,
    environment: { ...environment, ...SAM_LOCAL_ENVIRONMENT },
    ...tableReferencesOf(context, id),
    policies: policiesOf(context, identity, reader),
    ...functionLayers(reader),
    ...(reserved === undefined ? {} : { reservedConcurrency: reserved }),
  };
}

function checkRuntime(reader: PropertyReader): void {
  const runtime = reader.string('Runtime');
  if (runtime === undefined) throw reader.context.error(reader.path, `${reader.id}: Runtime is required; expected a Node.js runtime such as nodejs20.x`);
  if (!runtime.startsWith('nodejs'))
    throw reader.fail('Runtime', 'a Node.js runtime (nodejs18.x, nodejs20.x, nodejs22.x): Hoplite runs JavaScript and TypeScript handlers');
}

/** A local folder; an S3 location (`s3://…`, `{ Bucket, Key }`) cannot be read. */
function codePath(reader: PropertyReader, key: string): string | undefined {
  const value = reader.properties[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || /^s3:\/\//.test(value))
    throw reader.fail(key, 'a local folder relative to the template (S3 locations cannot be read locally)');
  return value === '' ? '.' : value.replace(/\/+$/, '') || '.';
}

/** Lambda writes inline Node.js code to `index.js`, a CommonJS module; a package.json keeps it CommonJS whatever the app's says. */
function writeInline(context: MappingContext, id: string, text: string): string {
  const dir = inlineCodeDir(id);
  context.inlineCode.push({ path: `${dir}/index.js`, text }, { path: `${dir}/package.json`, text: '{ "type": "commonjs" }\n' });
  return dir;
}

function recordUnapplied(reader: PropertyReader, type: string): void {
  for (const key of ['Policies', 'Role']) {
    if (reader.has(key))
      reader.context.warn(
        reader.at(key),
        `${type} ${key} are recorded, not applied locally: handlers run with the permissions of the local credentials`,
        `${type}.${key}`,
      );
  }
}
