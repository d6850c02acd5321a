/** The service's API keys and usage plans as AWS::ApiGateway resources. */
import { ConfigError } from '../../errors.ts';
import type { SynthContext } from './context.ts';

export function synthesizeApiKeys(context: SynthContext): void {
  if (context.model.apiKeys?.length || context.model.usagePlans?.length) {
    throw new ConfigError(context.options.source, [{ path: 'apiKeys', message: 'API keys cannot be synthesized yet' }]);
  }
}
