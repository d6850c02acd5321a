/** Starts gateways for tests on 127.0.0.1 with free ports, and stops them when the test ends. */
import type { TestContext } from 'node:test';
import type { ServiceDefinition } from '../../src/define/index.ts';
import { Gateway, type GatewayUrls } from '../../src/gateway.ts';
import { memoryLog } from '../../src/internal/log.ts';
import type { ServiceModel } from '../../src/model/index.ts';
import type { GatewayOptions } from '../../src/options/index.ts';

export interface StartedGateway {
  gateway: Gateway;
  urls: GatewayUrls;
  log: ReturnType<typeof memoryLog>;
}

/** With a test context the gateway is disposed when that test ends; with `null` the caller disposes it. */
export async function startGateway(
  context: TestContext | null,
  service: ServiceDefinition | ServiceModel,
  options: GatewayOptions = {},
): Promise<StartedGateway> {
  const log = memoryLog();
  const gateway = new Gateway(service, { host: '127.0.0.1', port: 0, log, ...options });
  context?.after(() => gateway.dispose());
  const urls = await gateway.ready;
  return { gateway, urls, log };
}
