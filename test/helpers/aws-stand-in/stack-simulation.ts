/**
 * The events a stand-in stack goes through when a change set runs or the stack is deleted: per resource, in
 * template order, as CloudFormation reports them. A resource whose Metadata is `{ "standIn": { "fail": "reason" } }`
 * fails with that reason, and the stack rolls back.
 */

export interface TemplateResource {
  Type: string;
  Properties?: unknown;
  Metadata?: { standIn?: { fail?: string } };
}

export interface StandInTemplate {
  Parameters?: Record<string, unknown>;
  Resources?: Record<string, TemplateResource>;
  Outputs?: Record<string, { Value: unknown; Description?: string }>;
}

/** One event still to come; `logicalId` undefined means the stack itself. */
export interface PlannedEvent {
  logicalId?: string;
  resourceType?: string;
  status: string;
  reason?: string;
}

export interface ResourceChange {
  action: 'Add' | 'Modify' | 'Remove';
  logicalId: string;
  resourceType: string;
}

/** What a change set would do: resources added, modified (any difference in their JSON) and removed. */
export function resourceChanges(before: StandInTemplate | undefined, after: StandInTemplate): ResourceChange[] {
  const old = before?.Resources ?? {};
  const next = after.Resources ?? {};
  const changes: ResourceChange[] = [];
  for (const [logicalId, resource] of Object.entries(next)) {
    const previous = old[logicalId];
    if (!previous) changes.push({ action: 'Add', logicalId, resourceType: resource.Type });
    else if (JSON.stringify(previous) !== JSON.stringify(resource)) changes.push({ action: 'Modify', logicalId, resourceType: resource.Type });
  }
  for (const [logicalId, resource] of Object.entries(old)) {
    if (!(logicalId in next)) changes.push({ action: 'Remove', logicalId, resourceType: resource.Type });
  }
  return changes;
}

const USER_INITIATED = 'User Initiated';

function failureOf(template: StandInTemplate, logicalId: string): string | undefined {
  return template.Resources?.[logicalId]?.Metadata?.standIn?.fail;
}

/** The events of a CREATE change set, ending CREATE_COMPLETE or, after a failure and its rollback, ROLLBACK_COMPLETE. */
export function creationEvents(template: StandInTemplate): PlannedEvent[] {
  const events: PlannedEvent[] = [{ status: 'CREATE_IN_PROGRESS', reason: USER_INITIATED }];
  const created: Array<[string, string]> = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const resourceType = resource.Type;
    events.push({ logicalId, resourceType, status: 'CREATE_IN_PROGRESS' });
    const failure = failureOf(template, logicalId);
    if (failure !== undefined) {
      events.push({ logicalId, resourceType, status: 'CREATE_FAILED', reason: failure });
      events.push({ status: 'ROLLBACK_IN_PROGRESS', reason: `The following resource(s) failed to create: [${logicalId}]. Rollback requested by user.` });
      for (const [doneId, doneType] of created.reverse()) {
        events.push({ logicalId: doneId, resourceType: doneType, status: 'DELETE_IN_PROGRESS' });
        events.push({ logicalId: doneId, resourceType: doneType, status: 'DELETE_COMPLETE' });
      }
      events.push({ logicalId, resourceType, status: 'DELETE_COMPLETE' });
      events.push({ status: 'ROLLBACK_COMPLETE' });
      return events;
    }
    events.push({ logicalId, resourceType, status: 'CREATE_IN_PROGRESS', reason: 'Resource creation Initiated' });
    events.push({ logicalId, resourceType, status: 'CREATE_COMPLETE' });
    created.push([logicalId, resourceType]);
  }
  events.push({ status: 'CREATE_COMPLETE' });
  return events;
}

/** The events of an UPDATE change set: added and modified resources, then the cleanup of removed ones; or a rollback. */
export function updateEvents(after: StandInTemplate, changes: readonly ResourceChange[]): PlannedEvent[] {
  const events: PlannedEvent[] = [{ status: 'UPDATE_IN_PROGRESS', reason: USER_INITIATED }];
  const done: ResourceChange[] = [];
  for (const change of changes.filter((candidate) => candidate.action !== 'Remove')) {
    const { logicalId, resourceType } = change;
    const verb = change.action === 'Add' ? 'CREATE' : 'UPDATE';
    events.push({ logicalId, resourceType, status: `${verb}_IN_PROGRESS` });
    const failure = failureOf(after, logicalId);
    if (failure !== undefined) {
      events.push({ logicalId, resourceType, status: `${verb}_FAILED`, reason: failure });
      events.push({ status: 'UPDATE_ROLLBACK_IN_PROGRESS', reason: `The following resource(s) failed to ${verb.toLowerCase()}: [${logicalId}]. ` });
      // The failed resource goes back to its old properties first, then those already updated.
      for (const undone of [...(change.action === 'Modify' ? [change] : []), ...done.reverse()]) {
        if (undone.action === 'Modify') {
          events.push({ logicalId: undone.logicalId, resourceType: undone.resourceType, status: 'UPDATE_IN_PROGRESS' });
          events.push({ logicalId: undone.logicalId, resourceType: undone.resourceType, status: 'UPDATE_COMPLETE' });
        }
      }
      events.push({ status: 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS' });
      for (const undone of [...done.filter((candidate) => candidate.action === 'Add'), ...(change.action === 'Add' ? [change] : [])]) {
        events.push({ logicalId: undone.logicalId, resourceType: undone.resourceType, status: 'DELETE_IN_PROGRESS' });
        events.push({ logicalId: undone.logicalId, resourceType: undone.resourceType, status: 'DELETE_COMPLETE' });
      }
      events.push({ status: 'UPDATE_ROLLBACK_COMPLETE' });
      return events;
    }
    events.push({ logicalId, resourceType, status: `${verb}_COMPLETE` });
    done.push(change);
  }
  events.push({ status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' });
  for (const removed of changes.filter((candidate) => candidate.action === 'Remove')) {
    events.push({ logicalId: removed.logicalId, resourceType: removed.resourceType, status: 'DELETE_IN_PROGRESS' });
    events.push({ logicalId: removed.logicalId, resourceType: removed.resourceType, status: 'DELETE_COMPLETE' });
  }
  events.push({ status: 'UPDATE_COMPLETE' });
  return events;
}

/** The events of DeleteStack: every resource in reverse template order, then DELETE_COMPLETE. */
export function deletionEvents(template: StandInTemplate | undefined): PlannedEvent[] {
  const events: PlannedEvent[] = [{ status: 'DELETE_IN_PROGRESS', reason: USER_INITIATED }];
  for (const [logicalId, resource] of Object.entries(template?.Resources ?? {}).reverse()) {
    events.push({ logicalId, resourceType: resource.Type, status: 'DELETE_IN_PROGRESS' });
    events.push({ logicalId, resourceType: resource.Type, status: 'DELETE_COMPLETE' });
  }
  events.push({ status: 'DELETE_COMPLETE' });
  return events;
}
