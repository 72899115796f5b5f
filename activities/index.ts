// One factory for every activity; the worker passes in what they need.
import { createEmailActivities, type EmailDeps } from './email';
import { createRecordActivities } from './records';

export function createActivities(deps: EmailDeps) {
  return { ...createRecordActivities(deps), ...createEmailActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
