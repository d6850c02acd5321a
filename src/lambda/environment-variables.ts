/** The `process.env` a function's execution environment sees, as the Lambda Node.js runtime sets it. */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { BuiltFunction } from './build.ts';

/** `YYYY/MM/DD/[$LATEST]<32 hex>`, one per execution environment. */
export function logStreamName(epochMs: number): string {
  const date = new Date(epochMs).toISOString().slice(0, 10).replaceAll('-', '/');
  return `${date}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

/**
 * Platform variables (region, credentials, endpoints) < the function's own < Lambda's reserved ones,
 * which a function cannot override on AWS either.
 */
/** Where the runtime's own files are (Lambda's `/var/runtime`): the bootstraps' folder. */
const RUNTIME_DIR = fileURLToPath(new URL('./runners', import.meta.url));

export function environmentFor(built: BuiltFunction, platform: Record<string, string>, streamName: string): Record<string, string> {
  const fn = built.model;
  return {
    ...platform,
    ...fn.environment,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: streamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
    LAMBDA_TASK_ROOT: built.codeRoot,
    LAMBDA_RUNTIME_DIR: RUNTIME_DIR,
    _HANDLER: built.handler,
    ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
    ...(process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {}),
  };
}
