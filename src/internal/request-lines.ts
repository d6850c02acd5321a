/** The gateway's own log lines about what its APIs served, in the text and the JSON log format. */

export type LogFormat = 'text' | 'json';

interface ApiLine {
  /** The API's name and stage: text lines start with `[name/stage]`, which no function name can be. */
  api: string;
  stage: string;
  epochMs: number;
}

/** A WebSocket upgrade: accepted (101) or refused with the status the client got. */
export interface ConnectLine extends ApiLine {
  kind: 'connect';
  /** Absent when the gateway refused before handing out an id. */
  connectionId: string | undefined;
  sourceIp: string;
  status: number;
}

/** A message on an open connection: the route key and its function, or the error frame the client got. */
export interface MessageLine extends ApiLine {
  kind: 'message';
  connectionId: string;
  routeKey: string | undefined;
  functionName: string | undefined;
  errorFrame: string | undefined;
}

export interface DisconnectLine extends ApiLine {
  kind: 'disconnect';
  connectionId: string;
  closeCode: number;
  closeReason: string;
}

/** A call of the `@connections` API. */
export interface ConnectionsCallLine extends ApiLine {
  kind: 'connections';
  method: string;
  connectionId: string | undefined;
  status: number;
}

/** An HTTP or REST API request. */
export interface HttpRequestLine extends ApiLine {
  kind: 'http';
  method: string;
  path: string;
  routeKey: string | undefined;
  status: number;
  durationMs: number;
}

export type RequestLine = ConnectLine | MessageLine | DisconnectLine | ConnectionsCallLine | HttpRequestLine;

/** 101 Switching Protocols: the only status of an accepted upgrade. */
export const ACCEPTED_UPGRADE_STATUS = 101;

function textBody(line: RequestLine): string {
  switch (line.kind) {
    case 'connect':
      return `CONNECT ${line.connectionId ?? '-'} ${line.sourceIp} ${line.status === ACCEPTED_UPGRADE_STATUS ? 'accepted' : `refused ${line.status}`}`;
    case 'message': {
      const target = line.functionName === undefined ? '' : ` → ${line.functionName}`;
      const frame = line.errorFrame === undefined ? '' : ` → error frame "${line.errorFrame}"`;
      return `MESSAGE ${line.connectionId} ${line.routeKey ?? '(no route)'}${target}${frame}`;
    }
    case 'disconnect':
      return `DISCONNECT ${line.connectionId} ${line.closeCode} ${JSON.stringify(line.closeReason)}`;
    case 'connections':
      return `@connections ${line.method} ${line.connectionId ?? '-'} ${line.status}`;
    case 'http':
      return `${line.method} ${line.path} (${line.routeKey ?? 'no route'}) ${line.status} ${line.durationMs} ms`;
  }
}

/** Lambda's JSON log format has `time` and `type` first; every line of one type has the same keys, null when unknown. */
function jsonRecord(line: RequestLine): Record<string, unknown> {
  const head = { time: new Date(line.epochMs).toISOString() };
  const api = { api: line.api, stage: line.stage };
  switch (line.kind) {
    case 'connect':
      return {
        ...head,
        type: 'websocket.connect',
        ...api,
        connectionId: line.connectionId ?? null,
        sourceIp: line.sourceIp,
        status: line.status,
        outcome: line.status === ACCEPTED_UPGRADE_STATUS ? 'accepted' : 'refused',
      };
    case 'message':
      return {
        ...head,
        type: 'websocket.message',
        ...api,
        connectionId: line.connectionId,
        routeKey: line.routeKey ?? null,
        function: line.functionName ?? null,
        errorFrame: line.errorFrame ?? null,
      };
    case 'disconnect':
      return { ...head, type: 'websocket.disconnect', ...api, connectionId: line.connectionId, closeCode: line.closeCode, closeReason: line.closeReason };
    case 'connections':
      return { ...head, type: 'connections.request', ...api, method: line.method, connectionId: line.connectionId ?? null, status: line.status };
    case 'http':
      return {
        ...head,
        type: 'http.request',
        ...api,
        method: line.method,
        path: line.path,
        routeKey: line.routeKey ?? null,
        status: line.status,
        durationMs: line.durationMs,
      };
  }
}

/** One line, without its newline; `paintSource` colours the `[api/stage]` prefix of a text line. */
export function formatRequestLine(line: RequestLine, format: LogFormat, paintSource: (text: string) => string = (text) => text): string {
  if (format === 'json') return JSON.stringify(jsonRecord(line));
  return `${paintSource(`[${line.api}/${line.stage}]`)} ${textBody(line)}`;
}
