/** The known name a misspelt one was most likely meant to be: the same letters in another case, or one or two edits away. */

const MAX_EDITS = 2;

export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const sameLetters = known.find((candidate) => candidate.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  let best: { name: string; edits: number } | undefined;
  for (const candidate of known) {
    const edits = editDistance(lower, candidate.toLowerCase());
    if (edits <= MAX_EDITS && (!best || edits < best.edits)) best = { name: candidate, edits };
  }
  return best?.name;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
