/** `hoplite dev [entry]`: runs a service locally until Ctrl-C. */

import { join } from 'node:path';
import { HopliteError } from '../errors.ts';
import { type ApiEndpoint, Gateway, type GatewayUrls } from '../gateway.ts';
import { exposureWarning, type InterfaceTable, isWildcardHost, networkHosts, urlHostOf } from '../internal/bind.ts';
import { consoleLog, silentLog } from '../internal/log.ts';
import { maskUrlCredentials } from '../internal/mask.ts';
import { defaultCertificateDir, loadOrCreateLocalCertificate } from '../internal/tls.ts';
import { type ApiKeyModel, localIssuerAudiences, type OutputModel, type ServiceModel, type UsagePlanModel } from '../model/index.ts';
import { helpEntry, MAX_PORT, parseGatewayOptions, parseOptionFlags, renderFlagHelp } from '../options/index.ts';
import { issueApiKeys } from '../websocket/index.ts';
import { removeDevState, writeDevState } from './dev-state.ts';
import { IMPORT_FLAG_HELP, IMPORT_PORT_NOTE, takeImportFlags } from './import-flags.ts';
import type { CliIo } from './io.ts';
import { loadService } from './load-service.ts';
import { splitTemplateFlags, TEMPLATE_FLAG_HELP } from './template-flags.ts';

/** `hoplite dev --help`: the flags' lines come from the options they set (src/options/schema.ts). */
export const DEV_USAGE = [
  'Usage: hoplite dev [entry...] [options]',
  '',
  'Runs the services defined in the entry files on this machine: hoplite.config.ts (the default), or a CloudFormation',
  'or SAM template (template.yaml, template.yml, template.json, found in that order when no entry is given).',
  '',
  'Options:',
  ...renderFlagHelp(),
  ...TEMPLATE_FLAG_HELP,
  ...IMPORT_FLAG_HELP,
  helpEntry('-h, --help', 'show this help'),
  '',
  IMPORT_PORT_NOTE,
].join('\n');

export interface DevHandle {
  gateways: Gateway[];
  /** Resolves when the command has shut down; the exit code. */
  done: Promise<number>;
  stop(): void;
}

type PortsOf = Pick<ServiceModel, 'name' | 'apis' | 'sites'>;

/** Services started together take consecutive ports from `--port`: each one's APIs, its sites, then its Lambda Invoke API. */
export function checkDevPorts(firstPort: number, models: readonly PortsOf[]): void {
  if (firstPort === 0) return;
  const needed = models.reduce((sum, model) => sum + model.apis.length + model.sites.length + 1, 0);
  const last = firstPort + needed - 1;
  if (last <= MAX_PORT) return;
  const names = models.map((model) => model.name).join(', ');
  const who = models.length === 1 ? `the service ${names} needs` : `the services ${names} need`;
  throw new HopliteError(
    'HOPLITE_ERR_CLI_USAGE',
    `--port ${firstPort}: ${who} ${needed} consecutive ports from ${firstPort} (APIs, sites, then a Lambda Invoke API per service) and the last would be ${last}, past ${MAX_PORT}; choose --port ${MAX_PORT - needed + 1} or lower, or --port 0 for free ports`,
  );
}

/**
 * The port of the first API: `--port` when given; else the one the first service's format asks for (a
 * serverless.yml: serverless-offline's), else the command's default.
 */
export function firstDevPort(portGiven: boolean, flagPort: number | undefined, formatPort: number | undefined): number | undefined {
  return portGiven || formatPort === undefined ? flagPort : formatPort;
}

