import { Router } from 'express';
import { createEndpoint, deleteEndpoint, enableEndpoint, getEndpoint, listDeliveries, listEndpoints, retryDelivery, type EndpointDeps } from '../../services/webhook-endpoints';
import { DEFAULT_WEBHOOK_SETTINGS } from '../../services/webhook-settings';
import type { AppDeps } from '../deps';
import { parse } from '../errors';
import { DeliveryIdSchema, DeliveryListQuerySchema, WebhookEndpointCreateSchema, WebhookEndpointIdSchema } from '../event-schemas';
import { DomainError } from '../../services/errors';

/** Where events are pushed, signed the Standard Webhooks way. */
export function webhookEndpointsRouter(deps: AppDeps): Router {
  const router = Router();
  const endpointDeps: EndpointDeps = { orm: deps.orm, temporal: deps.temporal, taskQueue: deps.taskQueue, workflowIdPrefix: deps.workflowIdPrefix, webhooks: deps.webhooks ?? DEFAULT_WEBHOOK_SETTINGS };
  const endpointId = (raw: string) => {
    const id = WebhookEndpointIdSchema.safeParse(raw);
    if (!id.success) throw new DomainError('webhook_endpoint_not_found', `No webhook endpoint with id ${raw}`);
    return id.data;
  };

  router.post('/', async (req, res) => {
    res.status(201).json(await createEndpoint(endpointDeps, parse(WebhookEndpointCreateSchema, req.body)));
  });
  router.get('/', async (_req, res) => {
    res.json({ object: 'list', data: await listEndpoints(deps.orm) });
  });
  router.get('/:id', async (req, res) => {
    res.json(await getEndpoint(deps.orm, endpointId(req.params.id)));
  });
  router.delete('/:id', async (req, res) => {
    res.json(await deleteEndpoint(deps.orm, endpointId(req.params.id)));
  });
  router.post('/:id/enable', async (req, res) => {
    res.json(await enableEndpoint(deps.orm, endpointId(req.params.id)));
  });
  router.get('/:id/deliveries', async (req, res) => {
    res.json({ object: 'list', ...(await listDeliveries(deps.orm, endpointId(req.params.id), parse(DeliveryListQuerySchema, req.query, 'query'))) });
  });
  router.post('/:id/deliveries/:deliveryId/retry', async (req, res) => {
    const delivery = DeliveryIdSchema.safeParse(req.params.deliveryId);
    if (!delivery.success) throw new DomainError('delivery_not_found', `No delivery ${req.params.deliveryId}`);
    res.status(202).json(await retryDelivery(endpointDeps, endpointId(req.params.id), delivery.data));
  });
  return router;
}
