// One factory for every activity; the worker passes in what they need.
import { createEmailActivities, type EmailDeps } from './email';
import { createRecordActivities } from './records';
import { createOwnerEmailActivities } from './owner-email';
import { createRecurringActivities, type RecurringActivityDeps } from './recurring';
import { createReminderBatchActivities, createReminderQueueActivities } from './client-reminders';

export function createActivities(deps: EmailDeps & RecurringActivityDeps) {
  const email = createEmailActivities(deps);
  return { ...createRecordActivities(deps), ...email, ...createOwnerEmailActivities(deps), ...createRecurringActivities(deps), ...createReminderQueueActivities(deps), ...createReminderBatchActivities(deps, email.sendClientEmail) };
}

export type Activities = ReturnType<typeof createActivities>;
