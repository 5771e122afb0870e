/**
 * Per-test stand-ins for back-end endpoints that do not exist yet, installed with page.route.
 * They live in the test harness only (never in the product) and record what the app sent, so
 * tests assert on real requests. When the real api+worker serve the app, these go.
 */
import type { Page, Request } from 'playwright-core';

export interface StubCall {
  method: string;
  path: string;
  body: string | null;
}

export type StubHandler = (request: Request, url: URL) => { status?: number; json?: unknown; body?: string; contentType?: string } | undefined;

export async function stubApi(page: Page, handlers: Record<string, StubHandler>): Promise<StubCall[]> {
  const calls: StubCall[] = [];
  await page.route('**/api/**', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const key = `${request.method()} ${url.pathname}`;
    calls.push({ method: request.method(), path: url.pathname + url.search, body: request.postData() });
    const handler = Object.entries(handlers).find(([pattern]) => new RegExp(`^${pattern}$`).test(key))?.[1];
    const answer = handler?.(request, url);
    if (!answer) {
      await route.fulfill({ status: 404, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Not Found', status: 404 }) });
      return;
    }
    await route.fulfill({
      status: answer.status ?? 200,
      contentType: answer.contentType ?? 'application/json',
      body: answer.body ?? JSON.stringify(answer.json),
    });
  });
  return calls;
}
