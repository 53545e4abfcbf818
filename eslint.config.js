// ESLint flat config: correctness rules plus the one-way layer boundaries of src/.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const RENDER_LIBS = [
  'react',
  'react-dom',
  'react-dom/*',
  'three',
  'three/*',
  'zustand',
  'zustand/*',
]
const RENDER_PATTERNS = ['@react-three/*', '@deck.gl/*', 'deck.gl']
const layer = (name) => [`@/${name}/*`, `**/${name}/*`, `@/${name}`]

/** Layers below may never import the layers above them (house style §1–2). */
const restrict = (forbiddenLayers, { renderLibs = false, node = false } = {}) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: renderLibs
        ? RENDER_LIBS.filter((p) => !p.includes('*')).map((name) => ({
            name,
            message: 'domain/ and geometry/ stay pure: no React, three, deck.gl or zustand.',
          }))
        : [],
      patterns: [
        ...(renderLibs
          ? [
              {
                group: [...RENDER_PATTERNS, 'three/*', 'zustand/*', 'react-dom/*'],
                message: 'domain/ and geometry/ stay pure.',
              },
            ]
          : []),
        ...(node
          ? [{ group: ['node:*', 'fs', 'path'], message: 'Browser code cannot use Node APIs.' }]
          : []),
        ...(forbiddenLayers.length
          ? [
              {
                group: forbiddenLayers.flatMap(layer),
                message:
                  'Dependencies point down: app → ui/scene/map → state → workers → domain/geometry.',
              },
            ]
          : []),
      ],
    },
  ],
})

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'public/**',
      'bench/results/**',
      'bench/dist-baseline/**',
      'bench/dist-twin/**',
      'test-output/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/domain/**'],
    rules: restrict(['geometry', 'workers', 'state', 'scene', 'map', 'ui', 'app'], {
      renderLibs: true,
      node: true,
    }),
  },
  {
    files: ['src/geometry/**'],
    rules: {
      ...restrict(['workers', 'state', 'scene', 'map', 'ui', 'app'], {
        renderLibs: true,
        node: true,
      }),
      // Typed-array kernels index within bounds they have just checked (house style §13).
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/workers/**'],
    rules: restrict(['state', 'scene', 'map', 'ui', 'app'], { renderLibs: true, node: true }),
  },
  { files: ['src/state/**'], rules: restrict(['scene', 'map', 'ui', 'app'], { node: true }) },
  { files: ['src/scene/**', 'src/map/**', 'src/ui/**'], rules: restrict(['app'], { node: true }) },
  {
    // Tests may assert with `!` after checking lengths; the check failing fails the test.
    files: ['**/*.test.ts', 'test/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Colocated tests run in Node and read fixtures from disk; they ship in no bundle.
    files: ['src/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
)
