import type { Request, Response } from 'express';

/** Reads one cookie without a parser (only our own cookies are read). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  path: string;
  maxAgeSeconds: number;
  sameSite?: 'Strict' | 'Lax';
}

export function setCookie(res: Response, name: string, value: string, o: CookieOptions): void {
  const attrs = [`${name}=${encodeURIComponent(value)}`, `Path=${o.path}`, `Max-Age=${o.maxAgeSeconds}`, 'HttpOnly', `SameSite=${o.sameSite ?? 'Strict'}`];
  if (o.secure) attrs.push('Secure');
  const prev = res.getHeader('Set-Cookie');
  res.setHeader('Set-Cookie', [...(Array.isArray(prev) ? prev : prev ? [String(prev)] : []), attrs.join('; ')]);
}
