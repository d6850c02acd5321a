/**
 * `provider.apiGateway.apiKeys` and `usagePlan` for the REST API's `private: true` methods, as the Framework
 * deploys them: the keys (a name, or `{ name, value }`) and one usage plan `<service>-<stage>` on the API's stage
 * holding every key, with the plan's quota and throttle. A key without a value gets one derived from the service,
 * stage and name (AWS would generate it), which `hoplite dev` prints.
 */
import { createHash } from 'node:crypto';
import type { ApiKeyModel, RestApiModel, UsagePlanModel } from '../../model/types.ts';
import { isRecord } from '../serverless/checker.ts';
import type { ServerlessService } from '../serverless/types.ts';
import { eventPath, type MappingReport } from './report.ts';

const PERIODS = ['DAY', 'WEEK', 'MONTH'] as const;

export interface MappedApiKeys {
  apiKeys?: ApiKeyModel[];
  usagePlans?: UsagePlanModel[];
}

export function mapApiKeys(service: ServerlessService, api: RestApiModel | undefined, report: MappingReport): MappedApiKeys {
  const settings = service.provider.apiGateway ?? {};
  const keys = ['provider', 'apiGateway'];
  const declared = Array.isArray(settings.apiKeys) ? settings.apiKeys : [];
  if (!api) {
    if (declared.length > 0) report.warn([...keys, 'apiKeys'], 'provider.apiGateway.apiKeys are not created: the service has no http events');
    return {};
  }
  const apiKeys: ApiKeyModel[] = [];
  declared.forEach((entry, index) => {
    const at = [...keys, 'apiKeys', index];
    if (typeof entry === 'string') apiKeys.push({ name: entry, value: derivedValue(service, entry) });
    else if (isRecord(entry) && typeof entry.name === 'string') {
      apiKeys.push({ name: entry.name, value: typeof entry.value === 'string' ? entry.value : derivedValue(service, entry.name) });
    } else report.fail(at, 'expected a key name, or { name, value }; keys grouped by usage plan are not read yet');
  });
  if (apiKeys.length === 0) {
    const first = firstPrivateEvent(service, report);
    if (first) report.fail(first.keys, `expected provider.apiGateway.apiKeys: ${first.path} is private, and no client could call it without a key`);
    return {};
  }
  const plan: UsagePlanModel = {
    name: `${service.service}-${service.provider.stage}`,
    apiStages: [{ api: api.name, stage: api.stage.name }],
    apiKeys: apiKeys.map((key) => key.name),
  };
  const usagePlan = isRecord(settings.usagePlan) ? settings.usagePlan : undefined;
  if (Array.isArray(settings.usagePlan)) report.warn([...keys, 'usagePlan'], 'several usage plans are not read yet: one plan holds every key');
  const throttle = isRecord(usagePlan?.throttle) ? usagePlan.throttle : undefined;
  if (throttle && typeof throttle.burstLimit === 'number' && typeof throttle.rateLimit === 'number') {
    plan.throttle = { burstLimit: throttle.burstLimit, rateLimit: throttle.rateLimit };
  }
  const quota = isRecord(usagePlan?.quota) ? usagePlan.quota : undefined;
  if (quota && typeof quota.limit === 'number') {
    const period = PERIODS.find((candidate) => candidate === quota.period);
    if (!period) report.fail([...keys, 'usagePlan', 'quota', 'period'], `expected DAY, WEEK or MONTH, got ${JSON.stringify(quota.period)}`);
    else plan.quota = { limit: quota.limit, period, ...(typeof quota.offset === 'number' ? { offset: quota.offset } : {}) };
  }
  return { apiKeys, usagePlans: [plan] };
}

function firstPrivateEvent(service: ServerlessService, report: MappingReport): { keys: (string | number)[]; path: string } | undefined {
  for (const fn of service.functions) {
    const event = fn.events.find((candidate) => candidate.type === 'http' && candidate.private);
    if (event?.type === 'http') return { keys: [...eventPath(report.positions, fn.key, fn.events, event), 'private'], path: event.path };
  }
  return undefined;
}

/** Stable across runs, so a test suite can keep using the value `hoplite dev` printed. */
function derivedValue(service: ServerlessService, name: string): string {
  return createHash('sha256').update(`${service.service}\0${service.provider.stage}\0${name}`).digest('hex').slice(0, 40);
}
