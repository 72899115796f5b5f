// One factory for every activity; the worker passes in what they need.
import { createEmailActivities, type EmailDeps } from './email';
import { createRecordActivities } from './records';
import { createRecurringActivities, type RecurringActivityDeps } from './recurring';

export function createActivities(deps: EmailDeps & RecurringActivityDeps) {
  return { ...createRecordActivities(deps), ...createEmailActivities(deps), ...createRecurringActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
