/** `apiKey()`: an API key of the service (AWS::ApiGateway::ApiKey), for routes that require one (AUTH-8). */
import { createHash } from 'node:crypto';
import type { ApiKeyModel } from '../model/types.ts';
import { optionsObject } from './arguments.ts';

export interface ApiKeyOptions {
  /**
   * What clients send, 20-128 characters. When absent, a 40-character value is derived from the service and key
   * names: the same on every start and machine, so it can be written into a client, and not a secret.
   */
  value?: string | undefined;
}

const ALPHANUMERICS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** The length of the values AWS generates. */
const GENERATED_VALUE_LENGTH = 40;

/** The value given to a key declared without one. */
export function derivedApiKeyValue(serviceName: string, keyName: string): string {
  const digest = createHash('sha512').update(`${serviceName}\0${keyName}`).digest();
  let value = '';
  for (let i = 0; i < GENERATED_VALUE_LENGTH; i++) value += ALPHANUMERICS[(digest[i] as number) % ALPHANUMERICS.length];
  return value;
}

export class ApiKeyDefinition {
  readonly name: string;
  readonly options: ApiKeyOptions;

  constructor(name: string, options: ApiKeyOptions) {
    this.name = name;
    this.options = options;
  }

  toModel(serviceName: string): ApiKeyModel {
    return { name: this.name, value: this.options.value ?? derivedApiKeyValue(serviceName, this.name) };
  }
}

/**
 * Declares an API key; list it in `service(name, { apiKeys })`.
 * @example apiKey('mobile', { value: process.env.MOBILE_API_KEY })
 */
export function apiKey(name: string, options: ApiKeyOptions = {}): ApiKeyDefinition {
  return new ApiKeyDefinition(name, optionsObject('apiKey(name, options)', options, 'an object such as { value: "a-key-of-at-least-20-characters" }'));
}
