/** Problems and warnings of the mapping, placed where the serverless file wrote the property. */

import { Checker } from '../serverless/checker.ts';
import { type PositionMap, pathKey } from '../serverless/positions.ts';
import { type LocatedIssue, ServerlessConfigError } from '../serverless/serverless-error.ts';
import type { ServerlessEvent, ServerlessService } from '../serverless/types.ts';

/** The reader's checker, which also knows the service whose file it names when it throws. */
export class MappingReport extends Checker {
  constructor(
    readonly service: ServerlessService,
    positions: PositionMap,
  ) {
    super(positions);
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
