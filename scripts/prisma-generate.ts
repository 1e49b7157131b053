// Runs `prisma generate` offline. Every Prisma CLI command first tries to download
// the schema-engine binary, which fails on these machines; pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips that download, and
// `generate` itself needs no engine (the query compiler is WebAssembly).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], {
  stdio: 'inherit',
  // eslint-disable-next-line no-restricted-properties -- a build script, not the app
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
});
process.exit(result.status ?? 1);
