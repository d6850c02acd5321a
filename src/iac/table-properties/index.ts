export { readTableExtras, type TableExtras, type TablePropertyIssue } from './table-properties.ts';
