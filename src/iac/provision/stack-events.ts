/** Stack events as CloudFormation pages them (newest first) turned into chronological progress lines. */
import type { StackEvent } from '@aws-sdk/client-cloudformation';

/** A stack status that no longer changes by itself: anything but `…_IN_PROGRESS`. */
export function isTerminalStatus(status: string | undefined): boolean {
  return status !== undefined && !status.endsWith('_IN_PROGRESS');
}

/**
 * The events of `newestFirst` that came after `boundaryEventId` and are not in `seen`, oldest first. The scan
 * stops at the first known event: pages are newest first, so everything past it is older still.
 */
export function newEventsInOrder(newestFirst: readonly StackEvent[], boundaryEventId: string | undefined, seen: ReadonlySet<string>): StackEvent[] {
  const fresh: StackEvent[] = [];
  for (const event of newestFirst) {
    const id = event.EventId ?? '';
    if (id === boundaryEventId || seen.has(id)) break;
    fresh.push(event);
  }
  return fresh.reverse();
}

/** Whether a scan of `page` can stop: it reached the boundary or an event already printed. */
export function reachesKnownEvent(page: readonly StackEvent[], boundaryEventId: string | undefined, seen: ReadonlySet<string>): boolean {
  return page.some((event) => event.EventId === boundaryEventId || seen.has(event.EventId ?? ''));
}

/** `05:27:08  CREATE_COMPLETE  AWS::Lambda::Function  SendMessageFunction  reason`: one event, one line (UTC time). */
export function formatEvent(event: StackEvent): string {
  const time = event.Timestamp ? event.Timestamp.toISOString().slice(11, 19) : '--:--:--';
  const parts = [time, event.ResourceStatus ?? '', event.ResourceType ?? '', event.LogicalResourceId ?? ''];
  if (event.ResourceStatusReason) parts.push(event.ResourceStatusReason);
  return parts.join('  ');
}

/** CloudFormation's reason for the resources it stopped because another one failed; not the cause. */
const CANCELLED_REASON = /cancelled/i;

/**
 * The failure to report: the first resource (not the stack itself) whose status ends in `_FAILED`, preferring a
 * real cause over the "Resource creation cancelled" of its neighbours.
 */
export function firstFailedResource(chronological: readonly StackEvent[]): StackEvent | undefined {
  const failed = chronological.filter(
    (event) => event.ResourceStatus?.endsWith('_FAILED') && event.PhysicalResourceId !== event.StackId && event.ResourceType !== 'AWS::CloudFormation::Stack',
  );
  return failed.find((event) => !CANCELLED_REASON.test(event.ResourceStatusReason ?? '')) ?? failed[0];
}

/** `SendMessageFunction (AWS::Lambda::Function): reason`, as the failure message names it. */
export function describeFailure(event: StackEvent): string {
  return `${event.LogicalResourceId} (${event.ResourceType}): ${event.ResourceStatusReason ?? 'no reason given'}`;
}
