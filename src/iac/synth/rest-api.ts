/** A REST API as AWS::ApiGateway resources. */
import { ConfigError } from '../../errors.ts';
import type { RestApiModel } from '../../model/types.ts';
import type { SynthContext } from './context.ts';

export function synthesizeRestApi(context: SynthContext, api: RestApiModel): void {
  throw new ConfigError(context.options.source, [{ path: `api "${api.name}"`, message: 'REST APIs cannot be synthesized yet' }]);
}
