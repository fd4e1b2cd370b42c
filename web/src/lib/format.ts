/** Formatting shared by the pages. Money always arrives as integer minor units. */
import type { Money } from './api-types.js';

const moneyFormats = new Map<string, Intl.NumberFormat>();

function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** 2500 EUR -> "€25.00" (in the given locale). Unknown currency codes fall back to "25.00 XYZ". */
export function formatMoney(money: Money, locale?: string): string {
  const key = `${locale ?? ''}|${money.currency}`;
  let format = moneyFormats.get(key);
  try {
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
      moneyFormats.set(key, format);
    }
    return format.format(money.amountMinor / 10 ** fractionDigits(money.currency));
  } catch {
    return `${(money.amountMinor / 100).toFixed(2)} ${money.currency}`;
  }
}

/** Multiplies a unit price by a quantity, staying in integer minor units. */
export function multiplyMoney(money: Money, quantity: number): Money {
  return { amountMinor: money.amountMinor * quantity, currency: money.currency };
}

/** Sums amounts of one currency; returns null for an empty list. Mixed currencies are refused. */
export function sumMoney(amounts: Money[]): Money | null {
  if (amounts.length === 0) return null;
  const currency = amounts[0].currency;
  if (amounts.some((amount) => amount.currency !== currency)) throw new Error('Cannot add amounts in different currencies');
  return { amountMinor: amounts.reduce((total, amount) => total + amount.amountMinor, 0), currency };
}

/** "14:03:22" (local time, seconds precision): the timeline's clock. */
export function formatClock(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "3 Mar 2026, 14:03" */
export function formatDateTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** 45 -> "45 ms", 1500 -> "1.5 s", 125000 -> "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) {
    const seconds = ms / 1000;
    return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  }
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** "just now", "5 min ago", "2 h ago", then a date. */
export function formatRelative(iso: string, now: Date = new Date(), locale?: string): string {
  const then = new Date(iso);
  const diff = now.getTime() - then.getTime();
  if (Number.isNaN(diff)) return '';
  if (diff < 45_000) return 'just now';
  if (diff < 3_600_000) return `${Math.max(1, Math.round(diff / 60_000))} min ago`;
  if (diff < 86_400_000) return `${Math.round(diff / 3_600_000)} h ago`;
  return then.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
}

/** Last characters of an id, for people: "Order #1a2b3c4d". */
export function shortId(id: string): string {
  return id.replace(/-/g, '').slice(0, 8).toUpperCase();
}
