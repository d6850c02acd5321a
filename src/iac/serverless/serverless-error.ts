/** A serverless.yml problem: a ConfigError whose lines read `file:line:column: path: message`. */
import { ConfigError, type ConfigIssue } from '../../errors.ts';
import { humanPath, type PositionMap, type PropertyPath, positionOf } from './positions.ts';

export interface LocatedIssue extends ConfigIssue {
  line?: number;
  column?: number;
}

export class ServerlessConfigError extends ConfigError {
  declare readonly issues: readonly LocatedIssue[];

  constructor(file: string, issues: readonly LocatedIssue[]) {
    super(file, issues);
    this.name = 'ServerlessConfigError';
    this.message = issues.map((issue) => `${locate(file, issue)}: ${issue.path}: ${issue.message}`).join('\n');
  }
}

function locate(file: string, issue: LocatedIssue): string {
  return issue.line === undefined ? file : `${file}:${issue.line}:${issue.column}`;
}

/** An issue at a property path, placed at the path's (or its nearest ancestor's) position. */
export function issueAt(positions: PositionMap, keys: PropertyPath, message: string): LocatedIssue {
  const position = positionOf(positions, keys);
  const path = humanPath(keys);
  return position ? { path, message, line: position.line, column: position.column } : { path, message };
}
