/** The remote runner: invocations go to real AWS Lambda (or any Invoke API) through the AWS SDK, so a gateway can front deployed functions. */
import type { LambdaClient, LambdaClientConfig } from '@aws-sdk/client-lambda';
import type { LambdaError } from '../invoker.ts';
import type { EnvironmentOutcome, ExecutionEnvironment, InvocationRequest, Runner } from '../runner.ts';

export interface AwsRunnerOptions {
  /** Another Invoke API than AWS's regional endpoint (e.g. another Hoplite's). */
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Local function name → the deployed function's name or ARN. @default the same name */
  functionNames?: Record<string, string>;
}

/** The remote runtime's own START/END/REPORT lines: the pool writes these itself. */
const PLATFORM_LINE = /^(START|END|REPORT) RequestId: /;

function remoteError(payload: string, fallbackType: string): LambdaError {
  try {
    const parsed = JSON.parse(payload) as Partial<LambdaError> & { stackTrace?: string[] };
    return { errorType: parsed.errorType ?? fallbackType, errorMessage: parsed.errorMessage ?? payload, trace: parsed.trace ?? parsed.stackTrace ?? [] };
  } catch {
    return { errorType: fallbackType, errorMessage: payload, trace: [] };
  }
}

class RemoteEnvironment implements ExecutionEnvironment {
  readonly initDurationMs = 0;
  readonly alive = true;

  constructor(
    private readonly client: LambdaClient,
    private readonly sdk: typeof import('@aws-sdk/client-lambda'),
    private readonly functionName: string,
    private readonly onLog: (line: string) => void,
  ) {}

  async invoke(request: InvocationRequest): Promise<EnvironmentOutcome> {
    try {
      const output = await this.client.send(
        new this.sdk.InvokeCommand({ FunctionName: this.functionName, Payload: Buffer.from(JSON.stringify(request.event)), LogType: 'Tail' }),
      );
      let maxMemoryUsedMb = 0;
      for (const line of Buffer.from(output.LogResult ?? '', 'base64')
        .toString('utf8')
        .split('\n')) {
        const used = /Max Memory Used: (\d+) MB/.exec(line);
        if (used) maxMemoryUsedMb = Number(used[1]);
        if (line !== '' && !PLATFORM_LINE.test(line)) this.onLog(line);
      }
      const payload = Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8');
      if (output.FunctionError) return { kind: 'error', error: remoteError(payload, 'Error'), maxMemoryUsedMb };
      return { kind: 'ok', json: payload === '' ? 'null' : payload, maxMemoryUsedMb };
    } catch (error) {
      // The call itself failed (throttled, not found, network): Lambda did not run the function.
      const { name, message } = error as Error;
      return { kind: 'error', error: { errorType: name, errorMessage: message, trace: [] }, maxMemoryUsedMb: 0 };
    }
  }

  async dispose(): Promise<void> {}
}

/**
 * One SDK client per runner; each "environment" is a view of the remote function. The functions are deployed
 * already, so nothing is built here, and their code runs where no local debugger reaches.
 */
export function awsRunner(options: AwsRunnerOptions): Runner {
  const config: LambdaClientConfig = { maxAttempts: 1 };
  if (options.endpoint) config.endpoint = options.endpoint;
  if (options.region) config.region = options.region;
  if (options.credentials) config.credentials = options.credentials;
  // The SDK loads with the first environment: gateways with local runners never pay for it.
  const loaded = import('@aws-sdk/client-lambda').then((sdk) => ({ sdk, client: new sdk.LambdaClient(config) }));
  let client: LambdaClient | undefined;
  return {
    name: 'aws',
    buildsLocally: false,
    inspector: { kind: 'none', reason: 'its functions run on AWS' },
    start: async (spec) => {
      const { sdk, client: created } = await loaded;
      client = created;
      const name = spec.built.model.name;
      return { ok: true, environment: new RemoteEnvironment(created, sdk, options.functionNames?.[name] ?? name, spec.onLog) };
    },
    dispose: () => client?.destroy(),
  };
}
