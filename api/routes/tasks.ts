import { Router } from 'express';
import { Invoice, OwnerTask } from '../../db/entities';
import { DomainError } from '../../services/errors';
import { pauseReminders, recordPromise, resumeReminders } from '../../services/invoice-commands';
import type { AppDeps } from '../deps';
import { isUuid } from '../params';
import { parse } from '../errors';
import { TaskCompletionSchema, TaskListQuerySchema } from '../schemas';

/** The owner's to-do list: personal check-ins, client questions, broken promises, collections reviews. */
export function tasksRouter({ orm, temporal }: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const { status } = parse(TaskListQuerySchema, req.query, 'query');
    const tasks = await orm.em.fork().find(OwnerTask, { status }, { orderBy: { createdAt: 'asc' }, limit: 200 });
    res.json({ data: tasks });
  });

  // Completing a check-in records what came of it, and that outcome steers the ladder.
  router.post('/:id/complete', async (req, res) => {
    const input = parse(TaskCompletionSchema, req.body);
    const em = orm.em.fork();
    const task = isUuid(req.params.id) ? await em.findOne(OwnerTask, { id: req.params.id }) : null;
    if (!task) throw new DomainError('task_not_found', `No task with id ${req.params.id}`);
    if (task.status === 'done') throw new DomainError('not_allowed_now', 'This task is already done.');
    const invoice = await em.findOneOrFail(Invoice, { id: task.invoiceId });
    if (input.outcome === 'promise') await recordPromise(temporal, invoice, { date: input.promiseDate!, note: input.note, source: 'owner' });
    if (input.outcome === 'pause') await pauseReminders(temporal, invoice, { source: 'owner', message: input.note! });
    if (input.outcome === 'resume') await resumeReminders(temporal, invoice, input.note);
    task.status = 'done';
    task.outcome = input.note ? `${input.outcome}: ${input.note}` : input.outcome;
    task.completedAt = new Date();
    await em.flush();
    res.json(task);
  });

  return router;
}
