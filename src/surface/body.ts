/** The body stage of HTTP and REST APIs: the request body within Lambda's payload limit, else the surface's 413. */
import type { EdgeRequest, GatewayResponse } from '../internal/edge/values.ts';
import { LAMBDA_MAX_PAYLOAD_BYTES } from '../limits.ts';

export type ApiBody = { kind: 'ok'; body: Buffer | undefined } | { kind: 'answered'; response: GatewayResponse } | { kind: 'aborted' };

/** HTTP-40, REST-20: a body past the limit is answered before the rest of it is read, and the connection closed. */
export async function readApiBody(request: EdgeRequest, tooLarge: () => GatewayResponse): Promise<ApiBody> {
  const read = await request.body.read(LAMBDA_MAX_PAYLOAD_BYTES);
  if (read.kind === 'too-large') return { kind: 'answered', response: { ...tooLarge(), closeConnection: true } };
  return read;
}

/** HTTP-1, REST-3: the stage-relative path, or `undefined` when the path is not under the stage (no prefix: every path). */
export function stageRelativePath(rawPath: string, stagePrefix: string | undefined): string | undefined {
  if (!stagePrefix) return rawPath;
  if (rawPath === stagePrefix) return '/';
  return rawPath.startsWith(`${stagePrefix}/`) ? rawPath.slice(stagePrefix.length) : undefined;
}
