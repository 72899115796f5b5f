// One delivery attempt: a signed POST to the endpoint, on a connection whose address the
// destination guard approved. Redirects are not followed (a 3xx is a failure, as Stripe counts it).
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { DestinationError, guardedLookup, isPublicAddress, urlProblem } from './destination-guard';

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

const MAX_ANSWER_BYTES = 4096;

/** Throws DestinationError when the destination is not allowed; anything else is an answer to record. */
export function postWebhook(rawUrl: string, headers: Record<string, string>, body: string, opts: { allowPrivate: boolean; timeoutSeconds: number }): Promise<AttemptResult> {
  const problem = urlProblem(rawUrl, opts.allowPrivate);
  if (problem) return Promise.reject(new DestinationError(problem));
  const url = new URL(rawUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !opts.allowPrivate && !isPublicAddress(host)) return Promise.reject(new DestinationError(`${host} is not public`));
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Dunwell-Webhooks/1.0' },
      lookup: guardedLookup(opts.allowPrivate),
      timeout: opts.timeoutSeconds * 1000,
    }, (response) => {
      let read = 0;
      // The answer's body is not needed; read a little and drop the rest so the socket is freed.
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) response.destroy();
      });
      const done = () => {
        const status = response.statusCode ?? 0;
        resolve({ ok: status >= 200 && status < 300, statusCode: status, error: status >= 200 && status < 300 ? null : `answered ${status}` });
      };
      response.on('end', done);
      response.on('close', done);
      response.on('error', done);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${opts.timeoutSeconds} s`)));
    request.on('error', (err) => {
      if (err instanceof DestinationError) return reject(err);
      resolve({ ok: false, statusCode: null, error: err.message.slice(0, 500) });
    });
    request.end(body);
  });
}
