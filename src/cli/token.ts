/** `hoplite token`: prints a JWT the local OpenID issuer of the running `hoplite dev` accepts (AUTH-20..24). */
import { parseArgs } from 'node:util';
import { mintToken, readSigningKey } from '../auth/local-issuer/index.ts';
import { HopliteError } from '../errors.ts';
import { type DevLocalIssuer, readDevState } from './dev-state.ts';
import type { CliIo } from './io.ts';

export const TOKEN_USAGE = `Usage: hoplite token [options]

Prints a JWT signed by the local OpenID issuer of the hoplite dev running in this folder: routes whose JWT
authorizer trusts localIssuer accept it. Send it as "Authorization: Bearer <token>".

Options:
      --sub <subject>       the sub claim (default: local-user)
      --scope <scopes>      the scope claim, scopes separated by spaces (default: none), e.g. 'todos/read todos/write'
      --aud <audience>      the aud claim (default: the first audience of an authorizer that trusts the local issuer)
      --claim <name=value>  a further claim, repeatable; a value that reads as JSON is JSON (admin=true, n=3, "[1,2]")
      --expires-in <time>   how long it is valid: seconds, or a number with s, m, h or d (default: 1h)
      --service <name>      the service whose issuer signs, when several run (default: the only one with an issuer)
  -h, --help                show this help`;

const UNITS_S: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `3600`, `90s`, `15m`, `1h`, `7d` as seconds. */
export function parseExpiresIn(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * (UNITS_S[match[2] || 's'] as number) : Number.NaN;
  if (!(seconds > 0)) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--expires-in: expected seconds or a number with s, m, h or d such as 1h, got "${text}"`);
  return seconds;
}

/** `name=value`: the value as JSON when it reads as JSON, else the text. */
export function parseClaim(text: string): [string, unknown] {
  const at = text.indexOf('=');
  if (at <= 0) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--claim: expected name=value, got "${text}"`);
  const raw = text.slice(at + 1);
  try {
    return [text.slice(0, at), JSON.parse(raw)];
  } catch {
    return [text.slice(0, at), raw];
  }
}

function chooseIssuer(services: ReadonlyArray<{ name: string; localIssuer?: DevLocalIssuer }>, wanted: string | undefined): DevLocalIssuer {
  const withIssuer = services.filter((service) => service.localIssuer !== undefined);
  if (wanted !== undefined) {
    const service = services.find((candidate) => candidate.name === wanted);
    if (!service)
      throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--service: no service "${wanted}" runs here (services: ${services.map((s) => s.name).join(', ')})`);
    if (!service.localIssuer) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `--service: no JWT authorizer of ${wanted} trusts localIssuer`);
    return service.localIssuer;
  }
  if (withIssuer.length === 0) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', 'no JWT authorizer of the running hoplite dev trusts localIssuer');
  if (withIssuer.length > 1) {
    throw new HopliteError(
      'HOPLITE_ERR_CLI_USAGE',
      `several services have a local issuer: choose one with --service (${withIssuer.map((s) => s.name).join(', ')})`,
    );
  }
  return (withIssuer[0] as { localIssuer: DevLocalIssuer }).localIssuer;
}

export async function runToken(argv: string[], io: CliIo, cwd: string, nowMs = Date.now()): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      sub: { type: 'string' },
      scope: { type: 'string' },
      aud: { type: 'string' },
      claim: { type: 'string', multiple: true },
      'expires-in': { type: 'string' },
      service: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(`${TOKEN_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `unexpected argument "${positionals[0]}"; claims go in --claim name=value`);
  const expiresInSeconds = parseExpiresIn(values['expires-in'] ?? '1h');
  const claims = Object.fromEntries((values.claim ?? []).map(parseClaim));
  const state = await readDevState(cwd);
  if (!state) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', 'no hoplite dev is running in this folder: start one first');
  const issuer = chooseIssuer(state.services, values.service);
  const key = await readSigningKey(issuer.signingKeyFile).catch((error: Error) => {
    throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `cannot read the local issuer's key ${issuer.signingKeyFile}: ${error.message}`);
  });
  if (!key) throw new HopliteError('HOPLITE_ERR_CLI_USAGE', `the local issuer's key ${issuer.signingKeyFile} is gone: restart hoplite dev`);
  const token = await mintToken(key, {
    issuer: issuer.issuer,
    subject: values.sub ?? 'local-user',
    audience: values.aud ?? issuer.audiences[0],
    scope: values.scope,
    claims,
    expiresInSeconds,
    nowMs,
  });
  io.stdout.write(`${token}\n`);
  return 0;
}
