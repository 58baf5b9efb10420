// The house rules of src/ (docs/architecture.md explains them): each folder may import only the
// folders below it, the speed wing (src/accel/) only the tensor core, nothing but the entry points
// installs the speed wing, only Node-side folders touch `node:` modules, and no cycles. Tests may
// import anything. `npm run lint` runs this.

// Lowest first: a folder may import itself and any folder of a lower level.
const LEVELS = [
  ['errors'],
  ['tensor'],
  ['accel', 'regularizers'],
  ['layers'],
  ['losses', 'optimizers'],
  ['metrics'],
  ['report'],
  ['model'],
  ['gradcheck', 'data'],
  ['plot'],
  ['io'],
  ['cli'],
];

const TEST = '\\.test\\.ts$';

const levelOf = (folder) => LEVELS.findIndex((level) => level.includes(folder));

const layerRules = LEVELS.flat().map((folder) => {
  const above = LEVELS.flat().filter(
    (other) =>
      other !== folder &&
      (levelOf(other) >= levelOf(folder) || (folder === 'accel' && other !== 'tensor' && other !== 'errors')),
  );
  return {
    name: `layering-${folder}`,
    comment: `src/${folder}/ may import only the folders below it (see docs/architecture.md)`,
    severity: 'error',
    from: { path: `^src/${folder}/`, pathNot: TEST },
    to: { path: `^src/(${above.join('|')})/` },
  };
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'speed-wing-behind-one-door',
      comment:
        'the book code reaches the speed wing only through the kernel table (src/tensor/kernel-table.ts); only the entry points install it',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(accel|cli)/', '^src/(index|node)\\.ts$', TEST] },
      to: { path: '^src/accel/' },
    },
    {
      name: 'node-modules-only-on-the-node-side',
      comment:
        'library code runs in browsers too: node: modules only in cli/, io/ and the Node thread starter',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: [
          '^src/(cli|io)/',
          '^src/accel/threads/(node-kernel-thread|node-kernel-worker|start-worker)\\.ts$',
          TEST,
        ],
      },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'playground-not-through-the-cli',
      comment: 'the playground uses the library, never the command line code',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'lgpl-stays-out-of-the-package',
      comment:
        "extras/ holds LGPL-2.1 code (the port of glibc's sin); the MIT package (src/, web/) never imports it",
      severity: 'error',
      from: { path: '^(src|web)/', pathNot: TEST },
      to: { path: '^extras/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'a cycle of type-only imports is harmless at run time; a cycle of values is not',
      from: { path: '^src/', pathNot: TEST },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
  },
};
