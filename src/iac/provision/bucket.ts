/** The artifact bucket: checked before anything is built into it, then filled with content-hashed objects. */
import { readFile } from 'node:fs/promises';
import { GetBucketLocationCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { HopliteError } from '../../errors.ts';
import type { ResolvedEnvironment, ShipmentUpload } from './shipment.ts';

/** GetBucketLocation answers no constraint for us-east-1 and the legacy `EU` for eu-west-1. */
export function bucketRegion(locationConstraint: string | undefined): string {
  if (!locationConstraint) return 'us-east-1';
  if (locationConstraint === 'EU') return 'eu-west-1';
  return locationConstraint;
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/**
 * The bucket exists, we may use it, and it is in the stack's region: Lambda reads a function's code only from a
 * bucket in the function's own region.
 */
export async function checkBucket(environment: ResolvedEnvironment, bucket: string, region: string): Promise<void> {
  try {
    await environment.s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404) throw new HopliteError('HOPLITE_ERR_SHIP_PRECONDITION', `--s3-bucket: bucket "${bucket}" does not exist; create it in ${region} first`);
    if (status === 403) throw new HopliteError('HOPLITE_ERR_SHIP_PRECONDITION', `--s3-bucket: access to bucket "${bucket}" is denied to these credentials`);
    throw error;
  }
  const location = await environment.s3.send(new GetBucketLocationCommand({ Bucket: bucket }));
  const actual = bucketRegion(location.LocationConstraint);
  environment.log(`Bucket ${bucket} is in ${actual}`);
  if (actual !== region) {
    throw new HopliteError(
      'HOPLITE_ERR_SHIP_PRECONDITION',
      `--s3-bucket: bucket "${bucket}" is in ${actual} but the stack goes to ${region}; use a bucket in ${region} or --region ${actual}`,
    );
  }
}

/** Whether the bucket already holds the key; keys are content-hashed, so an existing object is the same bytes. */
async function objectExists(environment: ResolvedEnvironment, bucket: string, key: string): Promise<boolean> {
  try {
    await environment.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if (httpStatus(error) === 404) return false;
    throw error;
  }
}

/** Puts each file the bucket lacks; returns how many were uploaded. */
export async function uploadMissing(environment: ResolvedEnvironment, bucket: string, uploads: readonly ShipmentUpload[]): Promise<number> {
  let uploaded = 0;
  for (const upload of uploads) {
    if (await objectExists(environment, bucket, upload.key)) {
      environment.log(`Already in the bucket: ${upload.key}`);
      continue;
    }
    environment.log(`Uploading ${upload.key} (${formatBytes(upload.bytes)})`);
    await environment.s3.send(new PutObjectCommand({ Bucket: bucket, Key: upload.key, Body: await readFile(upload.file), ContentType: 'application/zip' }));
    uploaded += 1;
  }
  return uploaded;
}

/** The template goes up every time: small, and its key may be reused by a template that differs only in parameters. */
export async function uploadTemplate(environment: ResolvedEnvironment, bucket: string, key: string, body: string): Promise<void> {
  environment.log(`Uploading ${key} (${formatBytes(Buffer.byteLength(body))})`);
  await environment.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }));
}

/** `23.4 MB`, `14.0 kB`, `512 B` (decimal units, as S3's console shows sizes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** The virtual-hosted URL CloudFormation reads the template from. */
export function templateUrl(bucket: string, region: string, key: string): string {
  return `https://${bucket}.s3.${region}.amazonaws.com/${key.split('/').map(encodeURIComponent).join('/')}`;
}
