// The worker's /metrics: Dunwell's own series (emails sent by template, …) and the Temporal SDK's
// (task latencies, slots, sticky cache) from the Runtime's Prometheus exporter, in one scrape.
import http from 'node:http';
import { logger } from '../observability/logger';
import { registry } from '../observability/metrics';

export function startMetricsServer(port: number, sdkMetricsUrl: string | null, host = '127.0.0.1'): http.Server {
  const server = http.createServer(async (req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    let sdk = '';
    if (sdkMetricsUrl) sdk = await fetch(sdkMetricsUrl).then((r) => r.text(), () => '');
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(`${await registry.metrics()}\n${sdk}`);
  });
  server.listen(port, host, () => logger.info('worker metrics listening', { host, port }));
  return server;
}
