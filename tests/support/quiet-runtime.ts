// The worker SDK logs every state change at INFO; tests keep only warnings and errors.
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed in this process (a second file in the same fork).
}
