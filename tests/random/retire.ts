// A checked sequence's invoices play no further part, but open ones would keep firing reminders
// in every later time skip, and a long run would slow down as they pile up: their workflows end.
// Only an idle one is terminated. The Java test server keeps a time-skipping lock for each
// pending activity and releases it only when that activity's workflow is still running
// (TestWorkflowMutableStateImpl.timeoutActivity and completeActivityTask throw NOT_FOUND for a
// closed one), so terminating a workflow with an activity in flight (after a kill -9, say) would
// stop time skipping for good. A busy workflow waits for a later sequence's retirement.
import type { System } from './system';

// temporal.api.enums.v1.EventType (@temporalio/proto, not a direct dependency).
const EVENT_TYPE_WORKFLOW_TASK_SCHEDULED = 5;
const EVENT_TYPE_WORKFLOW_TASK_STARTED = 6;

const waiting = new WeakMap<System, Set<string>>();

async function retireOne(sys: System, workflowId: string): Promise<'done' | 'busy'> {
  const handle = sys.env.client.workflow.getHandle(workflowId);
  const d = await handle.describe().catch(() => undefined);
  if (!d || d.status.name !== 'RUNNING') return 'done';
  if ((d.raw.pendingActivities ?? []).length > 0) return 'busy';
  const events = (await handle.fetchHistory()).events ?? [];
  const last = events.at(-1)?.eventType;
  // A workflow task the worker has yet to finish.
  if (last === EVENT_TYPE_WORKFLOW_TASK_SCHEDULED || last === EVENT_TYPE_WORKFLOW_TASK_STARTED) return 'busy';
  await handle.terminate('random tester: sequence checked').catch(() => undefined);
  return 'done';
}

export async function retire(sys: System, workflowIds: string[]): Promise<void> {
  const queue = waiting.get(sys) ?? new Set<string>();
  waiting.set(sys, queue);
  for (const id of workflowIds) queue.add(id);
  for (const id of [...queue]) {
    if ((await retireOne(sys, id)) === 'done') queue.delete(id);
  }
}
