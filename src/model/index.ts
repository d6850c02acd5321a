export type * from './types.ts';
export { validateService } from './validate.ts';
