/**
 * A local stand-in for CloudFormation and S3 on one loopback port, speaking the wire protocols the real SDK v3
 * clients use (awsQuery for CloudFormation, path-style REST for S3) for exactly the calls provision makes.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordedCall } from './calls.ts';
import { StandInCloudFormation } from './cloudformation.ts';
import { parseForm, QueryError, queryError, queryResponse } from './query-protocol.ts';
import { StandInS3 } from './s3.ts';

export interface AwsStandInOptions {
  /** The time stamped on events and stacks. @default a clock that starts at 2026-01-01T00:00:00Z and ticks a second per reading */
  now?: () => Date;
  /** How many pending stack events each poll lets out. @default 3 */
  eventsPerPoll?: number;
  /** DescribeStackEvents page size. @default 4 */
  pageSize?: number;
}

export interface AwsStandIn {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The environment that points the SDK's clients here, with credentials that sign but grant nothing. */
  env: Record<string, string>;
  calls: RecordedCall[];
  s3: StandInS3;
  close(): Promise<void>;
}

/** The region of a SigV4 Authorization header: `Credential=<key>/<date>/<region>/<service>/aws4_request`. */
function signedRegion(request: IncomingMessage): string {
  return /Credential=[^/]+\/\d+\/([^/]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? 'us-east-1';
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A clock for deterministic event times. */
function tickingClock(): () => Date {
  let seconds = 0;
  return () => new Date(Date.UTC(2026, 0, 1) + 1000 * seconds++);
}

export async function startAwsStandIn(options: AwsStandInOptions = {}): Promise<AwsStandIn> {
  const calls: RecordedCall[] = [];
  const s3 = new StandInS3();
  const cloudFormation = new StandInCloudFormation({
    now: options.now ?? tickingClock(),
    readTemplateUrl: (url) => s3.objectAtUrl(url)?.toString('utf8'),
    eventsPerPoll: options.eventsPerPoll ?? 3,
    pageSize: options.pageSize ?? 4,
  });
  let requests = 0;
  const server = createServer(async (request, response) => {
    requests += 1;
    const requestId = `stand-in-${requests}`;
    const body = await readBody(request);
    const contentType = request.headers['content-type'] ?? '';
    if (request.method === 'POST' && contentType.startsWith('application/x-www-form-urlencoded')) {
      const { Action: action = '', Version: _version, ...params } = parseForm(body.toString('utf8'));
      calls.push({ service: 'cloudformation', action, params });
      try {
        const result = cloudFormation.handle(action, params, signedRegion(request));
        response.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
        response.end(queryResponse(action, result, requestId));
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        response.writeHead(error.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
        response.end(queryError(error.code, error.message, requestId));
      }
      return;
    }
    await s3.handle(request, body, response, (call) => calls.push(call));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    env: {
      AWS_ENDPOINT_URL_CLOUDFORMATION: url,
      AWS_ENDPOINT_URL_S3: url,
      AWS_ACCESS_KEY_ID: 'AKIASTANDIN000000000',
      AWS_SECRET_ACCESS_KEY: 'stand-in-secret',
    },
    calls,
    s3,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
