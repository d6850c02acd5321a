/** REST-10 and REST-13: templates chosen by the request's Content-Type and Accept. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mediaTypeOf, passesThrough, requestTemplateFor, responseTemplateFor } from './template-selection.ts';

const TEMPLATES = { 'application/json': 'json', 'text/plain': 'text', 'application/xml': 'xml' };

test('REST-10 the media type only, without parameters and case; missing is application/json', () => {
  assert.equal(mediaTypeOf('Text/Plain; charset=utf-8'), 'text/plain');
  assert.equal(mediaTypeOf('  '), undefined);
  assert.deepEqual(requestTemplateFor(TEMPLATES, 'text/plain; charset=utf-8'), ['text/plain', 'text']);
  assert.deepEqual(requestTemplateFor(TEMPLATES, undefined), ['application/json', 'json']);
  assert.deepEqual(requestTemplateFor({ 'Application/JSON': 'j' }, 'application/json'), ['Application/JSON', 'j']);
  assert.equal(requestTemplateFor(TEMPLATES, 'text/csv'), undefined);
  assert.equal(requestTemplateFor({ 'text/plain': 't' }, undefined), undefined);
});

test('REST-10 passthroughBehavior: WHEN_NO_MATCH passes, WHEN_NO_TEMPLATES only with no template at all, NEVER never', () => {
  assert.deepEqual(
    [
      passesThrough(undefined, true),
      passesThrough('WHEN_NO_MATCH', true),
      passesThrough('WHEN_NO_TEMPLATES', false),
      passesThrough('WHEN_NO_TEMPLATES', true),
      passesThrough('NEVER', false),
    ],
    [true, true, true, false, false],
  );
});

test('REST-13 by Accept: the first listed type with a template; missing Accept is application/json', () => {
  assert.deepEqual(responseTemplateFor(TEMPLATES, 'application/xml'), ['application/xml', 'xml']);
  // spec: unverified (the order as listed, q ignored)
  assert.deepEqual(responseTemplateFor(TEMPLATES, 'text/html, text/plain;q=0.5, application/xml'), ['text/plain', 'text']);
  assert.deepEqual(responseTemplateFor(TEMPLATES, undefined), ['application/json', 'json']);
});

test('REST-13 no template for the Accept: application/json if defined, else the first; none: undefined (the body passes)', () => {
  assert.deepEqual(responseTemplateFor(TEMPLATES, '*/*'), ['application/json', 'json']);
  assert.deepEqual(responseTemplateFor({ 'text/plain': 't', 'application/xml': 'x' }, 'image/png'), ['text/plain', 't']);
  assert.equal(responseTemplateFor({}, 'application/json'), undefined);
});
