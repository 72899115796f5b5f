// Per test process: the SDK's logs at WARN and up, our info lines kept out of the way (tests that
// read logs capture them with setLogSink), and the SDK's Prometheus exporter on a loopback port.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { setLogSink } from '../../observability/logger';

const sdkMetricsPort = 40_000 + (process.pid % 20_000);
process.env.SDK_METRICS_URL = `http://127.0.0.1:${sdkMetricsPort}/metrics`;

try {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkMetricsPort}` } } },
  });
} catch {
  // Already installed in this process (a second file in the same fork).
}

setLogSink((line) => {
  if (line.includes('"level":"warn"') || line.includes('"level":"error"')) process.stdout.write(`${line}\n`);
});
