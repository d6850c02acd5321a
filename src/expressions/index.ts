export { type SelectionExpression, checkSelectionExpression, compileSelectionExpression, selectRoute } from './selection.ts';
