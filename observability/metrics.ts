// Prometheus metrics of Dunwell itself. The Temporal SDK's own metrics come from its Runtime
// exporter (worker/metrics-server.ts serves both together).
import client from 'prom-client';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'dunwell_process_' });

export const metrics = {
  invoicesCreated: new client.Counter({ name: 'dunwell_invoices_created_total', help: 'Invoices created (issued or draft)', labelNames: ['status'] as const, registers: [registry] }),
  emailsSent: new client.Counter({ name: 'dunwell_emails_sent_total', help: 'Emails handed to the mail transport, by ladder step', labelNames: ['step', 'transport'] as const, registers: [registry] }),
  paymentsApplied: new client.Counter({ name: 'dunwell_payments_applied_total', help: 'Payment events applied to invoices, by kind', labelNames: ['kind'] as const, registers: [registry] }),
  unstorableWrites: new client.Counter({ name: 'dunwell_unstorable_writes_total', help: 'Writes PostgreSQL refused for their data (SQL state 22, 23, 08P01): not retried, an owner task instead', labelNames: ['write'] as const, registers: [registry] }),
  projectionRepairs: new client.Counter({ name: 'dunwell_projection_repairs_total', help: 'Invoice records the auditor found out of step with their workflow and repaired', registers: [registry] }),
  webhookRejects: new client.Counter({ name: 'dunwell_webhook_rejects_total', help: 'Webhooks refused (bad signature or shape)', labelNames: ['provider'] as const, registers: [registry] }),
  httpDuration: new client.Histogram({
    name: 'dunwell_http_request_duration_seconds', help: 'API request latency', labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  }),
};
