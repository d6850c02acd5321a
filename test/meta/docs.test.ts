/** Keeps the docs in step with the code: every rule marked done is tested, every error code is documented. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ERRORS } from '../../src/errors.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RULE_ID = /\b(?:GEN|WS|CONN|HTTP|REST|AUTH|MAP|THR|RT)-\d+\b/g;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Rule id → the test files whose test names cite it. */
function citedRules(): Map<string, Set<string>> {
  const cited = new Map<string, Set<string>>();
  for (const file of [...testFiles(join(root, 'src')), ...testFiles(join(root, 'test'))]) {
    const source = readFileSync(file, 'utf8');
    for (const [, , title] of source.matchAll(/\b(?:test|it|describe)\(\s*(['"`])(.*?)\1/g)) {
      for (const [id] of (title as string).matchAll(RULE_ID)) {
        const files = cited.get(id) ?? new Set<string>();
        files.add(relative(root, file));
        cited.set(id, files);
      }
    }
  }
  return cited;
}

interface ConformanceRow {
  id: string;
  status: string;
  tests: string;
}

function conformanceRows(): ConformanceRow[] {
  const text = readFileSync(join(root, 'docs/conformance.md'), 'utf8');
  const rows: ConformanceRow[] = [];
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const id = cells[1]?.match(/^`?((?:GEN|WS|CONN|HTTP|REST|AUTH|MAP|THR|RT)-\d+)`?$/)?.[1];
    if (id) rows.push({ id, status: cells[3] ?? '', tests: cells[4] ?? '' });
  }
  return rows;
}

test('docs/conformance.md: every rule marked done or partial is cited by a test named in its row', () => {
  const cited = citedRules();
  const problems: string[] = [];
  for (const row of conformanceRows()) {
    if (!/^(done|partial)/.test(row.status)) continue;
    const files = cited.get(row.id);
    if (!files) {
      problems.push(`${row.id} is "${row.status}" but no test name cites it`);
      continue;
    }
    for (const file of files) if (!row.tests.includes(file)) problems.push(`${row.id}: its row does not name ${file}, which tests it`);
  }
  assert.deepEqual(problems, []);
});

test('docs/conformance.md: every rule a test cites has a row', () => {
  const documented = new Set(conformanceRows().map((row) => row.id));
  assert.deepEqual([...citedRules().keys()].filter((id) => !documented.has(id)).sort(), []);
});

test('docs/conformance.md: every rule of docs/lambda-runtime.md, docs/rest-api.md and docs/http-api.md has a row', () => {
  const documented = new Set(conformanceRows().map((row) => row.id));
  const missing: string[] = [];
  for (const file of ['docs/lambda-runtime.md', 'docs/rest-api.md', 'docs/http-api.md']) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const [, id] of text.matchAll(/^- \*\*((?:RT|REST|HTTP)-\d+) /gm)) if (!documented.has(id as string)) missing.push(`${file}: ${id}`);
  }
  assert.deepEqual(missing, []);
});

test('docs/errors.md lists exactly the codes of src/errors.ts, with their kinds', () => {
  const text = readFileSync(join(root, 'docs/errors.md'), 'utf8');
  const documented = [...text.matchAll(/^\|\s*`(HOPLITE_ERR_[A-Z_]+)`\s*\|\s*(config|internal)\s*\|/gm)].map(([, code, kind]) => `${code} ${kind}`);
  const declared = Object.entries(ERRORS).map(([code, { kind }]) => `${code} ${kind}`);
  assert.deepEqual(documented.sort(), declared.sort());
});
