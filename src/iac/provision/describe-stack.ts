/** `status`: a stack's status, its outputs and its last events, optionally with account ids hidden. */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { formatOutputs } from './outputs.ts';
import { redactAccountIds } from './redact.ts';
import { formatEvent } from './stack-events.ts';
import { findStack, latestEvents } from './stack-watch.ts';

export interface DescribeStackOptions {
  cloudFormation: CloudFormationClient;
  log: (line: string) => void;
  /** How many of the newest events to print. @default 10 */
  eventCount?: number;
  /** Replace the account id of every ARN with `************`. @default false */
  redact?: boolean;
}

export const DEFAULT_STATUS_EVENT_COUNT = 10;

/** Prints the stack; resolves with whether it exists (a missing stack is said so, not thrown). */
export async function describeStack(stackName: string, options: DescribeStackOptions): Promise<boolean> {
  const print = (line: string) => options.log(options.redact ? redactAccountIds(line) : line);
  const stack = await findStack(options, stackName);
  if (!stack) {
    print(`Stack ${stackName} does not exist`);
    return false;
  }
  print(`Stack ${stack.StackName}: ${stack.StackStatus}${stack.StackStatusReason ? ` (${stack.StackStatusReason})` : ''}`);
  print(`  Id       ${stack.StackId}`);
  print(`  Created  ${stack.CreationTime?.toISOString()}`);
  if (stack.LastUpdatedTime) print(`  Updated  ${stack.LastUpdatedTime.toISOString()}`);
  print('Outputs:');
  for (const line of formatOutputs(stack.Outputs)) print(line);
  const count = options.eventCount ?? DEFAULT_STATUS_EVENT_COUNT;
  const events = await latestEvents(options, stack.StackId ?? stackName, count);
  print(`Last ${events.length} events:`);
  for (const event of events.reverse()) print(`  ${formatEvent(event)}`);
  return true;
}
