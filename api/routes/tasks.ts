import { Router } from 'express';
import { OwnerTask } from '../../db/entities';
import type { AppDeps } from '../deps';

export function tasksRouter({ orm }: AppDeps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const status = req.query.status === 'done' ? 'done' : 'open';
    const tasks = await orm.em.fork().find(OwnerTask, { status }, { orderBy: { createdAt: 'asc' }, limit: 200 });
    res.json({ data: tasks });
  });
  return router;
}
