// One workflow per client (started by the first reminder, with signal-with-start): the reminder
// steps of the client's invoices that fall in one send window go out as one email. Each invoice's
// workflow keeps its own ladder and hands its step here; this one gathers, sends once, and tells
// each invoice which email carried it. Continue-as-new keeps its history short.
import { condition, continueAsNew, getExternalWorkflowHandle, log, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ClientRemindersInput, ReminderRequest } from '../domain/types';
import { reminderCarriedSignal, reminderDueSignal } from './messages';
import { emailTaskQueue } from './task-queues';

/**
 * Steps of one day are timed at the policy's send time on the client's clock, so a client's
 * reminders of a day arrive together; five minutes gather those a busy worker delays.
 */
export const SEND_WINDOW = '5 minutes';
/** Idle this long, the workflow ends; the next reminder starts it again. */
const IDLE = '30 days';

export async function clientRemindersWorkflow(input: ClientRemindersInput, carried: ReminderRequest[] = []): Promise<void> {
  const { sendReminderBatch } = proxyActivities<Activities>({
    taskQueue: emailTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2 },
  });
  const pending: ReminderRequest[] = [...carried];
  const known = new Set(pending.map((r) => r.key));
  setHandler(reminderDueSignal, (r: ReminderRequest) => {
    if (known.has(r.key)) return;
    known.add(r.key);
    pending.push(r);
  });

  for (;;) {
    if (pending.length === 0 && !(await condition(() => pending.length > 0, IDLE))) return;
    await sleep(SEND_WINDOW);
    const batch = pending.splice(0);
    const outcome = await sendReminderBatch({ clientEmail: input.clientEmail, items: batch });
    for (const carriedBy of outcome) {
      const item = batch.find((b) => b.key === carriedBy.key)!;
      // An invoice settled and closed meanwhile has nobody to tell; its record already says why.
      await getExternalWorkflowHandle(item.invoiceWorkflowId).signal(reminderCarriedSignal, carriedBy)
        .catch((err: unknown) => log.info('invoice workflow not told of its reminder', { key: item.key, error: (err as Error).message }));
    }
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 2_000) {
      await condition(() => true);
      await continueAsNew<typeof clientRemindersWorkflow>(input, pending.splice(0));
    }
  }
}
