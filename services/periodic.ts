// A pass that repeats in the background (the reconciler, the auditor): never two at once, a
// failed pass logged and tried again next time, and it never keeps the process alive.
import { logger } from '../observability/logger';

export function runEvery(everyMs: number, what: string, pass: () => Promise<void>): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await pass();
    } catch (err) {
      logger.warn(`${what} pass failed`, { error: err });
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
