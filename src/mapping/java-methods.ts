/**
 * The Java string and list methods templates call that velocityjs lacks or gives JavaScript meaning to
 * (MAP-30): `length()`, `contains()`, and `replaceAll()` with a Java regular expression. velocityjs
 * itself provides `size()`, `keySet()`, `get()`, `entrySet()`, `put()` and `isEmpty()`.
 */
import type { Compile } from 'velocityjs';

type CompileConfig = NonNullable<ConstructorParameters<typeof Compile>[1]>;
type Handler = NonNullable<CompileConfig['customMethodHandlers']>[number];

const stringMethod = (name: string, resolve: (text: string, params: unknown[]) => unknown): Handler => ({
  uid: `java-string-${name}`,
  match: ({ property, context }) => property === name && typeof context === 'string',
  resolve: ({ context, params }) => resolve(context as string, params),
});

export const JAVA_METHODS: Handler[] = [
  stringMethod('length', (text) => text.length),
  stringMethod('contains', (text, [part]) => text.includes(String(part))),
  // Java's replaceAll replaces every match of a regular expression; `$1` means a group in both languages.
  stringMethod('replaceAll', (text, [pattern, replacement]) => text.replace(new RegExp(String(pattern), 'g'), String(replacement))),
  {
    uid: 'java-list-contains',
    match: ({ property, context }) => property === 'contains' && Array.isArray(context),
    resolve: ({ context, params }) => (context as unknown[]).includes(params[0]),
  },
  {
    uid: 'java-map-containsKey',
    match: ({ property, context }) => property === 'containsKey' && context !== null && typeof context === 'object',
    resolve: ({ context, params }) => Object.hasOwn(context as object, String(params[0])),
  },
];
