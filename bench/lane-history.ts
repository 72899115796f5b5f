// Where a lane's time goes, read from its workflow histories: waiting in a task queue (scheduled →
// started) or running (started → completed), for workflow tasks and for each activity type. Tells
// a lane slowed by a busy worker (queue waits) from one slowed by its own work (run times).
import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';

export interface LaneTimes {
  /** Deliveries completed in the histories read (deliverWebhook or postEvent). */
  deliveries: number;
  /** Each ms total over the histories read; divide by deliveries for a per-event figure. */
  workflowTasks: number;
  workflowTaskQueue: number;
  workflowTaskRun: number;
  /** Activity type → its queue wait and run time, and how many completed. */
  activities: Map<string, { queue: number; run: number; count: number }>;
}

const DELIVERIES = new Set(['deliverWebhook', 'postEvent']);

export async function laneTimes(client: Client, workflowIds: string[], sample = 30): Promise<LaneTimes> {
  const times: LaneTimes = { deliveries: 0, workflowTasks: 0, workflowTaskQueue: 0, workflowTaskRun: 0, activities: new Map() };
  // Evenly spread over the step, not only its first lanes.
  const picked = workflowIds.filter((_, i) => i % Math.max(1, Math.floor(workflowIds.length / sample)) === 0).slice(0, sample);
  for (const id of picked) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    const at = new Map<number, number>();
    const activityType = new Map<number, string>();
    for (const e of history.events ?? []) {
      const eventId = Number(e.eventId);
      const time = tsToMs(e.eventTime);
      at.set(eventId, time);
      if (e.activityTaskScheduledEventAttributes) activityType.set(eventId, e.activityTaskScheduledEventAttributes.activityType?.name ?? '?');
      if (e.workflowTaskStartedEventAttributes) times.workflowTaskQueue += time - at.get(Number(e.workflowTaskStartedEventAttributes.scheduledEventId))!;
      if (e.workflowTaskCompletedEventAttributes) {
        times.workflowTasks += 1;
        times.workflowTaskRun += time - at.get(Number(e.workflowTaskCompletedEventAttributes.startedEventId))!;
      }
      const done = e.activityTaskCompletedEventAttributes;
      if (done) {
        const type = activityType.get(Number(done.scheduledEventId))!;
        const started = at.get(Number(done.startedEventId))!;
        const own = times.activities.get(type) ?? { queue: 0, run: 0, count: 0 };
        own.queue += started - at.get(Number(done.scheduledEventId))!;
        own.run += time - started;
        own.count += 1;
        times.activities.set(type, own);
        if (DELIVERIES.has(type)) times.deliveries += 1;
      }
    }
  }
  return times;
}

/** "queue / run" ms per delivered event, workflow tasks first, then each activity type. */
export function describeLaneTimes(t: LaneTimes): string {
  const per = (v: number) => (v / Math.max(1, t.deliveries)).toFixed(0);
  // ×n: how many of them a delivered event took.
  const times = (n: number) => `×${(n / Math.max(1, t.deliveries)).toFixed(1)}`;
  const parts = [`workflow tasks ${times(t.workflowTasks)} ${per(t.workflowTaskQueue)} / ${per(t.workflowTaskRun)}`];
  for (const [type, a] of t.activities) parts.push(`${type} ${times(a.count)} ${per(a.queue)} / ${per(a.run)}`);
  return parts.join('; ');
}
