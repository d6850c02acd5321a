/** The real AWS clients: the SDK's standard credential chain and region resolution; no credentials code of ours. */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { HopliteError } from '../../errors.ts';

export interface AwsClients {
  cloudFormation: CloudFormationClient;
  s3: S3Client;
}

/**
 * The SDK resolves each client's endpoint itself, honouring `AWS_ENDPOINT_URL_CLOUDFORMATION`,
 * `AWS_ENDPOINT_URL_S3` and `AWS_ENDPOINT_URL`. An overridden S3 endpoint is a local or private one, which
 * serves buckets as paths rather than as host names.
 */
export function createAwsClients(region: string, env: NodeJS.ProcessEnv): AwsClients {
  const s3EndpointOverridden = Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
  return {
    cloudFormation: new CloudFormationClient({ region }),
    // A bucket in another region answers 301 until the client follows it; then GetBucketLocation names the region.
    s3: new S3Client({ region, forcePathStyle: s3EndpointOverridden, followRegionRedirects: true }),
  };
}

/** The region the SDK would use on its own (AWS_REGION, the profile's region), or undefined when there is none. */
export async function sdkRegion(): Promise<string | undefined> {
  const probe = new CloudFormationClient({});
  try {
    return (await probe.config.region()) || undefined;
  } catch {
    // The SDK throws "Region is missing"; callers say what to do about it.
    return undefined;
  } finally {
    probe.destroy();
  }
}

/** `--region`, else the SDK's own choice; a clear error when there is none. */
export async function defaultRegion(flag: string | undefined): Promise<string> {
  const region = flag || (await sdkRegion());
  if (region) return region;
  throw new HopliteError('HOPLITE_ERR_SHIP_PRECONDITION', 'no AWS region: pass --region, set AWS_REGION, or set a region in your AWS profile');
}
