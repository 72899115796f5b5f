// How long an Idempotency-Key means "the same request": as in Stripe, 24 hours. The API's key
// store and the invoice that carries its key both count from this one figure.
export const IDEMPOTENCY_KEY_LIFETIME_HOURS = 24;
