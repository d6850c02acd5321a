/** Each surface's answer to each integration outcome, in memory (HTTP-33, REST-2, REST-11, GEN-10, GEN-11). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { httpAnswer } from '../http/outcome.ts';
import type { GatewayResponse } from '../internal/edge/values.ts';
import type { RestMethodModel } from '../model/types.ts';
import { restCustomAnswer, restProxyAnswer } from '../rest/outcome.ts';
import type { IntegrationOutcome } from './contract.ts';

const ERROR = { errorType: 'Error', errorMessage: 'boom', trace: ['Error: boom'] };
const OUTCOMES: Record<string, IntegrationOutcome> = {
  answered: { kind: 'answered', payload: { statusCode: 201, headers: { 'x-a': '1' }, body: 'made' } },
  'answered, malformed': { kind: 'answered', payload: { statusCode: 100 } },
  'timed-out': { kind: 'timed-out' },
  'refused (throttled)': { kind: 'refused', reason: 'throttled', error: ERROR },
  'refused (rejected)': { kind: 'refused', reason: 'rejected', error: ERROR },
  failed: { kind: 'failed', error: ERROR },
};

type Expected = [status: number, body: string, errorType?: string];

function shape(response: GatewayResponse): Expected {
  const errorType = response.headers.find(([name]) => name.toLowerCase() === 'x-amzn-errortype')?.[1];
  const shaped: Expected = [response.statusCode, response.body.toString()];
  if (errorType) shaped.push(errorType);
  return shaped;
}

function assertTable(answer: (outcome: IntegrationOutcome) => GatewayResponse, expected: Record<string, Expected>): void {
  for (const [name, outcome] of Object.entries(OUTCOMES)) assert.deepEqual(shape(answer(outcome)), expected[name], name);
}

for (const payloadFormatVersion of ['2.0', '1.0'] as const) {
  test(`HTTP-33 GEN-10 GEN-11 HTTP API, payload ${payloadFormatVersion}: the answer to every integration outcome`, () =>
    assertTable((outcome) => httpAnswer({ payloadFormatVersion }, outcome), {
      answered: [201, 'made'],
      'answered, malformed': [500, '{"message":"Internal Server Error"}'],
      'timed-out': [503, '{"message":"Service Unavailable"}'],
      'refused (throttled)': [500, '{"message":"Internal Server Error"}'],
      'refused (rejected)': [500, '{"message":"Internal Server Error"}'],
      failed: [500, '{"message":"Internal Server Error"}'],
    }));
}

test('REST-2 GEN-10 GEN-11 REST API, Lambda proxy: the answer to every integration outcome', () =>
  assertTable((outcome) => restProxyAnswer(outcome, false), {
    answered: [201, 'made'],
    'answered, malformed': [502, '{"message": "Internal server error"}'],
    'timed-out': [504, '{"message": "Endpoint request timed out"}'],
    'refused (throttled)': [500, '{"message": "Internal server error"}', 'InternalServerErrorException'],
    'refused (rejected)': [500, '{"message": "Internal server error"}', 'InternalServerErrorException'],
    failed: [502, '{"message": "Internal server error"}'],
  }));

const CUSTOM: RestMethodModel = {
  httpMethod: 'POST',
  function: 'f',
  integration: 'AWS',
  integrationTimeoutMs: 29_000,
  methodResponses: [
    { statusCode: '200', responseParameters: {} },
    { statusCode: '409', responseParameters: {} },
  ],
  integrationResponses: [
    { statusCode: '200', responseParameters: {} },
    { statusCode: '409', selectionPattern: 'bo+m', responseParameters: {} },
  ],
};
const SOURCES = { context: {}, stageVariables: {} };

test('REST-2 REST-11 REST API, Lambda custom: the answer to every integration outcome', () =>
  assertTable((outcome) => restCustomAnswer(CUSTOM, outcome, SOURCES), {
    answered: [200, '{"statusCode":201,"headers":{"x-a":"1"},"body":"made"}'],
    'answered, malformed': [200, '{"statusCode":100}'],
    'timed-out': [504, '{"message": "Endpoint request timed out"}'],
    'refused (throttled)': [500, '{"message": "Internal server error"}', 'InternalServerErrorException'],
    'refused (rejected)': [500, '{"message": "Internal server error"}', 'InternalServerErrorException'],
    failed: [409, '{"errorMessage":"boom","errorType":"Error","stackTrace":["Error: boom"]}'],
  }));
