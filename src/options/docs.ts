/** docs/options.md, rendered from the schema: test/meta/options-doc.test.ts keeps the file equal to it. */
import { declaredOptions, flagLabel, primitiveDefault } from './declared.ts';
import type { OptionFlag } from './meta.ts';

const code = (text: string) => `\`${text}\``;
const valueText = (value: string | number | boolean) => code(typeof value === 'string' ? `'${value}'` : String(value));
const cell = (text: string) => text.replaceAll('|', '\\|');

function flagsCell(flags: readonly OptionFlag[]): string {
  return flags.map((flag) => `${code(flagLabel(flag))}${flag.multiple ? ' (repeatable)' : ''}`).join(', ');
}

function defaultCell(documented: string | undefined, value: string | number | boolean | undefined, flags: readonly OptionFlag[]): string {
  const own = documented ?? (value === undefined ? 'none' : valueText(value));
  const underDev = flags.flatMap((flag) => (flag.commandDefault === undefined ? [] : [valueText(flag.commandDefault as string | number | boolean)]));
  return underDev.length === 0 ? own : `${own} (${underDev.join(', ')} under \`hoplite dev\`)`;
}

export function renderOptionsDoc(): string {
  const rows = declaredOptions().map(({ name, schema, meta }) => {
    const flags = meta.flags ?? [];
    return `| ${code(name)} | ${cell(flagsCell(flags))} | ${cell(defaultCell(meta.default, primitiveDefault(schema), flags))} | ${cell(meta.meaning)} |`;
  });
  return [
    '# Gateway options',
    '',
    '<!-- Rendered from src/options/schema.ts by `npm run docs:options`; edit the schema, not this file. -->',
    '',
    '`new Gateway(service, options)` takes these; `hoplite dev` sets the ones with a flag, and builds its `log` from',
    '`--quiet`, `--functions` and the terminal. The options that are functions or objects (`log`, `clock`, `ids`,',
    '`isTrustedClient`, `tls`, `credentials`) are set from code only. AWS quotas are in `src/limits.ts`.',
    '',
    '| Option | Flag | Default | Meaning |',
    '| ------ | ---- | ------- | ------- |',
    ...rows,
    '',
  ].join('\n');
}
