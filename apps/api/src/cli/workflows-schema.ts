import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateJsonSchemas } from '@onevisit/definitions';
import { runCli, workflowsRoot } from './cli-support.js';

/** Writes the JSON Schemas of the definition files to workflows/schema/, for editors and `$schema`. */
runCli(async () => {
  const dir = join(workflowsRoot(), 'schema');
  await mkdir(dir, { recursive: true });
  for (const [name, schema] of Object.entries(generateJsonSchemas())) {
    await writeFile(join(dir, name), `${JSON.stringify(schema, null, 2)}\n`);
    console.log(`wrote ${join('workflows', 'schema', name)}`);
  }
  return 0;
});
