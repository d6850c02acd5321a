/** MAP-1, MAP-2, MAP-10: which model a message is validated against, and whether it passes. */
import type { SelectionExpression } from '../expressions/index.ts';
import type { BodyCheck } from './json-schema.ts';

export const DEFAULT_MODEL_KEY = '$default';

/**
 * MAP-2: the model the selected key names, else the `$default` one, else none (MAP-10: the message then fails).
 * A key is `undefined` when the expression reads a body that is not JSON.
 */
export function selectModel<M>(key: string | undefined, models: ReadonlyMap<string, M>): M | undefined {
  if (key !== undefined && key !== '') {
    const selected = models.get(key);
    if (selected !== undefined) return selected;
  }
  return models.get(DEFAULT_MODEL_KEY);
}

/** A route's request validation: its model selection expression and the compiled models its keys name. */
export class RequestValidator {
  private readonly selection: SelectionExpression;
  private readonly models: ReadonlyMap<string, BodyCheck>;

  constructor(selection: SelectionExpression, models: ReadonlyMap<string, BodyCheck>) {
    this.selection = selection;
    this.models = models;
  }

  /** MAP-10: true when the message may reach the integration. */
  accepts(messageText: string): boolean {
    const check = selectModel(this.selection.evaluate(messageText), this.models);
    if (check === undefined) return false;
    let body: unknown;
    try {
      body = JSON.parse(messageText);
    } catch {
      // MAP-10 Choice. UNVERIFIED: a body that is not JSON fails validation.
      return false;
    }
    return check(body);
  }
}
