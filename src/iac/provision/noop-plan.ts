/** `provision --noop`: what would be uploaded and created, worked out from the shipment alone. */
import { ARTIFACT_BUCKET_PARAMETER } from '../synth/context.ts';
import { formatBytes } from './bucket.ts';
import type { Shipment } from './shipment.ts';

/** The number of resources of each type in the template, types sorted. */
export function resourcesByType(templateBody: string): Array<[type: string, count: number]> {
  const template = JSON.parse(templateBody) as { Resources?: Record<string, { Type?: string }> };
  const counts = new Map<string, number>();
  for (const resource of Object.values(template.Resources ?? {})) {
    const type = resource.Type ?? '(no Type)';
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The plan's lines: the stack, the uploads with their sizes, the resources by type, the parameters and tags. */
export function noopPlan(shipment: Shipment): string[] {
  const lines = [`Would provision stack ${shipment.stackName} in ${shipment.region} from bucket ${shipment.bucket} (nothing is called: --noop)`, 'Uploads:'];
  for (const upload of shipment.uploads) lines.push(`  s3://${shipment.bucket}/${upload.key}  ${formatBytes(upload.bytes)}`);
  lines.push(`  s3://${shipment.bucket}/${shipment.templateKey}  ${formatBytes(Buffer.byteLength(shipment.templateBody))}`);
  const resources = resourcesByType(shipment.templateBody);
  const total = resources.reduce((sum, [, count]) => sum + count, 0);
  lines.push(`Resources (${total}):`);
  for (const [type, count] of resources) lines.push(`  ${String(count).padStart(3)}  ${type}`);
  const parameters = Object.entries(stackParameters(shipment));
  lines.push('Parameters:', ...parameters.map(([key, value]) => `  ${key}=${value}`));
  const tags = Object.entries(shipment.tags);
  if (tags.length > 0) lines.push('Tags:', ...tags.map(([key, value]) => `  ${key}=${value}`));
  return lines;
}

/** The stack's parameters: the user's, and the artifact bucket (which the user cannot override by accident). */
export function stackParameters(shipment: Pick<Shipment, 'parameters' | 'bucket'>): Record<string, string> {
  return { ...shipment.parameters, [ARTIFACT_BUCKET_PARAMETER]: shipment.bucket };
}
