/** Gateway: composes store, Lambda runner, WebSocket runtimes and @connections APIs; lifecycle only, no logic of its own. */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createJwtIssuers, type JwtIssuers } from './auth/jwt/index.ts';
import { LOCAL_ISSUER_PATH, loadOrCreateSigningKey, signingKeyPath, TOKEN_PATH, withLocalIssuer } from './auth/local-issuer/index.ts';
import { memoryRegistry } from './cluster/index.ts';
import { createManagementApi } from './connections/index.ts';
import { isServiceDefinition, type ServiceDefinition } from './define/index.ts';
import { type Store, startStore } from './dynamodb/index.ts';
import { HopliteError } from './errors.ts';
import { createHttpApi } from './http/index.ts';
import { apiIdFor } from './internal/api-id.ts';
import { exposureWarning, networkHosts } from './internal/bind.ts';
import { createDomainNameOf, type DomainNameOf, printedHost } from './internal/domain-name.ts';
import { fetchPort, requestFromFetch, responseToFetch } from './internal/edge/fetch.ts';
import { nodeHandler } from './internal/edge/node.ts';
import type { EdgeHandler } from './internal/edge/values.ts';
import { type Listener, type ListenOptions, listen } from './internal/listener.ts';
import { OwnEndpoints } from './internal/own-endpoints.ts';
import { generateLocalCertificate, type TlsMaterial } from './internal/tls.ts';
import { createLambdaService, type Invoker } from './lambda/index.ts';
import type { InspectorEndpoint } from './lambda/inspect.ts';
import type { HostRedirect } from './lambda/runner.ts';
import { createInvokeApi } from './lambda-api/invoke.ts';
import type { HttpApiModel, RestApiModel, WebSocketApiModel } from './model/index.ts';
import { localIssuerAudiences, type ServiceModel, trustsLocalIssuer, validateService } from './model/index.ts';
import { checkPortsFit, type GatewayOptions, LOCAL_CREDENTIALS, type ParsedGatewayOptions, parseGatewayOptions } from './options/index.ts';
import { createRestApi, type UsagePlanMeter, usagePlanMeter } from './rest/index.ts';
import { createSiteHandler } from './sites/server.ts';
import { type ConnectableApi, type ConnectOptions, issueApiKeys, MemoryWebSocket, memoryTarget, WebSocketRuntime, WireUpgrades } from './websocket/index.ts';

export { apiIdFor };

export interface ApiEndpoint {
  name: string;
  protocol: 'WEBSOCKET' | 'HTTP' | 'REST';
  /** GEN-4: the API id in events and ARNs. */
  apiId: string;
  stage: string;
  port: number;
  /** `ws://host:port/stage` or `http://host:port/stage` (no stage segment for an HTTP API's `$default` stage). */
  url: string;
  /** The same over TLS, on the same port: `wss://…` or `https://…`. */
  secureUrl: string;
  /** WebSocket APIs: the `@connections` endpoint for ApiGatewayManagementApiClient, `https://host:port/stage`. */
  managementEndpoint?: string;
}

export interface LocalIssuerEndpoint {
  /**
   * The issuer URL its tokens carry as `iss`, served beside the Lambda Invoke API:
   * `{issuer}/.well-known/openid-configuration` and `{issuer}/.well-known/jwks.json`.
   */
  issuer: string;
  /** The RSA signing key (a private JWK) in the project's `.hoplite/` folder, which `hoplite token` signs with. */
  signingKeyFile: string;
}

export interface SiteEndpoint {
  name: string;
  port: number;
  url: string;
}

export interface GatewayUrls {
  apis: ApiEndpoint[];
  sites: SiteEndpoint[];
  /** Lambda's Invoke API for this service's functions: the `endpoint` of a LambdaClient. */
  lambdaEndpoint: string;
  /** The DynamoDB endpoint handlers use. */
  dynamodbEndpoint: string;
  /** With the `inspect` option: where debuggers attach. */
  inspector?: InspectorEndpoint;
  /** When a JWT authorizer trusts `localIssuer`: the gateway's own OpenID issuer. */
  localIssuer?: LocalIssuerEndpoint;
}

