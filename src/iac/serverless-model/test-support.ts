/** For the mapping's tests: a small serverless.yml text through the reader's parse and normalise steps, then mapped. */
import assert from 'node:assert/strict';
import { normaliseService } from '../serverless/normalise-service.ts';
import { parseServerlessText } from '../serverless/parse-document.ts';
import { describeIssue } from './report.ts';
import { type MappedService, serverlessToModel } from './to-service-model.ts';

export const SERVICE_DIR = '/service';

export function mapText(text: string): MappedService {
  const { value, positions } = parseServerlessText(text, 'serverless.yml');
  const service = normaliseService({ configuration: value, positions, file: 'serverless.yml', serviceDir: SERVICE_DIR, options: {} });
  return serverlessToModel(service, positions);
}

/** The warnings as the CLI prints them. */
export function warningsOf(text: string): string[] {
  return mapText(text).warnings.map((warning) => describeIssue('serverless.yml', warning));
}

export function mappingError(text: string): string {
  try {
    mapText(text);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('expected a mapping error');
}

/** `service: chat` on the aws provider, with the lines given after `provider:` (each indented by two spaces). */
export function yaml(provider: string, rest: string): string {
  return `service: chat\nprovider:\n  name: aws\n${provider}${rest}`;
}
