/** An HTTP API as AWS::ApiGatewayV2 resources. */
import { ConfigError } from '../../errors.ts';
import type { HttpApiModel } from '../../model/types.ts';
import type { SynthContext } from './context.ts';

export function synthesizeHttpApi(context: SynthContext, api: HttpApiModel): void {
  throw new ConfigError(context.options.source, [{ path: `api "${api.name}"`, message: 'HTTP APIs cannot be synthesized yet' }]);
}