/** The AWS host names handler code may hard-code, pointed at this gateway's APIs and its store. */
function awsHostRedirects(region: string, host: string, apis: readonly ApiEndpoint[], dynamodbEndpoint: string): HostRedirect[] {
  const toHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const redirects: HostRedirect[] = apis.map((api) => ({ host: `${api.apiId}.execute-api.${region}.amazonaws.com`, toHost, toPort: api.port, tls: true }));
  const store = new URL(dynamodbEndpoint);
  // Only a plain-HTTP store can stand in for DynamoDB's HTTPS host: the client's TLS is dropped for it.
  if (store.protocol === 'http:')
    redirects.push({ host: `dynamodb.${region}.amazonaws.com`, toHost: store.hostname, toPort: Number(store.port || 80), tls: false });
  return redirects;
}

const urlHost = printedHost;

export class Gateway {
  /** Resolves with the URLs once every table exists, every handler is built and every port listens. */
  readonly ready: Promise<GatewayUrls>;
  readonly model: ServiceModel;
  private readonly options: ParsedGatewayOptions;
  private readonly stops: Array<() => Promise<void>> = [];
  /** Addresses a client on the network may use for a wildcard bind; asked once, at construction. */
  private readonly networkHosts: string[];
  private disposing: Promise<void> | undefined;
  /** Each port's surface, filled as the ports listen: the socket path and `fetch` call the same handler. */
  private readonly handlers = new Map<number, EdgeHandler>();
  /** The WebSocket APIs `connect` reaches, filled as they start. */
  private readonly webSocketApis: ConnectableApi[] = [];
  /** Every port of this gateway and its embedded store, which in-process environments reach in memory. */
  private readonly ownEndpoints = new OwnEndpoints();

  constructor(service: ServiceDefinition | ServiceModel, options: GatewayOptions = {}) {
    this.options = parseGatewayOptions(options);
    this.model = validateService(isServiceDefinition(service) ? service.toModel() : service, this.options.sourceFile);
    checkPortsFit(this.options.port, this.model.apis.length + this.model.sites.length + 1);
    this.networkHosts = networkHosts(this.options.host);
    this.ready = this.start();
    // Callers that never await `ready` must not crash the process with an unhandled rejection.
    this.ready.catch(() => {});
  }

  /**
   * Closes connections (firing their `$disconnect`), stops environments, the store and the ports. Every part is
   * stopped even when one fails; the promise rejects with the first failure. Idempotent: later calls return the same promise.
   */
  dispose(): Promise<void> {
    this.disposing ??= this.ready.catch(() => {}).then(() => this.stopParts());
    return this.disposing;
  }

  /**
   * A request to one of this gateway's URLs, answered in memory with exactly what the socket would give (status,
   * headers, body); an `https:` URL is a TLS request, the client is 127.0.0.1. Rejects with a TypeError, as fetch
   * does, for a URL this gateway does not serve.
   * @example const response = await gateway.fetch(`${urls.apis[0].url}/todos`, { method: 'POST', body: '{}' })
   */
  async fetch(input: Request | string | URL, init?: RequestInit): Promise<Response> {
    await this.ready;
    if (this.disposing) throw new TypeError('fetch failed: the gateway is disposed');
    const request = new Request(input, init);
    const port = fetchPort(new URL(request.url), this.fetchHosts(), new Set(this.handlers.keys()), urlHost(this.options.host));
    const response = await (this.handlers.get(port) as EdgeHandler)(await requestFromFetch(request, port));
    if (!response) throw new TypeError('fetch failed: the gateway gave no response');
    return responseToFetch(response, request.method);
  }

  /** The names `fetch` answers for: the gateway's host, the loopback names, the network addresses and the host aliases. */
  private fetchHosts(): Set<string> {
    const { host, hostAliases } = this.options;
    const names = [host, urlHost(host), '127.0.0.1', 'localhost', '[::1]', ...this.networkHosts.map(printedHost), ...hostAliases];
    return new Set(names.map((name) => name.toLowerCase()));
  }

  /**
   * A WebSocket client in memory, no socket: `url` is an API's `url` or `secureUrl` (or the same port on
   * `localhost`, `127.0.0.1` or a host alias). `$connect`, messages, `$disconnect` and `@connections` posts behave
   * as for a socket client; the events carry `sourceIp` 127.0.0.1 and the URL's Host.
   */
  connect(url: string | URL, options: ConnectOptions = {}): MemoryWebSocket {
    const target = this.ready.then(() => {
      if (this.disposing) throw new HopliteError('HOPLITE_ERR_DISPOSED', 'connect() after dispose()');
      const names = { host: this.options.host, aliases: this.options.hostAliases, networkHosts: this.networkHosts };
      return memoryTarget(url, options, this.webSocketApis, names);
    });
    return new MemoryWebSocket(target);
  }

