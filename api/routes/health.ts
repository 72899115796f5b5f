import { Router } from 'express';
import type { AppDeps } from '../deps';

/** Ready only when both PostgreSQL and Temporal answer; a load balancer routes on this. */
export function healthRouter({ orm, temporal }: AppDeps): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const check = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
        return 'ok';
      } catch {
        return 'unavailable';
      }
    };
    const [database, temporalStatus] = await Promise.all([
      check(() => orm.em.fork().getConnection().execute('select 1')),
      check(() => temporal.connection.withDeadline(Date.now() + 2000, () => temporal.workflowService.getSystemInfo({}))),
    ]);
    const ok = database === 'ok' && temporalStatus === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', database, temporal: temporalStatus });
  });
  return router;
}
