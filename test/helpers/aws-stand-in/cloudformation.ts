/** The stand-in's CloudFormation: stacks, change sets and events in memory, for exactly the calls provision makes. */
import { physicalIdOf, resolveOutputs } from './outputs.ts';
import { memberList, QueryError, type XmlValue } from './query-protocol.ts';
import {
  creationEvents,
  deletionEvents,
  type PlannedEvent,
  type ResourceChange,
  resourceChanges,
  type StandInTemplate,
  updateEvents,
} from './stack-simulation.ts';

export const STAND_IN_ACCOUNT_ID = '123456789012';

interface StackEventRecord {
  EventId: string;
  StackId: string;
  StackName: string;
  LogicalResourceId: string;
  PhysicalResourceId: string;
  ResourceType: string;
  Timestamp: Date;
  ResourceStatus: string;
  ResourceStatusReason?: string;
}

interface ChangeSetRecord {
  id: string;
  name: string;
  type: 'CREATE' | 'UPDATE';
  status: string;
  statusReason?: string;
  executionStatus: string;
  template: StandInTemplate;
  parameters: Record<string, string>;
  tags: Record<string, string>;
  capabilities: string[];
  changes: ResourceChange[];
  /** DescribeChangeSet answers CREATE_IN_PROGRESS this many times before the final status. */
  pendingPolls: number;
}

interface StackRecord {
  id: string;
  name: string;
  region: string;
  status: string;
  statusReason?: string;
  creationTime: Date;
  lastUpdatedTime?: Date;
  /** The template in force: the last one that completed. */
  template?: StandInTemplate;
  parameters: Record<string, string>;
  tags: Record<string, string>;
  capabilities: string[];
  /** Released events, oldest first. */
  events: StackEventRecord[];
  /** Events still to come, and what to do once the last of them is out. */
  pending: PlannedEvent[];
  onSettled?: (status: string) => void;
  changeSets: Map<string, ChangeSetRecord>;
  deleted: boolean;
}

export interface CloudFormationOptions {
  now: () => Date;
  /** The template a TemplateURL names, or undefined when there is no such object. */
  readTemplateUrl: (url: string) => string | undefined;
  /** How many pending events each DescribeStackEvents call (first page) lets out. */
  eventsPerPoll: number;
  /** DescribeStackEvents page size. */
  pageSize: number;
}

const NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set.";

function recordOf(entries: Array<Record<string, string>>, key: string, value: string): Record<string, string> {
  return Object.fromEntries(entries.map((entry) => [entry[key] ?? '', entry[value] ?? '']));
}

export class StandInCloudFormation {
  readonly #options: CloudFormationOptions;
  readonly #stacks: StackRecord[] = [];
  #counter = 0;

  constructor(options: CloudFormationOptions) {
    this.#options = options;
  }

