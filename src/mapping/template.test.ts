/** Mapping templates rendered with API Gateway's WebSocket objects (MAP-20, MAP-30). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TemplateInputs } from './objects.ts';
import { compileTemplate, MAX_FOREACH_ITERATIONS } from './template.ts';

const CONTEXT = {
  connectionId: 'L0SM9cOFvHcCIhw=',
  routeKey: 'sendmessage',
  requestId: 'req-1',
  eventType: 'MESSAGE',
  stage: 'dev',
  apiId: 'abc123',
  domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
};

function inputs(body: string, extra: Partial<TemplateInputs> = {}): TemplateInputs {
  return { body, context: CONTEXT, stageVariables: {}, ...extra };
}

const render = (source: string, body = '{}', extra: Partial<TemplateInputs> = {}) => compileTemplate(source).render(inputs(body, extra));

test('MAP-20 the spec example request template renders byte for byte', () => {
  const source = [
    '{',
    '  "cid": "$context.connectionId",',
    '  "route": "$context.routeKey",',
    '  "callback": "https://$context.domainName/$context.stage",',
    '  "message": $input.json(\'$\')',
    '}',
  ].join('\n');
  const body = '{"action":"sendmessage","text":"hi"}';
  assert.equal(
    render(source, body),
    [
      '{',
      '  "cid": "L0SM9cOFvHcCIhw=",',
      '  "route": "sendmessage",',
      '  "callback": "https://abc123.execute-api.us-east-1.amazonaws.com/dev",',
      '  "message": {"action":"sendmessage","text":"hi"}',
      '}',
    ].join('\n'),
  );
});

test('MAP-22 the spec example MOCK request template renders as written', () => {
  assert.equal(render('{"statusCode": 200}'), '{"statusCode": 200}');
});

test('MAP-30 $input.body, $input.json and $input.path read the message', () => {
  const body = '{"a":{"b":"x","n":[1,2,3]}}';
  assert.equal(render('$input.body', body), body);
  assert.equal(render("$input.json('$.a.b')|$input.json('$.a.n')|$input.json('$.a.none')", body), '"x"|[1,2,3]|');
  assert.equal(render("$input.path('$.a.b')|$input.path('$.a.n').size()|$input.path('$.a.n[1]')", body), 'x|3|2');
  assert.equal(render("#set($v = $input.path('$.none'))#if($v)set#{else}null#end", body), 'null');
  assert.equal(render("$input.json('$')", 'not json'), '');
});

test('MAP-30 $context carries the WebSocket fields, the authorizer and identity', () => {
  const source = '$context.eventType $context.requestId $context.apiId $context.authorizer.principalId $context.authorizer.tier [$context.identity.sourceIp]';
  assert.equal(render(source, '{}', { context: { ...CONTEXT, authorizer: { principalId: 'user-1', tier: 'gold' } } }), 'MESSAGE req-1 abc123 user-1 gold []');
  assert.equal(render('[$context.authorizer.principalId][$context.messageId]'), '[][]');
});

test('MAP-30 $stageVariables by property and by index', () => {
  assert.equal(render("$stageVariables.region/$stageVariables['region']", '{}', { stageVariables: { region: 'eu' } }), 'eu/eu');
});

test('MAP-30 $util functions', () => {
  assert.equal(render('$util.escapeJavaScript($input.body)', `it's "q"\n\\`), `it\\'s \\"q\\"\\n\\\\`);
  assert.equal(render('#set($o = $util.parseJson($input.body))$o.a.b', '{"a":{"b":7}}'), '7');
  assert.equal(render('$util.base64Encode("héllo")|$util.base64Decode("aMOpbGxv")'), 'aMOpbGxv|héllo');
  assert.equal(render('$util.urlEncode("a b&c=d/é")|$util.urlDecode("a+b%26c")'), 'a+b%26c%3Dd%2F%C3%A9|a b&c');
});

test('MAP-30 Java-style string, list and map methods', () => {
  const body = '{"s":"a-bb-c","l":["x","y"],"m":{"k":1,"j":2}}';
  assert.equal(
    render(
      "#set($s = $input.path('$.s'))#set($l = $input.path('$.l'))#set($m = $input.path('$.m'))$s.length() $s.contains('bb') $s.replaceAll('-+', '_') $l.size() $l.contains('y') $m.keySet() $m.get('j') $m.size()",
      body,
    ),
    '6 true a_bb_c 2 true [k, j] 2 2',
  );
});

test('MAP-30 #foreach with $foreach.hasNext, #if/#elseif/#else', () => {
  const source = "[#foreach($x in $input.path('$.l'))#if($x == 1)one#elseif($x == 2)two#{else}$x#end#if($foreach.hasNext),#end#end]";
  assert.equal(render(source, '{"l":[1,2,3]}'), '[one,two,3]');
});

test(`MAP-30 #foreach stops after ${MAX_FOREACH_ITERATIONS} iterations`, () => {
  const list = JSON.stringify({ l: Array.from({ length: 1_500 }, (_, i) => i) });
  assert.equal(render("#set($n = 0)#foreach($x in $input.path('$.l'))#set($n = $n + 1)#end$n", list), String(MAX_FOREACH_ITERATIONS));
});

test('MAP-30 a template is compiled once and renders again with fresh state', () => {
  const template = compileTemplate("#set($n = $input.path('$.n'))$n");
  assert.equal(template.render(inputs('{"n":1}')), '1');
  assert.equal(template.render(inputs('{"n":2}')), '2');
});

test('MAP-30 a template that does not parse is a SyntaxError at compile time', () => {
  assert.throws(() => compileTemplate('#if('), SyntaxError);
});

test('MAP-30 directives API Gateway does not run are named with their line; they render nothing', () => {
  const template = compileTemplate('a#include("x.vm")\n#parse("y")#evaluate("$z")\n#macro(shout $s)$s!#end#shout("hi")#nosuch(1)b');
  assert.deepEqual(template.unsupported, ['#include (line 1)', '#parse (line 2)', '#evaluate (line 2)', '#nosuch (line 3)']);
  assert.equal(template.render({ body: '{}', context: CONTEXT, stageVariables: {} }), 'ahi!b');
  assert.deepEqual(compileTemplate('#if($a)x#end').unsupported, []);
});

const REST_CONTEXT = {
  requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  resourcePath: '/items/{id}',
  httpMethod: 'POST',
  stage: 'prod',
  apiId: 'a1b2c3d4e5',
  path: '/prod/items/42',
  identity: { sourceIp: '198.51.100.7', userAgent: 'curl/8.5.0', apiKey: 'k-1' },
  authorizer: { principalId: 'user-1', tier: 'gold' },
};
const PARAMS = { path: { id: '42' }, querystring: { q: 'shoes', id: 'query-id' }, header: { 'X-Tenant': 't1', Accept: '*/*' } };

