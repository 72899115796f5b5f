// `npm run bundle:workflows`: the workflow code bundled once, ahead of time, as Temporal advises
// for production. A worker given WORKFLOW_BUNDLE_PATH loads it instead of running webpack at
// start, which saves it the bundler's memory (see the README's benchmark) and its start-up time.
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, type Logger } from '@temporalio/worker';

export const DEFAULT_BUNDLE_PATH = path.resolve(__dirname, '../dist/workflow-bundle.js');

export async function writeWorkflowBundle(target = DEFAULT_BUNDLE_PATH, logger?: Logger): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: path.resolve(__dirname, '../workflows/index.ts'), logger });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, code);
  return target;
}

if (require.main === module) {
  writeWorkflowBundle(process.argv[2] ? path.resolve(process.argv[2]) : undefined).then(
    (file) => console.log(`workflow bundle written to ${file}`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
