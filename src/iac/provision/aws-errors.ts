/** AWS's refusals (no credentials, access denied, an invalid request) as one clear line instead of a stack trace. */
import { HopliteError, isHopliteError } from '../../errors.ts';

/** The error to report for `error`: ours unchanged, the SDK's as a config error naming AWS's code and message. */
export function explainAwsError(error: unknown): unknown {
  if (isHopliteError(error)) return error;
  const { name, message, $metadata } = error as { name?: string; message?: string; $metadata?: unknown };
  if (name === 'CredentialsProviderError') {
    return new HopliteError(
      'HOPLITE_ERR_SHIP_PRECONDITION',
      `no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run aws sso login (${message})`,
      { cause: error },
    );
  }
  // Every answer of an AWS service carries $metadata; anything else is ours to fix and keeps its stack.
  if ($metadata !== undefined) return new HopliteError('HOPLITE_ERR_SHIP_PRECONDITION', `AWS refused a call: ${name}: ${message}`, { cause: error });
  return error;
}