  #nextId(): string {
    this.#counter += 1;
    return `00000000-0000-4000-8000-${String(this.#counter).padStart(12, '0')}`;
  }

  /** A stack by name (live ones only, as CloudFormation) or by id (deleted ones too). */
  #find(nameOrId: string | undefined): StackRecord | undefined {
    if (nameOrId?.startsWith('arn:')) return this.#stacks.find((stack) => stack.id === nameOrId);
    return this.#stacks.find((stack) => stack.name === nameOrId && !stack.deleted);
  }

  #require(nameOrId: string | undefined): StackRecord {
    const stack = this.#find(nameOrId);
    if (!stack) throw new QueryError('ValidationError', `Stack with id ${nameOrId} does not exist`);
    return stack;
  }

  #emit(stack: StackRecord, planned: PlannedEvent): void {
    const isStack = planned.logicalId === undefined;
    stack.events.push({
      EventId: isStack ? this.#nextId() : `${planned.logicalId}-${planned.status}-${this.#nextId()}`,
      StackId: stack.id,
      StackName: stack.name,
      LogicalResourceId: planned.logicalId ?? stack.name,
      PhysicalResourceId: isStack ? stack.id : physicalIdOf(stack.name, planned.logicalId as string),
      ResourceType: planned.resourceType ?? 'AWS::CloudFormation::Stack',
      Timestamp: this.#options.now(),
      ResourceStatus: planned.status,
      ResourceStatusReason: planned.reason,
    });
    if (isStack) {
      stack.status = planned.status;
      stack.statusReason = planned.reason;
    }
  }

  /** Lets out the next events; when the last one is out the stack has settled. */
  #advance(stack: StackRecord, count: number): void {
    for (const planned of stack.pending.splice(0, count)) this.#emit(stack, planned);
    if (stack.pending.length === 0 && stack.onSettled) {
      const settled = stack.onSettled;
      stack.onSettled = undefined;
      settled(stack.status);
    }
  }

  #run(stack: StackRecord, events: PlannedEvent[], onSettled: (status: string) => void): void {
    stack.pending = events;
    stack.onSettled = onSettled;
    // CloudFormation reports the stack in progress as soon as the call returns.
    this.#advance(stack, 1);
  }

  #templateOf(form: Record<string, string>): StandInTemplate {
    if (form.TemplateBody !== undefined) return JSON.parse(form.TemplateBody) as StandInTemplate;
    const body = form.TemplateURL ? this.#options.readTemplateUrl(form.TemplateURL) : undefined;
    if (body === undefined) throw new QueryError('ValidationError', 'TemplateURL must be a supported URL.');
    try {
      return JSON.parse(body) as StandInTemplate;
    } catch {
      throw new QueryError('ValidationError', 'Template format error: JSON not well-formed.');
    }
  }

  handle(action: string, form: Record<string, string>, region: string): { [name: string]: XmlValue } {
    switch (action) {
      case 'DescribeStacks':
        return { Stacks: [this.#describe(this.#require(form.StackName))] };
      case 'CreateChangeSet':
        return this.#createChangeSet(form, region);
      case 'DescribeChangeSet':
        return this.#describeChangeSet(form);
      case 'DeleteChangeSet': {
        const stack = this.#require(form.StackName);
        stack.changeSets.delete(form.ChangeSetName ?? '');
        return {};
      }
      case 'ExecuteChangeSet':
        this.#executeChangeSet(form);
        return {};
      case 'DescribeStackEvents':
        return this.#describeEvents(form);
      case 'DeleteStack':
        this.#deleteStack(form);
        return {};
      default:
        throw new QueryError('InvalidAction', `The stand-in does not answer ${action}`);
    }
  }

  #describe(stack: StackRecord): { [name: string]: XmlValue } {
    return {
      StackId: stack.id,
      StackName: stack.name,
      CreationTime: stack.creationTime,
      LastUpdatedTime: stack.lastUpdatedTime,
      StackStatus: stack.status,
      StackStatusReason: stack.statusReason,
      Parameters: Object.entries(stack.parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
      Capabilities: stack.capabilities,
      Tags: Object.entries(stack.tags).map(([Key, Value]) => ({ Key, Value })),
      Outputs: stack.template
        ? resolveOutputs(stack.template, { stackName: stack.name, region: stack.region, accountId: STAND_IN_ACCOUNT_ID, parameters: stack.parameters })
        : undefined,
    };
  }

  #createChangeSet(form: Record<string, string>, region: string): { [name: string]: XmlValue } {
    const type = form.ChangeSetType === 'CREATE' ? 'CREATE' : 'UPDATE';
    let stack = this.#find(form.StackName);
    if (type === 'CREATE') {
      if (stack && stack.status !== 'REVIEW_IN_PROGRESS') throw new QueryError('AlreadyExistsException', `Stack [${form.StackName}] already exists`);
      if (!stack) {
        stack = {
          id: `arn:aws:cloudformation:${region}:${STAND_IN_ACCOUNT_ID}:stack/${form.StackName}/${this.#nextId()}`,
          name: form.StackName ?? '',
          region,
          status: 'REVIEW_IN_PROGRESS',
          creationTime: this.#options.now(),
          parameters: {},
          tags: {},
          capabilities: [],
          events: [],
          pending: [],
          changeSets: new Map(),
          deleted: false,
        };
        this.#stacks.push(stack);
        this.#emit(stack, { status: 'REVIEW_IN_PROGRESS', reason: 'User Initiated' });
      }
    } else if (!stack) {
      throw new QueryError('ValidationError', `Stack [${form.StackName}] does not exist`);
    }
    const template = this.#templateOf(form);
    const parameters = recordOf(memberList(form, 'Parameters'), 'ParameterKey', 'ParameterValue');
    const tags = recordOf(memberList(form, 'Tags'), 'Key', 'Value');
    const changes = resourceChanges(stack.template, template);
    const unchanged =
      type === 'UPDATE' &&
      JSON.stringify(stack.template) === JSON.stringify(template) &&
      JSON.stringify(stack.parameters) === JSON.stringify(parameters) &&
      JSON.stringify(stack.tags) === JSON.stringify(tags);
    const changeSet: ChangeSetRecord = {
      id: `arn:aws:cloudformation:${region}:${STAND_IN_ACCOUNT_ID}:changeSet/${form.ChangeSetName}/${this.#nextId()}`,
      name: form.ChangeSetName ?? '',
      type,
      status: unchanged ? 'FAILED' : 'CREATE_COMPLETE',
      statusReason: unchanged ? NO_CHANGES : undefined,
      executionStatus: unchanged ? 'UNAVAILABLE' : 'AVAILABLE',
      template,
      parameters,
      tags,
      capabilities: memberList(form, 'Capabilities').map((entry) => entry[''] ?? ''),
      changes,
      pendingPolls: 1,
    };
    stack.changeSets.set(changeSet.name, changeSet);
    return { Id: changeSet.id, StackId: stack.id };
  }

  #changeSet(form: Record<string, string>): [StackRecord, ChangeSetRecord] {
    const stack = this.#require(form.StackName);
    const changeSet = stack.changeSets.get(form.ChangeSetName ?? '');
    if (!changeSet) throw new QueryError('ChangeSetNotFound', `ChangeSet [${form.ChangeSetName}] does not exist`, 404);
    return [stack, changeSet];
  }

  #describeChangeSet(form: Record<string, string>): { [name: string]: XmlValue } {
    const [stack, changeSet] = this.#changeSet(form);
    const pending = changeSet.pendingPolls > 0;
    if (pending) changeSet.pendingPolls -= 1;
    return {
      ChangeSetName: changeSet.name,
      ChangeSetId: changeSet.id,
      StackId: stack.id,
      StackName: stack.name,
      Status: pending ? 'CREATE_IN_PROGRESS' : changeSet.status,
      StatusReason: pending ? undefined : changeSet.statusReason,
      ExecutionStatus: pending ? 'UNAVAILABLE' : changeSet.executionStatus,
      Capabilities: changeSet.capabilities,
      Changes: changeSet.changes.map((change) => ({
        Type: 'Resource',
        ResourceChange: { Action: change.action, LogicalResourceId: change.logicalId, ResourceType: change.resourceType },
      })),
    };
  }

  #executeChangeSet(form: Record<string, string>): void {
    const [stack, changeSet] = this.#changeSet(form);
    if (changeSet.executionStatus !== 'AVAILABLE' || changeSet.pendingPolls > 0) {
      throw new QueryError('InvalidChangeSetStatus', `ChangeSet [${changeSet.id}] cannot be executed in its current status of [${changeSet.status}]`);
    }
    changeSet.executionStatus = 'EXECUTE_IN_PROGRESS';
    stack.changeSets.clear();
    const succeeded = changeSet.type === 'CREATE' ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE';
    const events = changeSet.type === 'CREATE' ? creationEvents(changeSet.template) : updateEvents(changeSet.template, changeSet.changes);
    this.#run(stack, events, (status) => {
      if (status !== succeeded) return;
      stack.template = changeSet.template;
      stack.parameters = changeSet.parameters;
      stack.tags = changeSet.tags;
      stack.capabilities = changeSet.capabilities;
      if (changeSet.type === 'UPDATE') stack.lastUpdatedTime = this.#options.now();
    });
  }

  #describeEvents(form: Record<string, string>): { [name: string]: XmlValue } {
    const stack = this.#require(form.StackName);
    const start = form.NextToken ? Number(form.NextToken) : 0;
    if (start === 0) this.#advance(stack, this.#options.eventsPerPoll);
    const newestFirst = [...stack.events].reverse();
    const page = newestFirst.slice(start, start + this.#options.pageSize);
    const next = start + this.#options.pageSize;
    return { StackEvents: page as unknown as XmlValue[], NextToken: next < newestFirst.length ? String(next) : undefined };
  }

  #deleteStack(form: Record<string, string>): void {
    const stack = this.#find(form.StackName);
    // DeleteStack of a stack that does not exist succeeds and does nothing.
    if (!stack || stack.deleted || stack.status === 'DELETE_IN_PROGRESS') return;
    this.#run(stack, deletionEvents(stack.template), () => {
      stack.deleted = true;
    });
  }
}
