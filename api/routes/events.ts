import { Router } from 'express';
import { listEvents } from '../../services/event-log';
import type { AppDeps } from '../deps';
import { parse } from '../errors';
import { EventListQuerySchema } from '../event-schemas';

/** The event log: what happened to invoices, newest first, kept for EVENT_RETENTION_DAYS. */
export function eventsRouter({ orm }: AppDeps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json({ object: 'list', ...(await listEvents(orm, parse(EventListQuerySchema, req.query, 'query'))) });
  });
  return router;
}
