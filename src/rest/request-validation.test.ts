/** REST-33..35: what a method's validator refuses, and that methods without one get no check at all. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RestApiModel, RestMethodModel } from '../model/types.ts';
import { modelCompiler } from '../validation/index.ts';
import { requestCheckOf, type ValidatedRequest } from './request-validation.ts';

const API: RestApiModel = {
  protocol: 'REST',
  name: 'shop',
  stage: { name: 'prod', variables: {} },
  binaryMediaTypes: [],
  resources: [],
  models: {
    Order: { contentType: 'application/json', schema: { type: 'object', required: ['item'], properties: { item: { type: 'string' } } } },
    Text: { contentType: 'text/plain', schema: { type: 'string', minLength: 2 } },
  },
  requestValidators: [
    { name: 'all', validateRequestBody: true, validateRequestParameters: true },
    { name: 'body', validateRequestBody: true, validateRequestParameters: false },
    { name: 'none', validateRequestBody: false, validateRequestParameters: false },
  ],
};
const METHOD: RestMethodModel = {
  httpMethod: 'POST',
  function: 'f',
  integration: 'AWS_PROXY',
  integrationTimeoutMs: 29_000,
  methodResponses: [],
  integrationResponses: [],
  requestValidatorId: 'all',
  requestParameters: {
    'method.request.querystring.q': true,
    'method.request.header.X-Tenant': true,
    'method.request.path.id': true,
    'method.request.querystring.page': false,
  },
  requestModels: { 'application/json': 'Order' },
};
const request = (overrides: Partial<ValidatedRequest> = {}): ValidatedRequest => ({
  rawHeaders: ['X-Tenant', 't1', 'Content-Type', 'application/json; charset=utf-8'],
  rawQuery: 'q=shoes',
  pathParameters: { id: '7' },
  body: Buffer.from('{"item":"shoe"}'),
  ...overrides,
});
const checkOf = (method: RestMethodModel) => requestCheckOf(API, method, modelCompiler());

test('REST-33 no validator, a validator that checks nothing, or nothing to check: no check is built', () => {
  const { requestValidatorId: _, ...unvalidated } = METHOD;
  assert.equal(checkOf(unvalidated), undefined);
  assert.equal(checkOf({ ...METHOD, requestValidatorId: 'none' }), undefined);
  assert.equal(checkOf({ ...METHOD, requestValidatorId: 'body', requestModels: {} }), undefined);
});

test('REST-34 required parameters present and not blank pass; missing ones are listed in declaration order', () => {
  const check = checkOf(METHOD);
  assert.ok(check);
  assert.equal(check(request()), undefined);
  const message = 'Missing required request parameters: [q, X-Tenant]';
  assert.deepEqual(check(request({ rawHeaders: ['X-Tenant', '  '], rawQuery: 'q=&page=2' })), {
    type: 'BAD_REQUEST_PARAMETERS',
    message,
    validationErrorString: message,
  });
  // Header names are matched in any case; the last of repeated query values counts.
  assert.equal(check(request({ rawHeaders: ['x-tenant', 't'], rawQuery: 'q=&q=b', body: Buffer.from('{"item":"x"}') })), undefined);
});

test('REST-34 parameters are checked before the body // spec: unverified', () => {
  const check = checkOf(METHOD);
  assert.equal(check?.(request({ rawQuery: '', body: Buffer.from('[]') }))?.type, 'BAD_REQUEST_PARAMETERS');
});

test('REST-35 the body against the model of its media type; not JSON, or failing the schema, is Invalid request body', () => {
  const check = checkOf(METHOD);
  assert.ok(check);
  assert.deepEqual(check(request({ body: Buffer.from('{"item":1}') })), {
    type: 'BAD_REQUEST_BODY',
    message: 'Invalid request body',
    validationErrorString: '[/item must be string]',
  });
  assert.deepEqual(check(request({ body: Buffer.from('{') })), {
    type: 'BAD_REQUEST_BODY',
    message: 'Invalid request body',
    validationErrorString: '[Invalid JSON]',
  });
  // spec: unverified — an empty body is validated as {}.
  assert.equal(check(request({ body: undefined }))?.validationErrorString, "[object must have required property 'item']");
});

test('REST-35 a missing content type is application/json; no model for the media type means no body check; $default applies to any', () => {
  const check = checkOf(METHOD);
  assert.ok(check);
  assert.equal(check(request({ rawHeaders: ['X-Tenant', 't'], body: Buffer.from('{}') }))?.type, 'BAD_REQUEST_BODY');
  assert.equal(check(request({ rawHeaders: ['X-Tenant', 't', 'Content-Type', 'text/csv'], body: Buffer.from('a,b') })), undefined);
  const withDefault = checkOf({ ...METHOD, requestParameters: {}, requestModels: { 'text/plain': 'Text', $default: 'Order' } });
  assert.ok(withDefault);
  assert.equal(withDefault(request({ rawHeaders: ['Content-Type', 'text/csv'], body: Buffer.from('{"item":"x"}') })), undefined);
  assert.equal(
    withDefault(request({ rawHeaders: ['Content-Type', 'Text/Plain'], body: Buffer.from('"x"') }))?.validationErrorString,
    '[object must NOT have fewer than 2 characters]',
  );
});
