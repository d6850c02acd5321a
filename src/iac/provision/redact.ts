/** `status --redact`: account ids hidden, so that the output can be pasted into an issue. */

/** The account field of an ARN (`arn:partition:service:region:account:…`), 12 digits. */
const ARN_ACCOUNT = /(arn:[a-z-]+:[a-z0-9-]*:[a-z0-9-]*:)(\d{12})(?=:)/g;

export const REDACTED_ACCOUNT = '************';

/** The text with the account id of every ARN replaced by twelve asterisks. */
export function redactAccountIds(text: string): string {
  return text.replace(ARN_ACCOUNT, `$1${REDACTED_ACCOUNT}`);
}
