import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Feature folders depend one way only: each folder below lists the folders of src it may import (a
 * relative import reaching any other is an error), lowest first. The lower layers (lib, db, areas,
 * contacts, the outbox) know nothing of the features built on them; USSD knows nothing of the SMS
 * channels; nothing imports the doors (api, dashboard, channels) but the composition root (gateway.ts,
 * wiring.ts, app.ts, main.ts). One sanctioned exception: config.ts builds its schema from the channel
 * registry (each channel brings its own settings), and the channels use config's types.
 */
export const LAYERS = [
  { folder: 'lib', may: [] },
  { folder: 'db', may: [] },
  { folder: 'areas', may: ['db', 'lib'] },
  { folder: 'ops', may: ['db', 'lib'] },
  { folder: 'access', may: ['areas', 'db', 'lib'] },
  { folder: 'contacts', may: ['areas', 'config', 'db', 'lib'] },
  { folder: 'outbox', may: ['channels/channel-types', 'contacts', 'db', 'lib', 'ops'] },
  { folder: 'flows', may: ['areas', 'config', 'outbox'] },
  { folder: 'reports', may: ['access', 'areas', 'config', 'contacts', 'db', 'flows', 'lib', 'outbox'] },
  { folder: 'ussd', may: ['areas', 'config', 'contacts', 'db', 'flows', 'lib', 'ops', 'reports'] },
  { folder: 'alerts', may: ['areas', 'config', 'contacts', 'db', 'flows', 'lib', 'outbox', 'reports'] },
  { folder: 'data-safety', may: ['access', 'config', 'contacts', 'db', 'lib'] },
  { folder: 'digests', may: ['alerts', 'areas', 'config', 'contacts', 'data-safety', 'db', 'flows', 'lib', 'outbox'] },
  { folder: 'sms', may: ['access', 'alerts', 'areas', 'config', 'contacts', 'db', 'flows', 'lib', 'ops', 'outbox', 'reports'] },
  { folder: 'inbound', may: ['channels/channel-types', 'config', 'contacts', 'db', 'flows', 'lib', 'ops', 'outbox', 'sms'] },
  { folder: 'broadcast', may: ['access', 'alerts', 'areas', 'channels/channel-types', 'config', 'contacts', 'db', 'flows', 'lib', 'outbox'] },
  { folder: 'channels', may: ['config', 'inbound', 'lib', 'outbox', 'ussd'] },
  { folder: 'api', may: ['access', 'areas', 'broadcast', 'contacts', 'data-safety', 'db', 'lib', 'outbox', 'reports'] },
  { folder: 'dashboard', may: ['access', 'areas', 'broadcast', 'config', 'contacts', 'db', 'flows', 'lib', 'reports'] },
];

/** The rule for one folder: files directly in it reach src with ../, files one level down with ../../. */
const layerRule = ({ folder, may }, up) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          regex: `^${'\\.\\./'.repeat(up)}(?!(${may.join('|')})(/|$))[a-z-]+`,
          message: `src/${folder} depends one way only: it may import ${may.length ? may.join(', ') : 'nothing of src'} (see LAYERS in eslint.config.mjs).`,
        },
      ],
    },
  ],
});

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
  ...LAYERS.flatMap((layer) => [
    { files: [`src/${layer.folder}/*.ts`], rules: layerRule(layer, 1) },
    { files: [`src/${layer.folder}/*/**/*.ts`], rules: layerRule(layer, 2) },
  ]),
);
