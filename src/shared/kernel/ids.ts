import { randomUUID } from 'node:crypto';
import { InvalidValue } from './domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function newId(): string {
  return randomUUID();
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function assertUuid(value: string, field: string): string {
  if (!isUuid(value)) throw new InvalidValue(`${field} must be a UUID`, { [field]: value });
  return value.toLowerCase();
}