test('REST-51 $context of a REST request: its fields, identity and authorizer; unknown identity fields are empty', () => {
  const source =
    '$context.requestId|$context.resourcePath|$context.httpMethod|$context.stage|$context.path|$context.identity.sourceIp|$context.identity.userAgent|$context.identity.apiKey|[$context.identity.caller]|$context.authorizer.principalId|$context.authorizer.tier';
  assert.equal(
    compileTemplate(source).render({ body: '', context: REST_CONTEXT, stageVariables: {}, params: PARAMS }),
    'c6af9ac6-7b61-11e6-9a41-93e8deadbeef|/items/{id}|POST|prod|/prod/items/42|198.51.100.7|curl/8.5.0|k-1|[]|user-1|gold',
  );
  assert.equal(
    compileTemplate('[$context.authorizer.principalId]').render({
      body: '',
      context: { ...REST_CONTEXT, authorizer: undefined },
      stageVariables: {},
      params: PARAMS,
    }),
    '[]',
  );
});

test('REST-51 $input.params(name) looks in path, then query string, then headers (any case); params() has the three maps', () => {
  // spec: unverified (header names in any case)
  const source =
    "$input.params('id')|$input.params('q')|$input.params('x-tenant')|[$input.params('none')]|$input.params().path.id|$input.params().querystring.get('q')|$input.params().header.keySet()";
  assert.equal(
    compileTemplate(source).render({ body: '{}', context: REST_CONTEXT, stageVariables: {}, params: PARAMS }),
    '42|shoes|t1|[]|42|shoes|[X-Tenant, Accept]',
  );
});

test('REST-51 WebSocket templates still see no parameters', () => {
  assert.equal(render("[$input.params('id')]$input.params().path.size()"), '[]0');
});