/** `--functions a,b`: names the services define; a name that matches none would hide every log line without a word. */
export function parseFunctions(value: string | undefined, models: ReadonlyArray<{ functions: ReadonlyArray<{ name: string }> }>): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const known = models.flatMap((model) => model.functions.map((fn) => fn.name));
  const unknown = names.filter((name) => !known.includes(name));
  if (names.length > 0 && unknown.length === 0) return names;
  const problem =
    names.length === 0 ? `expected function names separated by commas, got "${value}"` : `no function named ${unknown.map((name) => `"${name}"`).join(', ')}`;
  throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--functions: ${problem}; the functions are ${known.join(', ')}`);
}

/** Starts the gateway and prints its URLs; `stop()` (or SIGINT/SIGTERM from the CLI) shuts it down. */
export async function startDev(argv: string[], io: CliIo, cwd: string): Promise<DevHandle | number> {
  // Flags first: a mistyped flag is reported before any definition is loaded.
  const template = splitTemplateFlags(argv);
  const imported = takeImportFlags(template.argv);
  const { options: givenOptions, commandFlags, positionals, help } = parseOptionFlags(imported.rest);
  if (help) {
    io.stdout.write(`${DEV_USAGE}\n`);
    return 0;
  }
  const entries = positionals.length > 0 ? positionals : [undefined];
  const services = [];
  for (const entry of entries) services.push(await loadService(entry, cwd, { ...template.options, ...imported.options }));
  const flagOptions = { ...givenOptions, port: firstDevPort(imported.portGiven, givenOptions.port, services[0]?.devPort) };
  // The options as every gateway of this command sees them, for the banner and the log.
  const settings = parseGatewayOptions({ ...flagOptions, log: silentLog, isTrustedClient: () => false });
  const models = services.map((loaded) => loaded.model);
  checkDevPorts(settings.port, models);
  const functions = parseFunctions(commandFlags.functions as string | undefined, models);
  const log = consoleLog({
    stdout: io.stdout,
    stderr: io.stderr,
    quiet: commandFlags.quiet === true,
    format: settings.logFormat,
    ...(functions ? { functions } : {}),
  });
  for (const loaded of services) for (const warning of loaded.warnings) log.warn(warning);
  const tls = await loadOrCreateLocalCertificate(defaultCertificateDir(io.env));
  const gateways: Gateway[] = [];
  const stopAll = () => Promise.all(gateways.map((gateway) => gateway.dispose()));
  const lines: string[] = [];
  const lambdaEndpoints: string[] = [];
  const localIssuers: Array<GatewayUrls['localIssuer']> = [];
  const inspectors: Array<NonNullable<GatewayUrls['inspector']>> = [];
  const { host, dataDir } = settings;
  const network = wildcardNetworkHosts(host);
  let nextPort = settings.port;
  try {
    for (const [index, loaded] of services.entries()) {
      const gateway = new Gateway(loaded.model, {
        ...flagOptions,
        port: nextPort,
        // Services started together keep their data apart: one store folder each.
        dataDir: dataDir && services.length > 1 ? join(dataDir, loaded.model.name) : dataDir,
        sourceFile: loaded.displayPath,
        tls,
        log,
      });
      gateways.push(gateway);
      const urls = await gateway.ready;
      lambdaEndpoints.push(urls.lambdaEndpoint);
      localIssuers.push(urls.localIssuer);
      if (urls.inspector) inspectors.push(urls.inspector);
      // APIs, sites, then the Lambda Invoke API take consecutive ports.
      if (nextPort !== 0) nextPort += loaded.model.apis.length + loaded.model.sites.length + 1;
      lines.push(
        ...describeUrls(loaded.model.name, loaded.displayPath, urls, settings, network),
        ...describeApiKeys(loaded.model.name, loaded.model.apiKeys, loaded.model.usagePlans),
        ...describeOutputs(loaded.model.outputs, urls.apis),
      );
      if (index < services.length - 1) lines.push('');
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  // Gateways of one process share its inspector: one line for all of them.
  const inspector = inspectorLine(inspectors);
  if (inspector) lines.push(inspector);
  // Printed with the URLs, so that even --quiet (which drops warnings) says it.
  const exposure = exposureWarning({ host, credentials: false, allowRemoteManagement: settings.allowRemoteManagement });
  if (exposure) lines.push(`Warning: ${exposure}`);
  lines.push('Press Ctrl-C to stop.');
  io.stdout.write(`${lines.join('\n')}\n`);
  // Lets `hoplite invoke` in this folder find the functions.
  await writeDevState(cwd, {
    pid: process.pid,
    services: services.map((loaded, index) => {
      const localIssuer = localIssuers[index];
      return {
        name: loaded.model.name,
        lambdaEndpoint: lambdaEndpoints[index] as string,
        functions: loaded.model.functions.map((fn) => fn.name),
        ...(localIssuer ? { localIssuer: { ...localIssuer, audiences: localIssuerAudiences(loaded.model) } } : {}),
      };
    }),
  });

  let stopping = false;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    io.stdout.write('Stopping: closing connections and running $disconnect...\n');
    Promise.all([stopAll(), removeDevState(cwd, process.pid)]).then(
      () => finish(0),
      (error: unknown) => {
        log.error(`shutdown failed: ${(error as Error).message}`);
        finish(1);
      },
    );
  };
  return { gateways, done, stop };
}

/** A printed `127.0.0.1` URL as a client on the network writes it, once for each of the machine's addresses. */
export function networkUrls(url: string, hosts: readonly string[]): string[] {
  return hosts.map((host) => url.replace(/^([a-z]+:\/\/)127\.0\.0\.1(?=[:/]|$)/, `$1${urlHostOf(host)}`));
}

/** The network addresses of a wildcard bind, for `describeUrls`; `os.networkInterfaces()` unless given. */
export function wildcardNetworkHosts(host: string, interfaces?: InterfaceTable): string[] {
  return isWildcardHost(host) ? networkHosts(host, interfaces) : [];
}

export function describeUrls(
  name: string,
  displayPath: string,
  urls: GatewayUrls,
  store: { dataDir?: string | undefined; dynamodbEndpoint?: string | undefined },
  network: readonly string[] = [],
): string[] {
  const lines = [`Hoplite dev: ${name} (${displayPath})`];
  const fromNetwork = (indent: string, url: string) => networkUrls(url, network).map((other) => `${indent}from the network: ${other}`);
  for (const api of urls.apis) {
    lines.push(`  ${api.protocol === 'WEBSOCKET' ? 'WebSocket' : api.protocol} API ${api.name}: ${api.url}  (also ${api.secureUrl})`);
    lines.push(...fromNetwork('    ', api.url));
    lines.push(`    API id: ${api.apiId}`);
    if (api.protocol === 'WEBSOCKET') lines.push(`    @connections: ${api.managementEndpoint}/@connections/{connectionId}`);
  }
  for (const site of urls.sites) lines.push(`  Site ${site.name}: ${site.url}`, ...fromNetwork('    ', site.url));
  lines.push(`  Lambda Invoke API: ${urls.lambdaEndpoint}`, ...fromNetwork('    ', urls.lambdaEndpoint));
  if (urls.localIssuer) lines.push(`  Local OpenID issuer: ${urls.localIssuer.issuer}  (hoplite token prints a token it signs)`);
  const storeKind = store.dynamodbEndpoint ? 'external' : store.dataDir ? `embedded, data in ${store.dataDir}` : 'embedded, in memory';
  lines.push(`  DynamoDB: ${maskUrlCredentials(urls.dynamodbEndpoint)} (${storeKind})`);
  return lines;
}

/** AUTH-8, REST-36: the declared API keys with their values and usage plans, so a client can be pointed at a route that requires one. */
export function describeApiKeys(serviceName: string, keys: readonly ApiKeyModel[] | undefined, usagePlans: readonly UsagePlanModel[] = []): string[] {
  const issued = issueApiKeys(serviceName, keys);
  if (issued.length === 0) return [];
  const plansOf = (name: string) => usagePlans.filter((plan) => plan.apiKeys.includes(name)).map((plan) => plan.name);
  return [
    '  API keys:',
    ...issued.map((key) => {
      const plans = plansOf(key.name);
      return `    ${key.name}: ${key.value}  (id ${key.id}${plans.length > 0 ? `; usage plans ${plans.join(', ')}` : ''})`;
    }),
  ];
}

/** An output's value as a deployment resolves it: an API's URL is its `wss://` or `https://` endpoint. */
export function resolveOutput(output: OutputModel, apis: readonly ApiEndpoint[]): string {
  if (output.value.kind === 'literal') return output.value.value;
  const { api: name } = output.value;
  const api = apis.find((candidate) => candidate.name === name);
  // The model's validation makes sure the API exists.
  return api?.secureUrl ?? '';
}

/** The service's outputs, as a deployed stack lists them: key, description, value. */
function describeOutputs(outputs: readonly OutputModel[], apis: readonly ApiEndpoint[]): string[] {
  if (outputs.length === 0) return [];
  return ['  Outputs:', ...outputs.map((output) => `    ${output.name}: ${resolveOutput(output, apis)}  (${output.description})`)];
}

/** Where debuggers attach: the gateway's inspector, or each child-process environment's own, printed as it starts. */
function inspectorLine(endpoints: ReadonlyArray<NonNullable<GatewayUrls['inspector']>>): string | undefined {
  const [endpoint] = endpoints;
  if (!endpoint) return undefined;
  if (endpoint.kind === 'process') return `Debugger listening on ${endpoint.url}  (chrome://inspect, or attach VS Code to ${endpoint.host}:${endpoint.port})`;
  const ports = endpoint.firstPort === 0 ? `a free port of ${endpoint.host}` : `${endpoint.host}:${endpoint.firstPort}, ${endpoint.firstPort + 1}, …`;
  return `Debugger: each environment listens on ${ports} as it starts, and its URL is printed then`;
}
