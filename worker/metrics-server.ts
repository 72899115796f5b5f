// The worker's /metrics: Dunwell's own series (emails sent by template, …) and the Temporal SDK's
// (task latencies, slots, sticky cache) from the Runtime's Prometheus exporter, in one scrape.
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { logger } from '../observability/logger';
import { registry } from '../observability/metrics';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** With a token (METRICS_TOKEN, required in production), a scrape must send it as a bearer token. */
export function startMetricsServer(port: number, sdkMetricsUrl: string | null, host = '127.0.0.1', token?: string): http.Server {
  const expected = token ? digest(token) : null;
  const server = http.createServer(async (req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1].trim();
    if (expected && (!given || !timingSafeEqual(digest(given), expected))) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { type: 'unauthorized', message: 'Send METRICS_TOKEN as "Authorization: Bearer <token>".' } }));
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
