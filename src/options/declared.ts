/** The options of the schema with their documentation, in declaration order: what `--help`, the flag parser and docs/options.md read. */
import type { ZodType } from 'zod';
import { OPTION_META, type OptionFlag, type OptionMeta } from './meta.ts';
import { GATEWAY_OPTION_SHAPE } from './schema.ts';

export type OptionName = keyof typeof GATEWAY_OPTION_SHAPE;

export interface DeclaredOption {
  name: OptionName;
  schema: ZodType;
  meta: OptionMeta;
}

export function declaredOptions(): DeclaredOption[] {
  return (Object.entries(GATEWAY_OPTION_SHAPE) as Array<[OptionName, ZodType]>).map(([name, schema]) => {
    const meta = OPTION_META.get(schema);
    // Every option is registered where it is declared; a missing one is a defect of the schema.
    if (!meta) throw new Error(`option ${name} has no documentation`);
    return { name, schema, meta };
  });
}

export function declaredFlags(): Array<DeclaredOption & { flag: OptionFlag }> {
  return declaredOptions().flatMap((option) => (option.meta.flags ?? []).map((flag) => ({ ...option, flag })));
}

/** The option's default when it is a string, number or boolean (absent, a function or an object otherwise). */
export function primitiveDefault(schema: ZodType): string | number | boolean | undefined {
  const parsed = schema.safeParse(undefined);
  const value: unknown = parsed.success ? parsed.data : undefined;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/** `--port <n>`, `--inspect[=host:port]`, `--quiet`. */
export function flagLabel(flag: OptionFlag): string {
  if (flag.alone !== undefined) return `--${flag.name}[=${flag.value}]`;
  return flag.value === undefined ? `--${flag.name}` : `--${flag.name} ${flag.value}`;
}
