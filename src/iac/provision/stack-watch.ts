/** Reading a stack and following its events until it settles. */
import { DescribeStackEventsCommand, DescribeStacksCommand, type Stack, type StackEvent } from '@aws-sdk/client-cloudformation';
import { HopliteError } from '../../errors.ts';
import type { ResolvedStackEnvironment } from './shipment.ts';
import { formatEvent, isTerminalStatus, newEventsInOrder, reachesKnownEvent } from './stack-events.ts';

/** The stack, or undefined when none has that name (CloudFormation answers a ValidationError "does not exist"). */
export async function findStack(environment: Pick<ResolvedStackEnvironment, 'cloudFormation'>, stackName: string): Promise<Stack | undefined> {
  try {
    const answer = await environment.cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    return answer.Stacks?.[0];
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw error;
  }
}

export function isMissingStack(error: unknown): boolean {
  const { name, message } = error as { name?: string; message?: string };
  return name === 'ValidationError' && /does not exist/.test(message ?? '');
}

/** The stack's newest events, newest first: `limit` of them, over as many pages as that takes. */
export async function latestEvents(environment: Pick<ResolvedStackEnvironment, 'cloudFormation'>, stackId: string, limit: number): Promise<StackEvent[]> {
  const events: StackEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await environment.cloudFormation.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken: nextToken }));
    events.push(...(page.StackEvents ?? []));
    nextToken = page.NextToken;
  } while (nextToken && events.length < limit);
  return events.slice(0, limit);
}

/** The id of the stack's newest event: what came before it is history, not progress of this run. */
export async function newestEventId(environment: Pick<ResolvedStackEnvironment, 'cloudFormation'>, stackId: string): Promise<string | undefined> {
  return (await latestEvents(environment, stackId, 1))[0]?.EventId;
}

/** The events after the boundary not yet seen, oldest first; pages are read only until a known event appears. */
async function freshEvents(
  environment: ResolvedStackEnvironment,
  stackId: string,
  boundaryEventId: string | undefined,
  seen: ReadonlySet<string>,
): Promise<StackEvent[]> {
  const newestFirst: StackEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await environment.cloudFormation.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken: nextToken }));
    const events = page.StackEvents ?? [];
    newestFirst.push(...events);
    if (reachesKnownEvent(events, boundaryEventId, seen)) break;
    nextToken = page.NextToken;
  } while (nextToken);
  return newEventsInOrder(newestFirst, boundaryEventId, seen);
}

export interface SettledStack {
  stack: Stack;
  /** Every event printed, oldest first. */
  events: StackEvent[];
}

/**
 * Prints the stack's events after `boundaryEventId` as they arrive until its status is terminal. The status is
 * read before the events, so the events of the final poll include the one that set it.
 */
export async function watchStack(environment: ResolvedStackEnvironment, stackId: string, boundaryEventId: string | undefined): Promise<SettledStack> {
  const seen = new Set<string>();
  const events: StackEvent[] = [];
  for (;;) {
    const answer = await environment.cloudFormation.send(new DescribeStacksCommand({ StackName: stackId }));
    const stack = answer.Stacks?.[0];
    if (!stack) throw new HopliteError('HOPLITE_ERR_STACK_FAILED', `stack ${stackId} is no longer described by CloudFormation`);
    for (const event of await freshEvents(environment, stackId, boundaryEventId, seen)) {
      seen.add(event.EventId ?? '');
      events.push(event);
      environment.log(formatEvent(event));
    }
    if (isTerminalStatus(stack.StackStatus)) return { stack, events };
    await environment.sleep(environment.pollIntervalMs);
  }
}
