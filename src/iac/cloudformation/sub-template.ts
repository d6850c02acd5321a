/** The text of an `Fn::Sub` split into literal text and `${Name}` variables; `${!Literal}` is the literal `${Literal}`. */

export type SubPart = { text: string } | { variable: string };

export function subParts(template: string): SubPart[] | { error: string } {
  const parts: SubPart[] = [];
  let text = '';
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf('${', index);
    if (open < 0) break;
    const close = template.indexOf('}', open + 2);
    if (close < 0) return { error: `\${ at character ${open + 1} is never closed with }` };
    text += template.slice(index, open);
    const name = template.slice(open + 2, close);
    if (name.startsWith('!')) {
      text += `\${${name.slice(1)}}`;
    } else {
      if (name.trim() === '') return { error: `\${} at character ${open + 1} names no variable` };
      if (text !== '') parts.push({ text });
      text = '';
      parts.push({ variable: name.trim() });
    }
    index = close + 1;
  }
  text += template.slice(index);
  if (text !== '') parts.push({ text });
  return parts;
}
