/**
 * CDK's asset metadata on AWS::Lambda::Function: `aws:asset:path` names the unzipped bundle's folder, relative to the
 * template, of the property `aws:asset:property` (Code). SAM CLI runs such functions from that folder instead of S3,
 * and so does the importer: a synthesized template runs locally as it is.
 */
import type { MappingContext } from './context.ts';

export const ASSET_PATH = 'aws:asset:path';
export const ASSET_PROPERTY = 'aws:asset:property';

/** The function's code folder from its asset metadata; undefined when it has none for Code. */
export function assetCodeUri(context: MappingContext, id: string): string | undefined {
  const metadata = context.resource(id)?.attributes.Metadata as Record<string, unknown> | undefined;
  if (metadata === null || typeof metadata !== 'object' || metadata[ASSET_PROPERTY] !== 'Code') return undefined;
  const path = metadata[ASSET_PATH];
  if (typeof path !== 'string' || path === '' || /^s3:\/\//.test(path))
    throw context.error(['Resources', id, 'Metadata', ASSET_PATH], `${id}: ${ASSET_PATH}: expected the bundle's folder, relative to the template`);
  return path.replace(/\/+$/, '') || '.';
}
