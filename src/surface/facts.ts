/** What HTTP and REST APIs know of one request and of their API, gathered once for the event builders. */
import type { Clock } from '../internal/clock.ts';
import { createDomainNameOf, type DomainNameOf } from '../internal/domain-name.ts';
import { type EdgeRequest, splitTarget } from '../internal/edge/values.ts';
import type { Ids } from '../internal/ids.ts';
import type { Log } from '../internal/log.ts';
import { normaliseIp, traceHeader } from '../internal/net.ts';
import type { Invoker } from '../lambda/invoker.ts';
import type { StageModel } from '../model/types.ts';

/** What an HTTP or REST API runtime needs besides its API's model. */
export interface ApiRuntimeSettings {
  apiId: string;
  accountId: string;
  invoker: Invoker;
  clock: Clock;
  ids: Ids;
  log: Log;
  /** GEN-5: the region of route ARNs (AUTH-31) and of SigV4 scopes (AUTH-40). @default 'us-east-1' */
  region?: string;
  /** AUTH-40: the gateway's `credentials`; without them a well-formed signature passes (AUTH-7's local choice). */
  credentials?: ReadonlyArray<{ accessKeyId: string; secretAccessKey: string }>;
  /** GEN-4: the `domainName` for the Host a client sent. @default the names of a gateway on 127.0.0.1 */
  domainNameOf?: DomainNameOf;
}

export interface HttpRequestFacts {
  method: string;
  /** The path as sent, stage prefix included, still percent-encoded. */
  rawPath: string;
  /** Text after `?`, or `''`. */
  rawQuery: string;
  /** Name, value, name, value… as the client sent them. */
  rawHeaders: readonly string[];
  /** `undefined` when the request had no body. */
  body: Buffer | undefined;
  sourceIp: string;
  /** GEN-4: the host the client used. */
  domainName: string;
  localPort: number;
  secure: boolean;
  traceId: string;
  requestId: string;
  timeEpoch: number;
}

export interface ApiFacts {
  apiId: string;
  accountId: string;
  /** `$default` or the stage's name. */
  stage: string;
  /** Undefined when the stage has none. */
  stageVariables: Record<string, string> | undefined;
}

/** GEN-4: what runtimes use when the gateway gives them no names of its own. */
export const LOOPBACK_DOMAIN_NAMES: DomainNameOf = createDomainNameOf({ host: '127.0.0.1', aliases: [], networkHosts: [] });

export function apiFactsOf(settings: Pick<ApiRuntimeSettings, 'apiId' | 'accountId'>, stage: StageModel): ApiFacts {
  return {
    apiId: settings.apiId,
    accountId: settings.accountId,
    stage: stage.name,
    stageVariables: Object.keys(stage.variables).length > 0 ? stage.variables : undefined,
  };
}

export function requestFacts(
  request: EdgeRequest,
  body: Buffer | undefined,
  requestId: string,
  settings: Pick<ApiRuntimeSettings, 'clock' | 'ids' | 'domainNameOf'>,
): HttpRequestFacts {
  const { rawPath, rawQuery } = splitTarget(request.target);
  const now = settings.clock.now();
  const domainNameOf = settings.domainNameOf ?? LOOPBACK_DOMAIN_NAMES;
  return {
    method: request.method,
    rawPath,
    rawQuery,
    rawHeaders: request.rawHeaders,
    body,
    sourceIp: normaliseIp(request.remoteAddress),
    domainName: domainNameOf(request.headers.host, request.localPort),
    localPort: request.localPort,
    secure: request.secure,
    traceId: traceHeader(now, settings.ids),
    requestId,
    timeEpoch: now,
  };
}
