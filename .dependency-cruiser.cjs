/**
 * The layers of docs/architecture.md, lowest first. A module may import from its own folder and from
 * lower layers only; folders on one layer do not import each other, except the ports a consumer declares.
 */
const LAYERS = [
  ['errors.ts', 'limits.ts', 'types'],
  ['internal'],
  ['expressions', 'auth'],
  ['validation', 'mapping', 'parameter-mapping'],
  ['model'],
  ['throttle', 'lambda', 'dynamodb', 'cluster'],
  ['integrations'],
  ['surface'],
  ['websocket', 'connections', 'http', 'sites', 'lambda-api'],
  ['rest'],
  ['define', 'iac', 'describe'],
  ['options'],
  ['gateway.ts'],
  ['index.ts'],
  ['cli'],
];

const escapeDots = (name) => name.replace(/\./g, '\\.');
const pathOf = (name) => (name.endsWith('.ts') ? `^src/${escapeDots(name)}$` : `^src/${escapeDots(name)}/`);

const forbidden = [];
LAYERS.forEach((layer, level) => {
  const higher = LAYERS.slice(level + 1).flat();
  for (const name of layer) {
    if (higher.length > 0) {
      forbidden.push({
        name: `layer-${name}`,
        comment: `${name} sits below ${higher.join(', ')} and must not import them`,
        severity: 'error',
        from: { path: pathOf(name) },
        to: { path: higher.map(pathOf).join('|') },
      });
    }
    const siblings = layer.filter((other) => other !== name);
    if (siblings.length > 0) {
      forbidden.push({
        name: `same-layer-${name}`,
        comment: `${name} must not import ${siblings.join(', ')} of its own layer; the consumer declares a port instead`,
        severity: 'error',
        from: { path: pathOf(name) },
        to: { path: siblings.map(pathOf).join('|'), pathNot: '^src/[^/]+/port\\.ts$' },
      });
    }
  }
});

module.exports = {
  forbidden: [
    ...forbidden,
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'src-not-from-tests', severity: 'error', from: { path: '^src/' }, to: { path: '^(test|examples|bench)/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.d.ts'] },
  },
};
