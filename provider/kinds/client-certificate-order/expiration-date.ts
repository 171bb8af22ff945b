// The order's custom expiration date: a calendar date DigiCert accepts for a new order,
// and only its form for an order that already exists.
import { z } from "zod";

// DigiCert refuses custom expiration dates 825 days or more in the future.
export const MAX_CUSTOM_EXPIRATION_DAYS = 825;

/** Days from today (UTC) to a yyyy-MM-dd date, or undefined when it is not a real calendar date. */
export function daysFromToday(date: string, now: Date = new Date()): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((t - today) / 86_400_000);
}

const calendarDateIssue = (s: string) => `must be a calendar date in the form yyyy-MM-dd, got "${s.slice(0, 40)}"`;

/**
 * The date of an order that already exists: only its form is checked. DigiCert took it
 * when the order was placed; the passing of time must not make the stack fail `check`.
 */
export const existingExpirationDate = z.string({ error: "must be a date string yyyy-MM-dd" }).superRefine((s, ctx) => {
  if (daysFromToday(s) === undefined) ctx.addIssue({ code: "custom", message: calendarDateIssue(s) });
});

export const customExpirationDate = z
  .string({ error: "must be a date string yyyy-MM-dd" })
  .superRefine((s, ctx) => {
    const days = daysFromToday(s);
    if (days === undefined) {
      ctx.addIssue({ code: "custom", message: calendarDateIssue(s) });
    } else if (days <= 0) {
      ctx.addIssue({ code: "custom", message: `must be a date in the future, got ${s}` });
    } else if (days >= MAX_CUSTOM_EXPIRATION_DAYS) {
      ctx.addIssue({ code: "custom", message: `must be less than ${MAX_CUSTOM_EXPIRATION_DAYS} days in the future, got ${s} (${days} days ahead)` });
    }
  });
