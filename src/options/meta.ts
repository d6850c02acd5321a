/** What the schema of each option carries beside its type: its documentation and the `hoplite dev` flags that set it. */
import type { ZodType } from 'zod';

/** A flag of `hoplite dev`, declared on the option it sets. */
export interface OptionFlag {
  /** Without the dashes: `port`, `no-reload`. */
  name: string;
  /** Placeholder of the flag's value in `--help` (`<n>`); absent for a switch. */
  value?: string;
  /** The value may be left out (`--inspect` or `--inspect=9300`); alone, the flag means this value. */
  alone?: string;
  /** Given more than once, the option gets every value. */
  multiple?: boolean;
  /** The flag's line in `--help`. */
  help: string;
  /** The default `--help` shows, where the option's own does not say it. */
  default?: string;
  /**
   * The flag's text (true for a switch, every value for a repeatable flag) to the option's value, with the
   * option's own expectations. Absent: the flag's text is the option's value. `null`: the command reads the flag
   * itself, because it builds the option from more than the flag (the `log` from `--quiet`, `--functions` and the terminal).
   */
  toOption?: ZodType | null;
  /** The option's value under `hoplite dev` when the flag is not given, where it differs from the option's default. */
  commandDefault?: unknown;
}

export interface OptionMeta {
  /** The default as docs/options.md states it, where the schema's default value does not say it (or there is none). */
  default?: string;
  /** What the option does, in Markdown, for docs/options.md. */
  meaning: string;
  flags?: readonly OptionFlag[];
  /** The value is never written into an error message (a private key, a secret access key). */
  secret?: boolean;
}

/**
 * Every option's schema is registered here with its documentation; docs/options.md and `--help` are read from it.
 * A map of our own rather than a Zod registry, whose typing rewrites the schemas a meta object holds (`toOption`).
 */
export const OPTION_META = new WeakMap<ZodType, OptionMeta>();

export function documented<T extends ZodType>(schema: T, meta: OptionMeta): T {
  OPTION_META.set(schema, meta);
  return schema;
}
