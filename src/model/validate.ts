/** The one place a definition is checked: every problem is reported with its field path and what was expected. */
import { ConfigError, type ConfigIssue } from '../errors.ts';
import { checkSelectionExpression } from '../expressions/index.ts';
import { INTEGRATION_TIMEOUT_RANGE_MS, LAMBDA_LIMITS, MAX_ROUTES_PER_API } from '../limits.ts';
import type { ServiceModel } from './types.ts';

const RESERVED_ROUTE_KEYS = new Set(['$connect', '$disconnect', '$default']);
/** Lambda function names: letters, digits, hyphens, underscores, 1–64 characters. */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** API Gateway stage names. */
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
/** Environment variable keys as Lambda accepts them. */
const ENV_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
/** DynamoDB table names. */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

class Checker {
  readonly issues: ConfigIssue[] = [];

  fail(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  isObject(value: unknown, path: string): value is Record<string, unknown> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return true;
    this.fail(path, `expected an object, got ${describe(value)}`);
    return false;
  }

  isArray(value: unknown, path: string): value is unknown[] {
    if (Array.isArray(value)) return true;
    this.fail(path, `expected an array, got ${describe(value)}`);
    return false;
  }

  string(value: unknown, path: string, pattern?: RegExp, expected?: string): value is string {
    if (typeof value !== 'string' || (pattern && !pattern.test(value))) {
      this.fail(path, `expected ${expected ?? 'a string'}, got ${describe(value)}`);
      return false;
    }
    return true;
  }

  integer(value: unknown, path: string, min: number, max: number, unit: string): value is number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `expected an integer from ${min} to ${max} (${unit}), got ${describe(value)}`);
      return false;
    }
    return true;
  }

  stringMap(value: unknown, path: string, keyPattern?: RegExp): void {
    if (!this.isObject(value, path)) return;
    for (const [key, entry] of Object.entries(value)) {
      if (keyPattern && !keyPattern.test(key)) this.fail(`${path}.${key}`, 'expected a key of letters, digits and underscores, starting with a letter');
      if (typeof entry !== 'string') this.fail(`${path}.${key}`, `expected a string, got ${describe(entry)}`);
    }
  }
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/**
 * Checks a definition and returns it typed. Throws a ConfigError naming `source` and every wrong field.
 * Nothing downstream re-validates.
 */
