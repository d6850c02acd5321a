/** Lays phrases out in lines of at most a given width: whole phrases where they fit, then whole words, then cut words. */

/** Characters as a terminal counts them: by code point, so `→` is one. */
export function widthOf(text: string): number {
  return [...text].length;
}

/**
 * The phrases, separated by spaces, in lines of at most `width` characters: the first starts with `indent`, the others
 * with `continuation`. A phrase wider than the room left goes to the next line; one wider than a line breaks at its
 * spaces; a word wider than a line (a long URL or ARN) is cut where the line ends.
 */
export function wrapPhrases(phrases: readonly string[], width: number, indent: string, continuation: string): string[] {
  const lines: string[] = [];
  let line = indent;
  let empty = true;
  const room = () => width - widthOf(line) - (empty ? 0 : 1);
  const append = (piece: string) => {
    line += (empty ? '' : ' ') + piece;
    empty = false;
  };
  const newLine = () => {
    lines.push(line);
    line = continuation;
    empty = true;
  };
  const place = (piece: string, isWord: boolean): void => {
    if (widthOf(piece) > room() && !empty) newLine();
    if (widthOf(piece) <= room()) {
      append(piece);
      return;
    }
    if (!isWord) {
      for (const word of piece.split(' ')) place(word, true);
      return;
    }
    let characters = [...piece];
    while (characters.length > room()) {
      const cut = Math.max(1, room());
      append(characters.slice(0, cut).join(''));
      characters = characters.slice(cut);
      newLine();
    }
    if (characters.length > 0) append(characters.join(''));
  };
  for (const phrase of phrases) place(phrase, false);
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}
