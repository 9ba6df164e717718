/**
 * The layer rules of ARCHITECTURE.md, checked by `npm run lint:deps` (and first thing in `npm test`).
 * A rule's name says what it forbids; its comment says which way the arrow must go instead.
 * Type-only imports count: a type is a dependency too.
 */
const layer = (name, allowed) => ({
  name: `${name}-may-import-only-${[name, ...allowed].join('-')}`,
  severity: 'error',
  comment: `src/${name} may import only ${[name, ...allowed].map((a) => `src/${a}`).join(', ')} (ARCHITECTURE.md, "Layers").`,
  from: { path: `^src/${name}/` },
  to: { path: '^src/', pathNot: `^src/(${[name, ...allowed].join('|')})/` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import circles make the load order matter and hide which file owns what; move the shared part down.',
      from: {},
      to: { circular: true },
    },
    layer('core', []),
    layer('backends', ['core']),
    layer('system', ['core']),
    layer('terminal', ['core', 'system']),
    layer('session', ['core', 'backends', 'system']),
    layer('ui', ['core', 'session']),
    layer('commands', ['core', 'backends', 'session', 'system']),
    layer('fake', ['core']),
    {
      name: 'only-cli-imports-the-composition-root',
      severity: 'error',
      comment: 'src/cli.tsx and src/cliArgs.ts wire everything together; nothing below them imports them.',
      from: { path: '^src/', pathNot: '^src/cli(Args)?\\.tsx?$' },
      to: { path: '^src/cli(Args)?\\.tsx?$' },
    },
    {
      name: 'core-ui-session-do-no-io',
      severity: 'error',
      comment: 'core is pure; ui and session reach files, processes and the network only through src/system or src/backends.',
      from: { path: '^src/(core|ui|session)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-has-no-react',
      severity: 'error',
      comment: 'core is plain logic: React and Ink belong to src/ui (and the composition root).',
      from: { path: '^src/(core|backends|system|session|commands|fake)/' },
      to: { path: '^node_modules/(react|ink|ink-[^/]+)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.build.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
