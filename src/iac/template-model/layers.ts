/**
 * AWS::Serverless::LayerVersion and AWS::Lambda::LayerVersion as LayerModels (named by logical id, from a local
 * folder), and a function's `Layers` as the names of the template's layers.
 */
import type { LayerModel } from '../../model/types.ts';
import { ResourceReference } from '../cloudformation/values.ts';
import type { MappingContext } from './context.ts';
import { PropertyReader } from './properties.ts';

const SERVERLESS_FUNCTION = 'AWS::Serverless::Function';

export const SERVERLESS_LAYER = 'AWS::Serverless::LayerVersion';
export const LAMBDA_LAYER = 'AWS::Lambda::LayerVersion';
export const LAYER_TYPES = [SERVERLESS_LAYER, LAMBDA_LAYER] as const;

/** CDK's asset metadata: the local folder an S3 `Content` was staged from (cdk.out/asset.<hash>), relative to the template. */
export const ASSET_PATH_METADATA = 'aws:asset:path';

/** What the layer's consumers never see locally: only its files matter here. */
const IGNORED_SERVERLESS = [
  'CompatibleArchitectures',
  'CompatibleRuntimes',
  'Description',
  'LayerName',
  'LicenseInfo',
  'RetentionPolicy',
  'PublishLambdaVersion',
];
const IGNORED_LAMBDA = ['CompatibleArchitectures', 'CompatibleRuntimes', 'Description', 'LayerName', 'LicenseInfo'];

const LOCAL_FOLDER = 'a local folder relative to the template, holding nodejs/node_modules (S3 locations cannot be read locally)';

export function mapLayers(context: MappingContext): LayerModel[] {
  const layers: LayerModel[] = [];
  for (const id of context.idsOf(SERVERLESS_LAYER)) layers.push({ name: id, contentUri: serverlessContent(context, id) });
  for (const id of context.idsOf(LAMBDA_LAYER)) layers.push({ name: id, contentUri: lambdaContent(context, id) });
  return layers;
}

function serverlessContent(context: MappingContext, id: string): string {
  const reader = new PropertyReader(context, id, context.resource(id)?.properties ?? {});
  const value = reader.properties.ContentUri;
  if (value === undefined) throw context.error(reader.path, `${id}: ContentUri is required; expected ${LOCAL_FOLDER}`);
  if (typeof value !== 'string' || /^s3:\/\//.test(value)) throw reader.fail('ContentUri', LOCAL_FOLDER);
  const buildMethod = (context.resource(id)?.attributes.Metadata as { BuildMethod?: unknown } | undefined)?.BuildMethod;
  if (buildMethod !== undefined)
    context.warn(
      ['Resources', id, 'Metadata', 'BuildMethod'],
      `${SERVERLESS_LAYER} Metadata.BuildMethod is not run locally: the ContentUri folder is used as it is, with its packages in nodejs/node_modules (as sam build writes them)`,
      `${SERVERLESS_LAYER}.BuildMethod`,
    );
  reader.ignore(SERVERLESS_LAYER, IGNORED_SERVERLESS, 'not used locally');
  return checkedFolder(context, reader, 'ContentUri', value);
}

/** `Content` as a local folder, as `aws cloudformation package` reads it; an S3 object only with CDK's asset path. */
function lambdaContent(context: MappingContext, id: string): string {
  const reader = new PropertyReader(context, id, context.resource(id)?.properties ?? {});
  reader.ignore(LAMBDA_LAYER, IGNORED_LAMBDA, 'not used locally');
  const value = reader.properties.Content;
  if (typeof value === 'string' && !/^s3:\/\//.test(value)) return checkedFolder(context, reader, 'Content', value);
  const assetPath = (context.resource(id)?.attributes.Metadata as Record<string, unknown> | undefined)?.[ASSET_PATH_METADATA];
  if (typeof assetPath === 'string' && value !== undefined) return checkedFolder(context, reader, 'Content', assetPath);
  throw context.error(
    reader.at('Content'),
    `${id}: Content: expected ${LOCAL_FOLDER}; an S3 object (S3Bucket, S3Key) is read locally only with Metadata ${ASSET_PATH_METADATA} naming its folder`,
  );
}

function checkedFolder(context: MappingContext, reader: PropertyReader, key: string, value: string): string {
  const folder = value.replace(/\/+$/, '') || '.';
  if (context.directoryExists && !context.directoryExists(folder))
    throw context.error(
      reader.at(key),
      `${reader.id}: ${key}: no folder ${folder} beside the template; expected the layer's content, with its packages in nodejs/node_modules`,
    );
  return folder;
}

/** A function's `Layers` (Globals' first): `!Ref` to a layer of the template. A layer ARN warns once: it cannot run locally. */
export function functionLayers(reader: PropertyReader): { layers?: string[] } {
  const entries = reader.list('Layers');
  if (entries === undefined) return {};
  const { context } = reader;
  // Globals' layers come first (mergeGlobals): each entry is placed where it is written.
  const global =
    context.resource(reader.id)?.type === SERVERLESS_FUNCTION ? (context.template.globals.Function as { Layers?: unknown } | undefined)?.Layers : undefined;
  const globalCount = Array.isArray(global) ? global.length : 0;
  const layers: string[] = [];
  entries.forEach((entry, index) => {
    const path = index < globalCount ? ['Globals', 'Function', 'Layers', index] : reader.at('Layers').concat(index - globalCount);
    if (entry instanceof ResourceReference && entry.attribute === undefined && isLayerType(context.resource(entry.ref)?.type)) {
      layers.push(entry.ref);
    } else if (typeof entry === 'string' && entry.startsWith('arn:')) {
      context.warn(
        path,
        `Layers: ${entry} is a published layer, which cannot be run locally: ignored, so its packages are not found unless the function ships them`,
        `Layers.${entry}`,
      );
    } else {
      throw context.error(path, `${reader.id}: Layers: expected !Ref to an ${SERVERLESS_LAYER} or ${LAMBDA_LAYER} of this template, or a layer version ARN`);
    }
  });
  return layers.length > 0 ? { layers } : {};
}

const isLayerType = (type: string | undefined): boolean => type === SERVERLESS_LAYER || type === LAMBDA_LAYER;