  private async start(): Promise<GatewayUrls> {
    try {
      return await this.startParts();
    } catch (error) {
      // The start-up error is the one to report; a part that also fails to stop is only logged.
      await this.stopParts().catch((stopError: unknown) =>
        this.options.log.error(`a part failed to stop after a failed start: ${(stopError as Error).stack ?? stopError}`),
      );
      throw error;
    }
  }

  /** Stops the parts started so far, last first; rejects with the first failure once all have been tried, and logs the others. */
  private async stopParts(): Promise<void> {
    let first: { error: unknown } | undefined;
    for (const stop of this.stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        if (first) this.options.log.error(`another part failed to stop as well: ${(error as Error).stack ?? error}`);
        else first = { error };
      }
    }
    if (first) throw first.error;
  }

  private async startParts(): Promise<GatewayUrls> {
    const { options, model } = this;
    const rootDir = resolve(options.rootDir ?? model.rootDir ?? process.cwd());
    const credentials = options.credentials?.[0] ?? LOCAL_CREDENTIALS;
    const tls = options.tls ?? (await generateLocalCertificate());
    const exposure = exposureWarning({
      host: options.host,
      credentials: options.credentials !== undefined,
      allowRemoteManagement: options.allowRemoteManagement,
    });
    if (exposure) options.log.warn(`${model.name}: ${exposure}`);

    const store: Store = await startStore({
      tables: model.tables,
      region: options.region,
      credentials,
      dataDir: options.dataDir,
      endpoint: options.dynamodbEndpoint,
      host: '127.0.0.1',
      onLockLost: (message) => options.log.error(message),
      onLockWait: (message) => options.log.info(message),
    });
    this.stops.push(() => store.dispose());
    if (store.connectInMemory) {
      const { hostname, port } = new URL(store.endpoint);
      this.ownEndpoints.add([hostname], Number(port), store.connectInMemory);
    }

    // One build folder per gateway: two gateways of one service must not overwrite each other's bundles.
    const buildDir = join(rootDir, '.hoplite', 'build', options.ids.uuid().slice(0, 8));
    this.stops.push(() => rm(buildDir, { recursive: true, force: true }));
    // Filled once the ports are known; environments read it as they start (none starts before the first request).
    const redirects: HostRedirect[] = [];
    const invoker = await createLambdaService({
      redirects,
      ownEndpoints: this.ownEndpoints,
      functions: model.functions,
      ...(model.layers ? { layers: model.layers } : {}),
      rootDir,
      buildDir,
      platformEnvironment: {
        AWS_REGION: options.region,
        AWS_DEFAULT_REGION: options.region,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
        // Without it the SDK's credential chain probes the instance-metadata address.
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        HOPLITE_ACCOUNT_ID: options.accountId,
      },
      trustedCertificates: [tls.cert],
      log: options.log,
      clock: options.clock,
      ids: options.ids,
      accountConcurrency: options.accountConcurrency,
      idleEnvironmentTtlMs: options.idleEnvironmentTtlMs,
      parallelColdStarts: options.parallelColdStarts,
      environmentMemoryBudgetMb: options.environmentMemoryBudgetMb,
      reload: options.reload,
      runner: options.runner,
      logFormat: options.logFormat,
      ...(options.inspect ? { inspect: options.inspect } : {}),
    });
    this.stops.push(() => invoker.dispose());

    // AUTH-22: the issuers' keys are cached once for every API; the local issuer's URL is known once its port listens.
    let localIssuerUrl = '';
    const audiences = localIssuerAudiences(model);
    const signingKey = trustsLocalIssuer(model) ? await loadOrCreateSigningKey(rootDir) : undefined;
    const localKeys = signingKey ? { keys: [signingKey.publicJwk] } : undefined;
    const jwtIssuers = createJwtIssuers({ clock: options.clock, ...(localKeys ? { local: { url: () => localIssuerUrl, keys: localKeys } } : {}) });

    const apis: ApiEndpoint[] = [];
    // REST-37, REST-38: one meter for the service's usage plans, whichever of its REST APIs a plan names.
    const usagePlans = usagePlanMeter(model.usagePlans, issueApiKeys(model.name, model.apiKeys), options.clock);
    for (const [index, api] of model.apis.entries()) {
      const port = options.port === 0 ? 0 : options.port + index;
      const endpoint =
        api.protocol === 'WEBSOCKET'
          ? await this.startWebSocketApi(api, invoker, tls, port)
          : await this.startHttpApi(api, invoker, tls, port, usagePlans, jwtIssuers);
      apis.push(endpoint);
    }
    if (options.redirectAwsEndpoints) redirects.push(...awsHostRedirects(options.region, options.host, apis, store.endpoint));
    const sites: SiteEndpoint[] = [];
    for (const [index, site] of model.sites.entries()) {
      const handler = createSiteHandler({
        dir: resolve(rootDir, site.dir),
        config: () => ({
          service: model.name,
          apis: Object.fromEntries(apis.map((api) => [api.name, api])),
          ...(localIssuerUrl ? { localIssuer: { issuer: localIssuerUrl, tokenEndpoint: `${localIssuerUrl}${TOKEN_PATH}` } } : {}),
        }),
      });
      const listener = await this.listenOn(options.port === 0 ? 0 : options.port + model.apis.length + index, tls, handler, `the site ${site.name}`);
      this.stops.push(() => listener.close());
      sites.push({ name: site.name, port: listener.port, url: `http://${urlHost(options.host)}:${listener.port}/` });
    }
    const invokeApi = createInvokeApi({
      invoker,
      ids: options.ids,
      region: options.region,
      accountId: options.accountId,
      log: options.log,
      clock: options.clock,
      ...this.managementAccess(),
    });
    const lambdaPort = options.port === 0 ? 0 : options.port + model.apis.length + model.sites.length;
    const lambdaHandler =
      signingKey && localKeys
        ? withLocalIssuer(invokeApi.handle, {
            issuer: () => localIssuerUrl,
            keys: localKeys,
            key: signingKey,
            defaultAudience: audiences[0],
            allowedOrigins: this.siteOrigins(sites),
            isTrustedClient: options.allowRemoteManagement ? () => true : options.isTrustedClient,
            clock: options.clock,
          })
        : invokeApi.handle;
    const lambdaListener = await this.listenOn(lambdaPort, tls, lambdaHandler, 'the Lambda Invoke API');
    this.stops.push(() => lambdaListener.close());
    const lambdaEndpoint = `http://${urlHost(options.host)}:${lambdaListener.port}`;
    if (localKeys) localIssuerUrl = `${lambdaEndpoint}${LOCAL_ISSUER_PATH}`;
    if (this.disposing) throw new HopliteError('HOPLITE_ERR_DISPOSED', 'the gateway was disposed while starting');
    return {
      apis,
      sites,
      lambdaEndpoint,
      dynamodbEndpoint: store.endpoint,
      ...(invoker.inspector ? { inspector: invoker.inspector } : {}),
      ...(localKeys ? { localIssuer: { issuer: localIssuerUrl, signingKeyFile: signingKeyPath(rootDir) } } : {}),
    };
  }

  /** The origins of the service's sites by every name `fetch` answers for, over HTTP and TLS: who may call the token endpoint. */
  private siteOrigins(sites: readonly SiteEndpoint[]): Set<string> {
    const origins = new Set<string>();
    for (const name of this.fetchHosts()) {
      // A bind address such as `::` is no host name a page is served from.
      if (!URL.canParse(`http://${name}`)) continue;
      for (const { port } of sites) for (const scheme of ['http', 'https']) origins.add(new URL(`${scheme}://${name}:${port}`).origin);
    }
    return origins;
  }

  /** A port of this gateway: its host, the connection limits, the log and the clock every listener shares; its surface, for `fetch` too. */
  private async listenOn(port: number, tls: TlsMaterial, handler: EdgeHandler, surface: string, onUpgrade?: ListenOptions['onUpgrade']): Promise<Listener> {
    const { options } = this;
    const listener = await listen({
      host: options.host,
      port,
      tls,
      log: options.log,
      connectionLimits: options.connectionLimits,
      clock: options.clock,
      onRequest: nodeHandler(handler, options.log, surface),
      ...(onUpgrade ? { onUpgrade } : {}),
    });
    this.handlers.set(listener.port, handler);
    this.ownEndpoints.add(listener.localNames, listener.port, listener.connectInMemory);
    return listener;
  }

  private apiId(apiName: string): string {
    return apiIdFor(this.model.name, apiName);
  }

  /** Who may call the Invoke API and `@connections`: signed by the credentials, else trusted clients, unless opened. */
  private managementAccess() {
    const { credentials, allowRemoteManagement, isTrustedClient } = this.options;
    return credentials ? { credentials } : { isTrustedClient, allowRemote: allowRemoteManagement };
  }

  /** GEN-4: the gateway's own names for an API's events; handler code may also use its AWS host name when that stays local. */
  private domainNameOf(apiId: string): DomainNameOf {
    const { options } = this;
    const awsHost = options.redirectAwsEndpoints ? { awsHost: `${apiId}.execute-api.${options.region}.amazonaws.com` } : {};
    return createDomainNameOf({ host: options.host, aliases: options.hostAliases, networkHosts: this.networkHosts, ...awsHost });
  }

  private async startWebSocketApi(api: WebSocketApiModel, invoker: Invoker, tls: TlsMaterial, port: number): Promise<ApiEndpoint> {
    const { options } = this;
    const apiId = this.apiId(api.name);
    // One registry per API: an id of one API is gone on another's @connections (CONN-10).
    const registry = memoryRegistry();
    const runtime = new WebSocketRuntime({
      api,
      apiId,
      invoker,
      limits: options.websocketLimits,
      clock: options.clock,
      ids: options.ids,
      log: options.log,
      domainNameOf: this.domainNameOf(apiId),
      registry,
      apiKeys: issueApiKeys(this.model.name, this.model.apiKeys),
      region: options.region,
      accountId: options.accountId,
      credentials: options.credentials,
    });
    const management = createManagementApi({
      stage: api.stage.name,
      apiName: api.name,
      log: options.log,
      region: options.region,
      port: registry,
      ids: options.ids,
      clock: options.clock,
      ...(api.stage.throttling ? { throttling: api.stage.throttling } : {}),
      ...this.managementAccess(),
    });
    const wire = new WireUpgrades(runtime, options.clock);
    const listener: Listener = await this.listenOn(port, tls, management.handle, `the @connections API of ${api.name}`, (request, socket, head) => {
      wire.handleUpgrade(request, socket, head).catch((error: unknown) => {
        options.log.error(`internal error during a WebSocket upgrade: ${(error as Error).stack ?? error}`);
        socket.destroy();
      });
    });
    // Runtimes close before the invoker stops, so their `$disconnect`s still run.
    this.stops.push(async () => {
      try {
        await runtime.close();
      } finally {
        wire.close();
        await listener.close();
      }
    });
    this.webSocketApis.push({ port: listener.port, runtime });
    const host = `${urlHost(options.host)}:${listener.port}`;
    return {
      name: api.name,
      protocol: api.protocol,
      apiId,
      stage: api.stage.name,
      port: listener.port,
      url: `ws://${host}/${api.stage.name}`,
      secureUrl: `wss://${host}/${api.stage.name}`,
      managementEndpoint: `https://${host}/${api.stage.name}`,
    };
  }

  /** HTTP and REST APIs: one listener, one runtime; only the runtime differs. */
  private async startHttpApi(
    api: HttpApiModel | RestApiModel,
    invoker: Invoker,
    tls: TlsMaterial,
    port: number,
    usagePlans: UsagePlanMeter,
    jwtIssuers: JwtIssuers,
  ): Promise<ApiEndpoint> {
    const { options } = this;
    const apiId = this.apiId(api.name);
    const settings = {
      apiId,
      accountId: options.accountId,
      invoker,
      clock: options.clock,
      ids: options.ids,
      log: options.log,
      domainNameOf: this.domainNameOf(apiId),
      region: options.region,
      ...(options.credentials ? { credentials: options.credentials } : {}),
    };
    const handler = api.protocol === 'HTTP' ? createHttpApi({ api, ...settings, jwtIssuers }) : createRestApi({ api, usagePlans, ...settings, jwtIssuers });
    const listener = await this.listenOn(port, tls, handler, `the ${api.protocol} API ${api.name}`);
    this.stops.push(() => listener.close());
    const host = `${urlHost(options.host)}:${listener.port}`;
    // HTTP-1: an HTTP API's `$default` stage is served without a path segment.
    const stagePath = api.stage.name === '$default' ? '' : `/${api.stage.name}`;
    return {
      name: api.name,
      protocol: api.protocol,
      apiId,
      stage: api.stage.name,
      port: listener.port,
      url: `http://${host}${stagePath}`,
      secureUrl: `https://${host}${stagePath}`,
    };
  }
}
