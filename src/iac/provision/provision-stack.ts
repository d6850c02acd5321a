/** `provision`: check the bucket, upload what it lacks, then create or update the stack through a change set. */
import { type Capability, CreateChangeSetCommand, ExecuteChangeSetCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { HopliteError } from '../../errors.ts';
import { checkBucket, templateUrl, uploadMissing, uploadTemplate } from './bucket.ts';
import { changeSetNameAt, waitForChangeSet } from './change-set.ts';
import { noopPlan, stackParameters } from './noop-plan.ts';
import { formatOutputs } from './outputs.ts';
import { PhaseTimer } from './phases.ts';
import { type ProvisionEnvironment, type ResolvedEnvironment, resolveEnvironment, type Shipment } from './shipment.ts';
import { describeFailure, firstFailedResource } from './stack-events.ts';
import { findStack, newestEventId, watchStack } from './stack-watch.ts';

/** Synthesized templates name their IAM roles' policies; CloudFormation wants that acknowledged. */
export const CAPABILITIES: Capability[] = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'];

export type ProvisionResult = { kind: 'noop' } | { kind: 'up-to-date'; stack: Stack } | { kind: 'created' | 'updated'; stack: Stack; uploaded: number };

/** Statuses a stack must leave before it can take another change set, with what to do about each. */
const BLOCKING_STATUSES: Record<string, string> = {
  ROLLBACK_COMPLETE: 'its creation failed and was rolled back; delete it (hoplite delete) and provision again',
  ROLLBACK_FAILED: 'its creation failed and so did the rollback; delete it (hoplite delete) and provision again',
  DELETE_FAILED: 'a deletion failed; delete it again (hoplite delete) and provision again',
  UPDATE_ROLLBACK_FAILED: 'an update could not be rolled back; continue the rollback in the CloudFormation console first',
};

/** A stack that exists and has been created: updated by an UPDATE change set. One in review was never executed. */
function changeSetType(stack: Stack | undefined): 'CREATE' | 'UPDATE' {
  return stack && stack.StackStatus !== 'REVIEW_IN_PROGRESS' ? 'UPDATE' : 'CREATE';
}

export async function provisionStack(shipment: Shipment, options: ProvisionEnvironment): Promise<ProvisionResult> {
  const environment = resolveEnvironment(options);
  const { log } = environment;
  if (shipment.noop) {
    for (const line of noopPlan(shipment)) log(line);
    return { kind: 'noop' };
  }
  const timer = new PhaseTimer(environment.clock);
  log(`Provisioning stack ${shipment.stackName} in ${shipment.region}`);
  await timer.time('Checking the bucket', () => checkBucket(environment, shipment.bucket, shipment.region));
  const uploaded = await timer.time('Uploading code', () => uploadMissing(environment, shipment.bucket, shipment.uploads));
  await timer.time('Uploading the template', () => uploadTemplate(environment, shipment.bucket, shipment.templateKey, shipment.templateBody));

  const existing = await findStack(environment, shipment.stackName);
  const blocked = existing?.StackStatus ? BLOCKING_STATUSES[existing.StackStatus] : undefined;
  if (blocked) throw new HopliteError('HOPLITE_ERR_SHIP_PRECONDITION', `stack ${shipment.stackName} is ${existing?.StackStatus}: ${blocked}`);
  const type = changeSetType(existing);
  const changeSetName = changeSetNameAt(environment.clock());
  const outcome = await timer.time('Creating the change set', () => createChangeSet(environment, shipment, type, changeSetName));
  if (outcome.kind === 'no-changes') {
    log(`Stack ${shipment.stackName} is up to date: the change set found no changes`);
    const stack = (await findStack(environment, shipment.stackName)) as Stack;
    finish(environment, timer, stack);
    return { kind: 'up-to-date', stack };
  }
  const stackId = outcome.changeSet.StackId ?? shipment.stackName;
  const boundary = await newestEventId(environment, stackId);
  const settled = await timer.time(type === 'CREATE' ? 'Creating the stack' : 'Updating the stack', async () => {
    await environment.cloudFormation.send(new ExecuteChangeSetCommand({ StackName: shipment.stackName, ChangeSetName: changeSetName }));
    log(`${type === 'CREATE' ? 'Creating' : 'Updating'} stack ${stackId}`);
    return watchStack(environment, stackId, boundary);
  });
  const status = settled.stack.StackStatus;
  if (status !== `${type}_COMPLETE`) {
    const failed = firstFailedResource(settled.events);
    const cause = failed ? describeFailure(failed) : (settled.stack.StackStatusReason ?? 'no reason given');
    log(`Failed: ${cause}`);
    log(`Stack ${shipment.stackName} ended ${status}`);
    throw new HopliteError(
      'HOPLITE_ERR_STACK_FAILED',
      `stack ${shipment.stackName} ${type === 'CREATE' ? 'creation' : 'update'} failed, ended ${status}: ${cause}`,
    );
  }
  finish(environment, timer, settled.stack);
  return { kind: type === 'CREATE' ? 'created' : 'updated', stack: settled.stack, uploaded };
}

async function createChangeSet(environment: ResolvedEnvironment, shipment: Shipment, type: 'CREATE' | 'UPDATE', changeSetName: string) {
  await environment.cloudFormation.send(
    new CreateChangeSetCommand({
      StackName: shipment.stackName,
      ChangeSetName: changeSetName,
      ChangeSetType: type,
      TemplateURL: templateUrl(shipment.bucket, shipment.region, shipment.templateKey),
      Parameters: Object.entries(stackParameters(shipment)).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
      Tags: Object.entries(shipment.tags).map(([Key, Value]) => ({ Key, Value })),
      Capabilities: CAPABILITIES,
    }),
  );
  environment.log(`Change set ${changeSetName} (${type}) created; waiting for CloudFormation to compute it`);
  return waitForChangeSet(environment, shipment.stackName, changeSetName);
}

/** The outputs and the phase summary that end a successful run. */
function finish(environment: ResolvedEnvironment, timer: PhaseTimer, stack: Stack): void {
  environment.log('Stack outputs:');
  for (const line of formatOutputs(stack.Outputs)) environment.log(line);
  environment.log(`Stack ${stack.StackName} is ${stack.StackStatus}`);
  environment.log('Summary:');
  for (const line of timer.summary()) environment.log(line);
}
