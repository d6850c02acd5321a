/** Problems and warnings of the mapping, placed where the serverless file wrote the property. */
import { type PositionMap, type PropertyPath, pathKey } from '../serverless/positions.ts';
import { issueAt, type LocatedIssue, ServerlessConfigError } from '../serverless/serverless-error.ts';
import type { ServerlessEvent, ServerlessService } from '../serverless/types.ts';

export class MappingReport {
  readonly issues: LocatedIssue[] = [];
  readonly warnings: LocatedIssue[] = [];
  constructor(
    readonly service: ServerlessService,
    readonly positions: PositionMap,
  ) {}

  fail(keys: PropertyPath, message: string): undefined {
    this.issues.push(issueAt(this.positions, keys, message));
    return undefined;
  }

  /** Once per message, at the first place it applies. */
  warn(keys: PropertyPath, message: string): void {
    if (this.warnings.some((warning) => warning.message === message)) return;
    this.warnings.push(issueAt(this.positions, keys, message));
  }

  /** Throws every problem at once, as the reader does. */
  throwIfFailed(): void {
    if (this.issues.length > 0) throw new ServerlessConfigError(this.service.file, this.issues);
  }
}

const RUN_TYPES = ['websocket', 'httpApi', 'http'];

/**
 * The property path of a function's event. The description keeps only the events Hoplite runs, in order; the
 * positions (YAML and JSON files) still know each written event, so the n-th kept one is found among them.
 */
export function eventPath(positions: PositionMap, functionKey: string, events: readonly ServerlessEvent[], event: ServerlessEvent): (string | number)[] {
  const base = ['functions', functionKey, 'events'];
  let wanted = events.indexOf(event);
  for (let index = 0; positions.has(pathKey([...base, index])); index++) {
    const type = RUN_TYPES.find((candidate) => positions.has(pathKey([...base, index, candidate])));
    if (type === undefined) continue;
    if (wanted === 0) return [...base, index, type];
    wanted--;
  }
  return base;
}

/** A warning or problem as one line of text: `file:line:column: path: message`. */
export function describeIssue(file: string, issue: LocatedIssue): string {
  const at = issue.line === undefined ? file : `${file}:${issue.line}:${issue.column}`;
  return `${at}: ${issue.path}: ${issue.message}`;
}
