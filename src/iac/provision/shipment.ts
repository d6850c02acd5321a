/** What provision ships and what it needs to ship it: the shipment, the AWS clients, the log, the clock. */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { S3Client } from '@aws-sdk/client-s3';

/** One file to put in the artifact bucket under a content-hashed key. */
export interface ShipmentUpload {
  key: string;
  /** The file on disk. */
  file: string;
  /** Its size, for the `--noop` plan and the progress lines. */
  bytes: number;
}

export interface Shipment {
  stackName: string;
  region: string;
  /** The artifact bucket: bundles and the template go there; the stack's `ArtifactBucket` parameter names it. */
  bucket: string;
  /** The CloudFormation template, as JSON text. */
  templateBody: string;
  /** The template's key in the bucket. */
  templateKey: string;
  uploads: ShipmentUpload[];
  /** Values for the template's parameters (`--parameter K=V`); `ArtifactBucket` is added from `bucket`. */
  parameters: Record<string, string>;
  /** Tags for the stack (`--tag K=V`); CloudFormation passes them on to the resources it creates. */
  tags: Record<string, string>;
  /** Print the plan, call nothing. */
  noop: boolean;
}

/** How a stack command reaches CloudFormation and the world; injected so that tests choose each part. */
export interface StackEnvironment {
  cloudFormation: CloudFormationClient;
  /** One line of progress, without its newline. */
  log: (line: string) => void;
  /** Milliseconds since the epoch. @default Date.now */
  clock?: () => number;
  /** Waits between polls. @default a timer */
  sleep?: (ms: number) => Promise<void>;
  /** How long to wait between two polls of a change set or a stack. @default 5000 */
  pollIntervalMs?: number;
}

/** Provision also fills the artifact bucket. */
export interface ProvisionEnvironment extends StackEnvironment {
  s3: S3Client;
}

export const DEFAULT_POLL_INTERVAL_MS = 5000;

/** An environment with its defaults filled in. */
export type Resolved<E extends StackEnvironment> = E & Required<StackEnvironment>;
export type ResolvedStackEnvironment = Resolved<StackEnvironment>;
export type ResolvedEnvironment = Resolved<ProvisionEnvironment>;

export function resolveEnvironment<E extends StackEnvironment>(environment: E): Resolved<E> {
  return {
    ...environment,
    clock: environment.clock ?? Date.now,
    sleep: environment.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    pollIntervalMs: environment.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
  };
}
