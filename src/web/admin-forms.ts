// What the admin pages' forms share: trimmed fields, the role picker, and the "I am sure" box destructive actions need.
import type { Request } from 'express';
import { roles, type Role } from '../auth/api-keys';

/** A form field as sent, trimmed ('' when absent or not text). */
export const text = (req: Request, name: string): string => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : '';
};

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

// Destructive actions need their row's "I am sure" box ticked (a confirmation step without script).
export const isConfirmed = (req: Request): boolean => text(req, 'confirm') === 'yes';
export const CONFIRM_MESSAGE = 'was not done: tick “I am sure” beside the button to confirm';