export function validateService(input: unknown, source: string): ServiceModel {
  const check = new Checker();
  if (!check.isObject(input, '(service)')) throw new ConfigError(source, check.issues);
  check.string(input.name, 'name', /^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'a service name of letters, digits and hyphens, starting with a letter');

  const functionNames = new Set<string>();
  if (check.isArray(input.functions, 'functions')) {
    input.functions.forEach((fn, i) => {
      const path = `functions[${i}]`;
      if (!check.isObject(fn, path)) return;
      if (check.string(fn.name, `${path}.name`, FUNCTION_NAME, 'a function name of 1-64 letters, digits, hyphens or underscores')) {
        if (functionNames.has(fn.name)) check.fail(`${path}.name`, `expected a unique function name, "${fn.name}" is defined twice`);
        functionNames.add(fn.name);
      }
      check.string(fn.handler, `${path}.handler`, /^[^#]+(#[A-Za-z_$][\w$]*)?$/, 'a handler "path/to/file.ts#exportName"');
      const { timeoutSeconds, memoryMb } = LAMBDA_LIMITS;
      check.integer(fn.timeoutSeconds, `${path}.timeoutSeconds`, timeoutSeconds.min, timeoutSeconds.max, 'seconds');
      check.integer(fn.memoryMb, `${path}.memoryMb`, memoryMb.min, memoryMb.max, 'MB');
      check.stringMap(fn.environment, `${path}.environment`, ENV_KEY);
      check.isArray(fn.policies, `${path}.policies`);
    });
  }

  const tableNames = new Set<string>();
  if (check.isArray(input.tables, 'tables')) {
    input.tables.forEach((table, i) => {
      const path = `tables[${i}]`;
      if (!check.isObject(table, path)) return;
      if (check.string(table.name, `${path}.name`, TABLE_NAME, 'a table name of 3-255 letters, digits, "_", "-" or "."')) {
        if (tableNames.has(table.name)) check.fail(`${path}.name`, `expected a unique table name, "${table.name}" is defined twice`);
        tableNames.add(table.name);
      }
      for (const keyField of ['partitionKey', 'sortKey'] as const) {
        const key = table[keyField];
        if (key === undefined && keyField === 'sortKey') continue;
        if (!check.isObject(key, `${path}.${keyField}`)) continue;
        check.string(key.name, `${path}.${keyField}.name`, /^.{1,255}$/, 'an attribute name');
        check.string(key.type, `${path}.${keyField}.type`, /^[SNB]$/, '"S", "N" or "B"');
      }
      if (check.isObject(table.billing, `${path}.billing`)) {
        if (table.billing.mode === 'PROVISIONED') {
          check.integer(table.billing.readCapacity, `${path}.billing.readCapacity`, 1, 40_000, 'read capacity units');
          check.integer(table.billing.writeCapacity, `${path}.billing.writeCapacity`, 1, 40_000, 'write capacity units');
        } else if (table.billing.mode !== 'PAY_PER_REQUEST') {
          check.fail(`${path}.billing.mode`, `expected "PROVISIONED" or "PAY_PER_REQUEST", got ${describe(table.billing.mode)}`);
        }
      }
    });
  }

  const apiNames = new Set<string>();
  if (check.isArray(input.apis, 'apis')) {
    input.apis.forEach((api, i) => {
      const path = `apis[${i}]`;
      if (!check.isObject(api, path)) return;
      if (api.protocol !== 'WEBSOCKET') {
        check.fail(`${path}.protocol`, `expected "WEBSOCKET", got ${describe(api.protocol)}`);
        return;
      }
      if (check.string(api.name, `${path}.name`, /^.{1,128}$/, 'an API name of 1-128 characters')) {
        if (apiNames.has(api.name)) check.fail(`${path}.name`, `expected a unique API name, "${api.name}" is defined twice`);
        apiNames.add(api.name);
      }
      if (
        check.string(api.routeSelectionExpression, `${path}.routeSelectionExpression`, /^.+$/, 'a route selection expression such as "$request.body.action"')
      ) {
        const problem = checkSelectionExpression(api.routeSelectionExpression);
        if (problem) check.fail(`${path}.routeSelectionExpression`, `expected a selection expression such as "$request.body.action" (WS-21): ${problem}`);
      }
      if (check.isObject(api.stage, `${path}.stage`)) {
        check.string(api.stage.name, `${path}.stage.name`, STAGE_NAME, 'a stage name of letters, digits, hyphens or underscores');
        check.stringMap(api.stage.variables, `${path}.stage.variables`, /^[A-Za-z0-9_]+$/);
      }
      if (!check.isArray(api.routes, `${path}.routes`)) return;
      if (api.routes.length > MAX_ROUTES_PER_API)
        check.fail(`${path}.routes`, `expected at most ${MAX_ROUTES_PER_API} routes (WS-72), got ${api.routes.length}`);
      const keys = new Set<string>();
      api.routes.forEach((route, j) => {
        const routePath = `${path}.routes[${j}]`;
        if (!check.isObject(route, routePath)) return;
        if (check.string(route.key, `${routePath}.key`, /^.{1,128}$/, 'a route key')) {
          // WS-2: only the reserved keys may start with `$`.
          if (route.key.startsWith('$') && !RESERVED_ROUTE_KEYS.has(route.key)) {
            check.fail(`${routePath}.key`, `expected $connect, $disconnect, $default or a custom key not starting with "$", got "${route.key}"`);
          }
          if (keys.has(route.key)) check.fail(`${routePath}.key`, `expected a unique route key, "${route.key}" is defined twice`);
          keys.add(route.key);
        }
        if (check.string(route.function, `${routePath}.function`) && !functionNames.has(route.function)) {
          check.fail(`${routePath}.function`, `expected the name of a function of this service, "${route.function}" is not defined`);
        }
        if (route.routeResponseSelectionExpression !== undefined && route.routeResponseSelectionExpression !== '$default') {
          check.fail(
            `${routePath}.routeResponseSelectionExpression`,
            `expected "$default" (the only supported route response key, WS-40), got ${describe(route.routeResponseSelectionExpression)}`,
          );
        }
        if (route.routeResponseSelectionExpression !== undefined && (route.key === '$connect' || route.key === '$disconnect')) {
          check.fail(`${routePath}.routeResponseSelectionExpression`, `expected no route response on ${route.key}: it never sends messages (WS-42)`);
        }
        check.integer(
          route.integrationTimeoutMs,
          `${routePath}.integrationTimeoutMs`,
          INTEGRATION_TIMEOUT_RANGE_MS.min,
          INTEGRATION_TIMEOUT_RANGE_MS.max,
          'milliseconds',
        );
      });
    });
  }

  if (check.isArray(input.outputs, 'outputs')) {
    input.outputs.forEach((output, i) => {
      const path = `outputs[${i}]`;
      if (!check.isObject(output, path)) return;
      check.string(output.name, `${path}.name`, /^[A-Za-z0-9]{1,255}$/, 'an output name of letters and digits');
      if (check.isObject(output.value, `${path}.value`) && output.value.kind === 'websocket-url' && !apiNames.has(String(output.value.api))) {
        check.fail(`${path}.value.api`, `expected the name of an API of this service, got ${describe(output.value.api)}`);
      }
    });
  }

  if (check.issues.length > 0) throw new ConfigError(source, check.issues);
  return input as unknown as ServiceModel;
}
