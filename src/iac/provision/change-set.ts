/** Change sets: their names, waiting for one to be ready, and telling "no changes" apart from a real failure. */
import { DeleteChangeSetCommand, DescribeChangeSetCommand, type DescribeChangeSetOutput } from '@aws-sdk/client-cloudformation';
import { HopliteError } from '../../errors.ts';
import type { ResolvedStackEnvironment } from './shipment.ts';

/**
 * The reasons CloudFormation gives a FAILED change set that has nothing to change. Both are seen in practice:
 * "The submitted information didn't contain changes. Submit different information to create a change set." and
 * "No updates are to be performed."
 */
const NO_CHANGES_REASONS = [/didn't contain changes/i, /no updates are to be performed/i];

export function isNoChangesReason(reason: string | undefined): boolean {
  return reason !== undefined && NO_CHANGES_REASONS.some((pattern) => pattern.test(reason));
}

/** `hoplite-20260101T120000Z`: a valid change set name ([a-zA-Z][-a-zA-Z0-9]*) that says when it was made. */
export function changeSetNameAt(nowMs: number): string {
  return `hoplite-${new Date(nowMs).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}`;
}

export type ChangeSetOutcome = { kind: 'ready'; changeSet: DescribeChangeSetOutput } | { kind: 'no-changes' };

/** What a described change set means: still being made (undefined), ready, empty, or a failure to report. */
export function changeSetOutcome(changeSet: DescribeChangeSetOutput): ChangeSetOutcome | undefined {
  if (changeSet.Status === 'CREATE_COMPLETE') return { kind: 'ready', changeSet };
  if (changeSet.Status === 'FAILED') {
    if (isNoChangesReason(changeSet.StatusReason)) return { kind: 'no-changes' };
    throw new HopliteError(
      'HOPLITE_ERR_STACK_FAILED',
      `change set ${changeSet.ChangeSetName} of stack ${changeSet.StackName} failed: ${changeSet.StatusReason ?? 'no reason given'}`,
    );
  }
  return undefined;
}

/** Polls the change set until it is ready or failed; an empty one is deleted, as it can never be executed. */
export async function waitForChangeSet(environment: ResolvedStackEnvironment, stackName: string, changeSetName: string): Promise<ChangeSetOutcome> {
  for (;;) {
    const changeSet = await environment.cloudFormation.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }));
    const outcome = changeSetOutcome(changeSet);
    if (outcome?.kind === 'no-changes') {
      await environment.cloudFormation.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }));
    }
    if (outcome) return outcome;
    await environment.sleep(environment.pollIntervalMs);
  }
}
