/** The values resolution leaves for the later mapper: references to resources and the intrinsics that depend on them. */

/** `Ref` (no attribute) or `Fn::GetAtt` to a resource the caller's resolver had no value for. */
export class ResourceReference {
  readonly ref: string;
  readonly attribute: string | undefined;

  constructor(ref: string, attribute?: string) {
    this.ref = ref;
    this.attribute = attribute;
  }
}

/** A string built from text and references (`Fn::Sub`, `Fn::Join` over a reference): the parts, in order. */
export class JoinedValue {
  readonly parts: readonly (string | Unresolved)[];

  constructor(parts: readonly (string | Unresolved)[]) {
    this.parts = parts;
  }
}

/** An intrinsic whose input holds a reference, kept whole (`Fn::Select`, `Fn::Split`, `Fn::Base64`, `Fn::Cidr`…). */
export class DeferredIntrinsic {
  readonly fn: string;
  readonly args: readonly unknown[];

  constructor(fn: string, args: readonly unknown[]) {
    this.fn = fn;
    this.args = args;
  }
}

export type Unresolved = ResourceReference | JoinedValue | DeferredIntrinsic;

export function isUnresolved(value: unknown): value is Unresolved {
  return value instanceof ResourceReference || value instanceof JoinedValue || value instanceof DeferredIntrinsic;
}

/** `AWS::NoValue`: the key or list item holding it is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
