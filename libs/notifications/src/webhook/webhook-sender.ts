/**
 * Posts a signed webhook: JSON body, `X-Referral-Signature` (HMAC-SHA256 over timestamp + body),
 * the delivery id and the try number. A 2xx answer is a success; redirects are not followed.
 */
import { signPayload } from './webhook-signature.util';

export interface WebhookResult {
  ok: boolean;
  statusCode?: number;
  error?: string;
}

export interface WebhookRequest {
  url: string;
  secret: string;
  body: string;
  deliveryId: number;
  attempt: number;
  kind: string;
  /** Unix seconds (the clock's). */
  timestamp: number;
}

export interface WebhookSender {
  post(req: WebhookRequest): Promise<WebhookResult>;
}

export const WEBHOOK_SENDER = Symbol('WEBHOOK_SENDER');

export class FetchWebhookSender implements WebhookSender {
  constructor(private readonly timeoutMs: number) {}

  async post(req: WebhookRequest): Promise<WebhookResult> {
    try {
      const res = await fetch(req.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'referral-pathways-webhooks/1',
          'x-referral-signature': signPayload(req.secret, req.timestamp, req.body),
          'x-referral-delivery': String(req.deliveryId),
          'x-referral-attempt': String(req.attempt),
          'x-referral-event': req.kind,
        },
        body: req.body,
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status >= 200 && res.status < 300 ? { ok: true, statusCode: res.status } : { ok: false, statusCode: res.status, error: `HTTP ${res.status}` };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      return { ok: false, error: (e.cause?.code ?? e.name ?? 'error').slice(0, 200) };
    }
  }
}
