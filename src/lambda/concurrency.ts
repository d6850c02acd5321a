/** Lambda concurrency: invocations in flight per function (reserved concurrency) and per account. */

/** Shared by every function of a gateway: Lambda's account-wide concurrent executions. */
export class AccountConcurrency {
  inFlight = 0;
  constructor(readonly limit: number) {}
}

/** Lambda's throttle reasons, as its Invoke API reports them. */
export type ThrottleReason = 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded';
