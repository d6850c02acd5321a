export { checkSelectionExpression, compileSelectionExpression, type SelectionExpression, selectRoute } from './selection.ts';
