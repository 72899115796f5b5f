// An update that arrives with the workflow's start is handled in its first task: a question sent
// the moment an invoice goes out must still pause the ladder (it once wiped the pause by laying
// out the ladder's first round after the handler ran).
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { Invoice } from '../../db/entities';
import { workflowInput } from '../../services/invoice-workflow';
import { pauseRemindersUpdate } from '../../workflows/messages';
import { useE2E } from '../support/e2e';
import { ISSUER, invoiceInput } from '../support/fixtures';

const ctx = useE2E();

beforeAll(async () => {
  expect((await ctx.api.call('PUT', '/v1/issuer', ISSUER)).status).toBe(200);
});

describe('the first workflow task', () => {
  it('a pause delivered with the start pauses the ladder', async () => {
    const created = await ctx.api.call('POST', '/v1/invoices', { ...invoiceInput(), policy: 'standard' });
    const invoice = await ctx.orm.em.fork().findOneOrFail(Invoice, { id: created.body.id });
    // A second run of the same invoice's workflow, started together with the update: the update is
    // then in the very first workflow task, as it is when a question beats the worker.
    const start = new WithStartWorkflowOperation('invoiceWorkflow', {
      workflowId: `first-task-${randomUUID()}`, taskQueue: ctx.workers.taskQueue, args: [workflowInput(invoice)], workflowIdConflictPolicy: 'FAIL',
    });
    const state = await ctx.client.workflow.executeUpdateWithStart(pauseRemindersUpdate, {
      args: [{ source: 'owner', message: 'Waiting for their PO number', autoResumeDays: 0 }], startWorkflowOperation: start,
    });
    expect(state).toMatchObject({ stage: 'paused', nextStep: null, ladder: { state: 'paused' } });
    await (await start.workflowHandle()).terminate('test done');
  });
});
