// Bundles the CLI (dist/cli.js) and the action (dist/index.js) with rolldown, and writes the config's JSON Schema.
// dist/ is committed: GitHub runs it as is, with no node_modules beside it.
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const schemaOnly = process.argv.includes('--schema-only');

async function bundle(input, dir) {
  await build({
    input,
    platform: 'node',
    logLevel: 'warn',
    output: {
      dir,
      format: 'esm',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
  });
}

if (!schemaOnly) {
  // Built beside dist/ and swapped in, so a process running the old bundle is never left with half a new one.
  const fresh = `dist.${process.pid}.tmp`;
  const stale = `dist.${process.pid}.old`;
  rmSync(fresh, { recursive: true, force: true });
  await bundle({ cli: 'src/cli/main.ts', index: 'src/action/main.ts' }, fresh);
  if (existsSync('dist')) renameSync('dist', stale);
  renameSync(fresh, 'dist');
  rmSync(stale, { recursive: true, force: true });
}

const temporary = mkdtempSync(join(tmpdir(), 'llm-cost-diff-schema-'));
try {
  await bundle({ schema: 'src/config/json-schema.ts' }, temporary);
  const { configJsonSchema } = await import(pathToFileURL(join(temporary, 'schema.js')).href);
  writeFileSync('schema/llm-cost.schema.json', `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
} finally {
  rmSync(temporary, { recursive: true, force: true });
}
