import { Router } from 'express';
import type { OwnerLinks } from '../../services/owner-links';
import { completeTask, listTasks, taskView } from '../../services/owner-tasks';
import type { AppDeps } from '../deps';
import { parse } from '../errors';
import { TaskCompletionSchema, TaskListQuerySchema } from '../schemas';

/** The owner's to-do list: personal check-ins, client questions, broken promises, collections reviews. */
export function tasksRouter(deps: AppDeps & { ownerLinks: OwnerLinks }): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const { status } = parse(TaskListQuerySchema, req.query, 'query');
    res.json({ data: (await listTasks(deps.orm, status)).map((t) => taskView(t, deps)) });
  });

  // Completing a check-in records what came of it, and that outcome steers the ladder (services/owner-tasks.ts).
  router.post('/:id/complete', async (req, res) => {
    const input = parse(TaskCompletionSchema, req.body);
    res.json(taskView(await completeTask(deps, req.params.id, input), deps));
  });

  return router;
}
