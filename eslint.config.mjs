import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Feature folders depend one way only: each folder below lists the folders of src it may import (a
 * relative import reaching any other is an error). The lower layers (lib, db, areas, contacts, the
 * outbox) know nothing of the features built on them; USSD knows nothing of the SMS channels.
 */
export const LAYERS = [
  { folder: 'lib', may: [] },
  { folder: 'db', may: [] },
  { folder: 'areas', may: ['db', 'lib'] },
  { folder: 'contacts', may: ['areas', 'config', 'db', 'lib'] },
  { folder: 'outbox', may: ['channels/channel-types', 'contacts', 'db', 'lib', 'ops'] },
  { folder: 'ussd', may: ['areas', 'config', 'contacts', 'db', 'flows', 'lib', 'ops', 'reports'] },
];

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'coverage', 'migrations', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // A channel folder merges its settings into Config: `interface ChannelSettings extends TheirSettings {}`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  { files: ['scripts/**/*.ts', 'test/**/*.ts'], rules: { 'no-console': 'off' } },
  // The dashboard's browser script: plain ES5 in the page, next to the libraries it draws with.
  {
    files: ['src/dashboard/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { document: 'readonly', window: 'readonly', uPlot: 'readonly', L: 'readonly' } },
  },
  ...LAYERS.map(({ folder, may }) => ({
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^\\.\\./(?!(${may.join('|')})(/|$))[a-z-]+`,
              message: `src/${folder} sits below the feature folders: it may import only ${may.length ? may.join(', ') : 'nothing of src'} (see LAYERS in eslint.config.mjs).`,
            },
          ],
        },
      ],
    },
  })),
);
