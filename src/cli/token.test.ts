/** `hoplite token`: its argument parsing, its errors as one line, and a token the issuer in `.hoplite/` signed. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { importJWK, jwtVerify } from 'jose';
import { loadOrCreateSigningKey, type SigningKey, signingKeyPath } from '../auth/local-issuer/index.ts';
import { writeDevState } from './dev-state.ts';
import type { CliIo } from './io.ts';
import { main } from './main.ts';
import { parseClaim, parseExpiresIn, TOKEN_USAGE } from './token.ts';

function memoryIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        append(chunk.toString());
        callback();
      },
    });
  return {
    stdin: new PassThrough(),
    stdout: sink((text) => (out += text)),
    stderr: sink((text) => (err += text)),
    env: {},
    out: () => out,
    err: () => err,
  };
}

const ISSUER = 'http://127.0.0.1:3004/local-issuer';
let dir: string;
let key: SigningKey;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hoplite-token-'));
  key = await loadOrCreateSigningKey(dir);
  const localIssuer = { issuer: ISSUER, signingKeyFile: signingKeyPath(dir), audiences: ['todo-web', 'todo-cli'] };
  await writeDevState(dir, { pid: process.pid, services: [{ name: 'todo', lambdaEndpoint: 'http://127.0.0.1:3004', functions: [], localIssuer }] });
});

after(() => rm(dir, { recursive: true, force: true }));

async function tokenClaims(argv: string[]): Promise<{ claims: Record<string, unknown>; header: Record<string, unknown> }> {
  const io = memoryIo();
  assert.equal(await main(['token', ...argv], io, dir), 0, io.err());
  const token = io.out().trim();
  const verified = await jwtVerify(token, await importJWK(key.publicJwk, 'RS256'), { issuer: ISSUER });
  return { claims: verified.payload as Record<string, unknown>, header: verified.protectedHeader as Record<string, unknown> };
}

describe('hoplite token', () => {
  test('AUTH-22 defaults: sub local-user, the first audience, one hour, signed RS256 with the kid of the key in .hoplite/', async () => {
    const { claims, header } = await tokenClaims([]);
    const iat = claims.iat as number;
    assert.deepStrictEqual(claims, { iss: ISSUER, sub: 'local-user', aud: 'todo-web', iat, exp: iat + 3600 });
    assert.deepStrictEqual(header, { alg: 'RS256', kid: key.kid, typ: 'JWT' });
  });

  test('AUTH-23 AUTH-24 --sub, --scope, --aud, --claim (JSON values as JSON), --expires-in', async () => {
    const { claims } = await tokenClaims([
      '--sub',
      'alice',
      '--scope',
      'todos/read todos/write',
      '--aud',
      'todo-cli',
      '--claim',
      'cognito:groups=["admin","editors"]',
      '--claim',
      'email=alice@example.com',
      '--claim',
      'admin=true',
      '--expires-in',
      '15m',
    ]);
    const iat = claims.iat as number;
    assert.deepStrictEqual(claims, {
      iss: ISSUER,
      sub: 'alice',
      aud: 'todo-cli',
      scope: 'todos/read todos/write',
      iat,
      exp: iat + 900,
      'cognito:groups': ['admin', 'editors'],
      email: 'alice@example.com',
      admin: true,
    });
  });

  test('--help prints the usage; hoplite help token too', async () => {
    for (const argv of [
      ['token', '--help'],
      ['help', 'token'],
    ]) {
      const io = memoryIo();
      assert.equal(await main(argv, io, dir), 0);
      assert.equal(io.out(), `${TOKEN_USAGE}\n`);
    }
  });

  test('errors are one clear line', async () => {
    const cases: Array<[string[], string, string]> = [
      [['--expires-in', 'soon'], dir, 'error: --expires-in: expected seconds or a number with s, m, h or d such as 1h, got "soon"\n'],
      [['--claim', 'novalue'], dir, 'error: --claim: expected name=value, got "novalue"\n'],
      [['--service', 'chat'], dir, 'error: --service: no service "chat" runs here (services: todo)\n'],
      [['alice'], dir, 'error: unexpected argument "alice"; claims go in --claim name=value\n'],
      [[], tmpdir(), 'error: no hoplite dev is running in this folder: start one first\n'],
    ];
    for (const [argv, cwd, message] of cases) {
      const io = memoryIo();
      assert.equal(await main(['token', ...argv], io, cwd), 1, argv.join(' '));
      assert.equal(io.err(), message);
    }
  });

  test('parseExpiresIn and parseClaim', () => {
    assert.deepStrictEqual(['3600', '90s', '15m', '1h', '7d'].map(parseExpiresIn), [3600, 90, 900, 3600, 604800]);
    assert.throws(() => parseExpiresIn('0'), /--expires-in/);
    assert.deepStrictEqual(parseClaim('n=3'), ['n', 3]);
    assert.deepStrictEqual(parseClaim('url=a=b'), ['url', 'a=b']);
    assert.deepStrictEqual(parseClaim('empty='), ['empty', '']);
  });
});
