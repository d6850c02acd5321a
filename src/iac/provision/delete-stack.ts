/** `delete`: DeleteStack, then the stack's events until it is gone. A stack that does not exist is nothing to do. */
import { DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { HopliteError } from '../../errors.ts';
import { PhaseTimer } from './phases.ts';
import { resolveEnvironment, type StackEnvironment } from './shipment.ts';
import { describeFailure, firstFailedResource } from './stack-events.ts';
import { findStack, newestEventId, watchStack } from './stack-watch.ts';

export type DeleteResult = 'deleted' | 'missing';

/**
 * Deletes the stack and waits for DELETE_COMPLETE. The stack is followed by its id: once deleted, CloudFormation
 * no longer describes it by name. A missing stack resolves `missing` rather than failing, so that deleting
 * twice is as good as deleting once (AWS's own DeleteStack answers the same).
 */
export async function deleteStack(stackName: string, options: StackEnvironment): Promise<DeleteResult> {
  const environment = resolveEnvironment(options);
  const stack = await findStack(environment, stackName);
  if (!stack?.StackId) {
    environment.log(`Stack ${stackName} does not exist; nothing to delete`);
    return 'missing';
  }
  const timer = new PhaseTimer(environment.clock);
  const boundary = await newestEventId(environment, stack.StackId);
  const settled = await timer.time('Deleting the stack', async () => {
    await environment.cloudFormation.send(new DeleteStackCommand({ StackName: stack.StackId }));
    environment.log(`Deleting stack ${stack.StackId}`);
    return watchStack(environment, stack.StackId as string, boundary);
  });
  if (settled.stack.StackStatus !== 'DELETE_COMPLETE') {
    const failed = firstFailedResource(settled.events);
    const cause = failed ? describeFailure(failed) : (settled.stack.StackStatusReason ?? 'no reason given');
    throw new HopliteError('HOPLITE_ERR_STACK_FAILED', `stack ${stackName} deletion failed, ended ${settled.stack.StackStatus}: ${cause}`);
  }
  environment.log(`Stack ${stackName} is deleted`);
  environment.log('Summary:');
  for (const line of timer.summary()) environment.log(line);
  return 'deleted';
}
