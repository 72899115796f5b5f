// Bare Temporal baselines for the benchmarks: the least a workflow can do.
import { condition, defineSignal, setHandler } from '@temporalio/workflow';

export async function noopWorkflow(): Promise<void> {}

export const paidSignal = defineSignal('paid');

export async function waitForPaymentWorkflow(): Promise<void> {
  let paid = false;
  setHandler(paidSignal, () => {
    paid = true;
  });
  await condition(() => paid);
}
