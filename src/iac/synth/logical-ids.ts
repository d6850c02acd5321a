/** CloudFormation logical ids from model names: letters and digits only, so `sample-connections` becomes `SampleConnections`. */

/** `logicalId('sample-connections', 'Table')` → `SampleConnectionsTable`. Names are unique per kind in the model. */
export function logicalId(name: string, suffix = ''): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const pascal = words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join('');
  // A logical id must start with a letter.
  const id = /^[A-Za-z]/.test(pascal) ? pascal : `R${pascal}`;
  return `${id}${suffix}`;
}
