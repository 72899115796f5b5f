// Before the cluster suite: the Temporal server and UI binaries (built once per version into the
// cache outside the checkout, which can take minutes the first time) and one workflow bundle for
// every Dunwell worker the tests start and restart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { ensureClusterBinaries } from '../../cluster/binaries';
import { writeWorkflowBundle } from '../../scripts/bundle-workflows';

declare module 'vitest' {
  export interface ProvidedContext {
    clusterWorkflowBundle: string;
    clusterScratch: string;
  }
}

export default async function setup(project: TestProject) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dunwell-cluster-'));
  // Readable by the 'postgres' user that embedded PostgreSQL runs as when we are root.
  fs.chmodSync(scratch, 0o755);
  const [bundle] = await Promise.all([
    writeWorkflowBundle(path.join(scratch, 'workflow-bundle.js'), new DefaultLogger('WARN')),
    ensureClusterBinaries(),
  ]);
  project.provide('clusterWorkflowBundle', bundle);
  project.provide('clusterScratch', scratch);
  return () => fs.rmSync(scratch, { recursive: true, force: true });
}
