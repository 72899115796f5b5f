// The time-skipping test server, started with retries: the SDK gives it 5 s to answer, which a
// busy 2-core machine (a cluster or a second test file starting beside it) sometimes exceeds.
import { TestWorkflowEnvironment } from '@temporalio/testing';

export async function startTimeSkippingServer(attempts = 3): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!path) throw new Error('TEMPORAL_TEST_SERVER_PATH is not set; run the tests with "npm test"');
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
    } catch (err) {
      if (attempt >= attempts || !/did not start within/.test(String((err as Error).message))) throw err;
    }
  }
}
