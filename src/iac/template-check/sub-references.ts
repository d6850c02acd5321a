/** The names an `Fn::Sub` string refers to: `${Name}` (a Ref) and `${Name.Attribute}` (a GetAtt); `${!Literal}` is text. */

export interface SubReference {
  /** The text between the braces. */
  text: string;
  logicalId: string;
  /** Set for `${Name.Attribute}`. */
  attribute?: string;
}

export function subReferences(text: string): SubReference[] {
  const references: SubReference[] = [];
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    const inner = match[1]!;
    if (inner.startsWith('!')) continue;
    // Pseudo parameters hold "::" but no dot; an attribute starts after the first dot.
    const dot = inner.indexOf('.');
    references.push(dot < 0 ? { text: inner, logicalId: inner } : { text: inner, logicalId: inner.slice(0, dot), attribute: inner.slice(dot + 1) });
  }
  return references;
}
