/** The local TLS certificate that lets `https://${domainName}/${stage}` and `wss://` work on loopback. */

import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface TlsMaterial {
  /** PEM private key. */
  key: string;
  /** PEM certificate; handler runtimes and `hoplite connect` trust it. */
  cert: string;
}

const CERT_FILE = 'localhost-cert.pem';
const KEY_FILE = 'localhost-key.pem';
/** Renew a cached certificate this long before it expires. */
const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;
const VALID_FOR_MS = 365 * 24 * 60 * 60 * 1000;

/** Where the CLI keeps its certificate: `$XDG_CACHE_HOME/hoplite` or `~/.cache/hoplite`. */
export function defaultCertificateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'hoplite');
}

export function certificatePath(dir: string): string {
  return join(dir, CERT_FILE);
}

/** A fresh self-signed certificate for localhost, 127.0.0.1 and ::1 (EC P-256: about 30 ms). */
export async function generateLocalCertificate(): Promise<TlsMaterial> {
  // Loaded here: most starts reuse a certificate and never need the generator.
  const { generate } = await import('selfsigned');
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: 'Hoplite local gateway' }], {
    keyType: 'ec',
    curve: 'P-256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + VALID_FOR_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** Reuses the certificate cached in `dir`, or makes and caches a new one when missing or about to expire. */
export async function loadOrCreateLocalCertificate(dir: string): Promise<TlsMaterial> {
  try {
    const [cert, key] = await Promise.all([readFile(join(dir, CERT_FILE), 'utf8'), readFile(join(dir, KEY_FILE), 'utf8')]);
    if (new Date(new X509Certificate(cert).validTo).getTime() - Date.now() > RENEW_BEFORE_MS) return { key, cert };
  } catch {
    // Missing or unreadable: make a new one below.
  }
  const material = await generateLocalCertificate();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Write then rename so that two processes starting together never read half a file.
  const suffix = `.${process.pid}.tmp`;
  await writeFile(join(dir, KEY_FILE + suffix), material.key, { mode: 0o600 });
  await writeFile(join(dir, CERT_FILE + suffix), material.cert);
  await rename(join(dir, KEY_FILE + suffix), join(dir, KEY_FILE));
  await rename(join(dir, CERT_FILE + suffix), join(dir, CERT_FILE));
  return material;
}
