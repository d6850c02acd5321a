/**
 * The ports serverless-offline users and their test suites expect: HTTP (httpApi and http events) on 3000,
 * WebSocket on 3001, the Lambda Invoke API on 3002. Hoplite gives a service's APIs, then its Lambda Invoke API,
 * consecutive ports from the first; the model lists its HTTP API before its WebSocket API, so the first port is
 * 3000, or 3001 for a service with a WebSocket API only. A REST API beside an HTTP API takes its own port after it.
 */
import type { ServiceModel } from '../../model/types.ts';

export const SERVERLESS_OFFLINE_PORTS = { http: 3000, websocket: 3001, lambda: 3002 } as const;

export function serverlessOfflineFirstPort(model: Pick<ServiceModel, 'apis'>): number {
  const [first] = model.apis;
  return first?.protocol === 'WEBSOCKET' ? SERVERLESS_OFFLINE_PORTS.websocket : SERVERLESS_OFFLINE_PORTS.http;
}
