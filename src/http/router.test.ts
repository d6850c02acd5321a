import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRouter } from './router.ts';

const route = (key: string) => ({ key });

test('HTTP-11 the worked example of the docs', () => {
  const router = createRouter(['GET /pets/dog/1', 'GET /pets/dog/{id}', 'GET /pets/{proxy+}', 'ANY /{proxy+}', '$default'].map(route));
  const table: Array<[string, string, string, Record<string, string> | undefined]> = [
    ['GET', '/pets/dog/1', 'GET /pets/dog/1', undefined],
    ['GET', '/pets/dog/2', 'GET /pets/dog/{id}', { id: '2' }],
    ['GET', '/pets/cat/1', 'GET /pets/{proxy+}', { proxy: 'cat/1' }],
    ['POST', '/test/5', 'ANY /{proxy+}', { proxy: 'test/5' }],
    ['POST', '/', '$default', undefined],
  ];
  for (const [method, path, key, parameters] of table) {
    const match = router.match(method, path);
    assert.equal(match?.route.key, key, `${method} ${path}`);
    assert.deepEqual(match?.pathParameters, parameters, `${method} ${path}`);
  }
});

test('HTTP-11 the seed todo routes', () => {
  const router = createRouter(['GET /todos', 'POST /todos', 'DELETE /todos/{id}'].map(route));
  assert.equal(router.match('GET', '/todos')?.route.key, 'GET /todos');
  assert.equal(router.match('POST', '/todos')?.route.key, 'POST /todos');
  assert.deepEqual(router.match('DELETE', '/todos/e38e37c5')?.pathParameters, { id: 'e38e37c5' });
  assert.equal(router.match('PUT', '/todos'), undefined);
  assert.equal(router.match('DELETE', '/todos'), undefined);
  assert.equal(router.match('GET', '/todos/1/extra'), undefined);
});

test('HTTP-11 an exact method beats ANY on the same path; a literal beats a variable at the first difference', () => {
  const router = createRouter(['ANY /items/{id}', 'GET /items/{id}', 'GET /items/special', 'GET /{a}/special'].map(route));
  assert.equal(router.match('GET', '/items/7')?.route.key, 'GET /items/{id}');
  assert.equal(router.match('POST', '/items/7')?.route.key, 'ANY /items/{id}');
  assert.equal(router.match('GET', '/items/special')?.route.key, 'GET /items/special');
  assert.equal(router.match('GET', '/other/special')?.route.key, 'GET /{a}/special');
});

test('HTTP-11 a longer literal prefix before the greedy variable wins', () => {
  const router = createRouter(['ANY /{proxy+}', 'ANY /api/{proxy+}', 'GET /api/v1/{rest+}'].map(route));
  assert.equal(router.match('GET', '/api/v1/a/b')?.route.key, 'GET /api/v1/{rest+}');
  assert.equal(router.match('POST', '/api/v1/a/b')?.route.key, 'ANY /api/{proxy+}');
  assert.equal(router.match('GET', '/x')?.route.key, 'ANY /{proxy+}');
});

test('HTTP-12 HEAD does not match GET; a trailing slash is a segment; values are percent-decoded // spec: unverified', () => {
  const router = createRouter(['GET /pets', 'GET /pets/{name}', 'GET /files/{path+}'].map(route));
  assert.equal(router.match('HEAD', '/pets'), undefined);
  assert.equal(router.match('GET', '/pets/'), undefined);
  assert.deepEqual(router.match('GET', '/pets/caf%C3%A9%20au%20lait')?.pathParameters, { name: 'café au lait' });
  assert.deepEqual(router.match('GET', '/files/a%2Fb/c')?.pathParameters, { path: 'a/b/c' });
  assert.equal(router.match('GET', '/files'), undefined, 'a greedy variable needs one segment');
  assert.equal(router.match('GET', '/Pets'), undefined, 'literals are case-sensitive');
});

test('HTTP-11 no candidate and no $default: no match', () => {
  assert.equal(createRouter([route('GET /a')]).match('GET', '/b'), undefined);
  assert.equal(createRouter([route('GET /')]).match('GET', '/')?.route.key, 'GET /');
});
