// Reads cookies from the Cookie header (no dependency for a dozen lines) and the cookie options pages use.
import type { CookieOptions, Request } from 'express';

export const SESSION_COOKIE = 'hfrc_session';
export const LOGIN_CSRF_COOKIE = 'hfrc_login_csrf';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** httpOnly, SameSite=Strict, whole site; Secure whenever the request came over TLS (directly or via a trusted proxy). */
export function cookieOptions(req: Request, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}),
  };
}
