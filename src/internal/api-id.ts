/** GEN-4: an API's id, derived from names alone so that importers can print it before any gateway listens. */
import { createHash } from 'node:crypto';

/** GEN-4: 10 lowercase alphanumerics, stable for a service and API name so URLs and ARNs survive restarts. */
export function apiIdFor(serviceName: string, apiName: string): string {
  const digest = createHash('sha256').update(`${serviceName}\0${apiName}`).digest();
  let id = '';
  for (let i = 0; id.length < 10; i++) id += ((digest[i] as number) % 36).toString(36);
  return id;
}
