/** The error registry: every error Hoplite itself throws has a code, a kind and one message shape. */

/** `config`: the user must change a definition or an option. `internal`: a defect or an environment failure. */
export type ErrorKind = 'config' | 'internal';

export const ERRORS = {
  HOPLITE_ERR_CONFIG_INVALID: { kind: 'config', summary: 'A service definition does not match what is expected.' },
  HOPLITE_ERR_CONFIG_LOAD: { kind: 'config', summary: 'A service definition file could not be loaded.' },
  HOPLITE_ERR_OPTION_INVALID: { kind: 'config', summary: 'A run-time option has a wrong value.' },
  HOPLITE_ERR_LAMBDA_BUILD: { kind: 'config', summary: "A function's handler could not be built." },
  HOPLITE_ERR_LAMBDA_HANDLER: { kind: 'config', summary: "A function's handler string names no file or export that exists." },
  HOPLITE_ERR_DYNAMODB_LOCKED: { kind: 'config', summary: 'The data directory is in use by another Hoplite process.' },
  HOPLITE_ERR_DYNAMODB_START: { kind: 'internal', summary: 'The embedded DynamoDB store could not start.' },
  HOPLITE_ERR_DYNAMODB_TABLES: { kind: 'config', summary: "The service's tables could not be created in DynamoDB." },
  HOPLITE_ERR_LISTEN: { kind: 'config', summary: 'A listener could not bind its port.' },
  HOPLITE_ERR_CONNECT_URL: { kind: 'config', summary: 'gateway.connect() was given a URL that names no WebSocket API of the gateway.' },
  HOPLITE_ERR_DISPOSED: { kind: 'internal', summary: 'The gateway was used after dispose().' },
  HOPLITE_ERR_CLI_USAGE: { kind: 'config', summary: 'The command line is not valid.' },
  HOPLITE_ERR_SHIP_PRECONDITION: { kind: 'config', summary: 'AWS is not ready for the stack or refused a call: region, credentials, bucket or stack state.' },
  HOPLITE_ERR_STACK_FAILED: {
    kind: 'config',
    summary: 'CloudFormation could not create, update or delete a stack; the message names the failing resource and its reason.',
  },
} as const satisfies Record<string, { kind: ErrorKind; summary: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class HopliteError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HopliteError';
    this.code = code;
    this.kind = ERRORS[code].kind;
  }
}

/** One problem in a definition: where it is and what was expected there. */
export interface ConfigIssue {
  /** Field path such as `apis[0].routes[2].key`. */
  path: string;
  message: string;
}

/** A definition with one or more problems; the message lists them all, each with file and field. */
export class ConfigError extends HopliteError {
  readonly source: string;
  readonly issues: readonly ConfigIssue[];

  constructor(source: string, issues: readonly ConfigIssue[]) {
    const lines = issues.map((issue) => `${source}: ${issue.path}: ${issue.message}`);
    super('HOPLITE_ERR_CONFIG_INVALID', lines.join('\n'));
    this.name = 'ConfigError';
    this.source = source;
    this.issues = issues;
  }
}

export function isHopliteError(error: unknown): error is HopliteError {
  return error instanceof HopliteError;
}
