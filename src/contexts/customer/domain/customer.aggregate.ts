import { InvalidValue } from '../../../shared/kernel/domain-error.js';
import { CustomerDeactivated } from './customer.errors.js';
import type { Email } from './email.value.js';

export const MAX_NAME_LENGTH = 100;
export const MAX_PASSWORD_HASH_LENGTH = 512;
/** Control characters and lone surrogates: Postgres cannot store NUL, and neither belongs in a name. */
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/u;
/** Any hash format (bcrypt, argon2 PHC strings, ...) is printable ASCII without spaces. */
const PASSWORD_HASH_PATTERN = /^[\x21-\x7E]+$/;

export type CustomerStatus = 'ACTIVE' | 'DEACTIVATED';

/** Roles beyond shopping; `operator` opens the operator console (the gateway checks it in the token). */
export const CUSTOMER_ROLES = ['operator'] as const;
export type CustomerRole = (typeof CUSTOMER_ROLES)[number];

export function isCustomerRole(value: unknown): value is CustomerRole {
  return (CUSTOMER_ROLES as readonly unknown[]).includes(value);
}

export type OrderEligibility = { eligible: true } | { eligible: false; reason: 'DEACTIVATED' };

export interface CustomerProps {
  id: string;
  email: Email;
  name: string;
  status: CustomerStatus;
  /** Granted roles, sorted, without repeats; empty for a shopper. */
  roles: readonly CustomerRole[];
  /** Opaque: produced and checked by the gateway; this context only stores it. */
  passwordHash?: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface RegisterCustomerProps {
  id: string;
  email: Email;
  name: string;
  passwordHash?: string;
}

export class Customer {
  private constructor(private props: CustomerProps) {}

  static register(props: RegisterCustomerProps, now: Date): Customer {
    return new Customer({
      id: props.id,
      email: props.email,
      name: validName(props.name),
      status: 'ACTIVE',
      roles: [],
      passwordHash: props.passwordHash === undefined ? undefined : validPasswordHash(props.passwordHash),
      createdAt: now,
      updatedAt: now,
    });
  }

  /** Rebuild from storage; storage only ever holds customers that passed register(). */
  static restore(props: CustomerProps): Customer {
    return new Customer({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get email(): Email {
    return this.props.email;
  }
  get name(): string {
    return this.props.name;
  }
  get status(): CustomerStatus {
    return this.props.status;
  }
  get roles(): readonly CustomerRole[] {
    return this.props.roles;
  }
  get passwordHash(): string | undefined {
    return this.props.passwordHash;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }
  get isActive(): boolean {
    return this.props.status === 'ACTIVE';
  }

  /** @returns whether anything changed (false when the name is already this one). */
  rename(name: string, now: Date): boolean {
    if (!this.isActive) throw new CustomerDeactivated(this.id, 'update the profile');
    const next = validName(name);
    if (next === this.props.name) return false;
    this.props.name = next;
    this.props.updatedAt = now;
    return true;
  }

  /** Idempotent. @returns whether anything changed (false when already deactivated). */
  deactivate(now: Date): boolean {
    if (!this.isActive) return false;
    this.props.status = 'DEACTIVATED';
    this.props.updatedAt = now;
    return true;
  }

  /** Idempotent. @returns whether anything changed (false when the role was already granted). */
  grantRole(role: CustomerRole, now: Date): boolean {
    if (!isCustomerRole(role)) throw new InvalidValue(`role must be one of ${CUSTOMER_ROLES.join(', ')}`, { field: 'role' });
    if (this.props.roles.includes(role)) return false;
    this.props.roles = [...this.props.roles, role].sort();
    this.props.updatedAt = now;
    return true;
  }

  /** Idempotent. @returns whether anything changed (false when the customer did not hold the role). */
  revokeRole(role: CustomerRole, now: Date): boolean {
    if (!this.props.roles.includes(role)) return false;
    this.props.roles = this.props.roles.filter((held) => held !== role);
    this.props.updatedAt = now;
    return true;
  }

  orderEligibility(): OrderEligibility {
    return this.isActive ? { eligible: true } : { eligible: false, reason: 'DEACTIVATED' };
  }

  /** Whatever serialises an aggregate (a log line, a debugger) must never see the hash. */
  toJSON(): Omit<CustomerProps, 'passwordHash' | 'email'> & { email: string } {
    const { passwordHash: _secret, ...visible } = this.props;
    return { ...visible, email: this.props.email.value };
  }
}

function validName(raw: string): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  // Code points, not UTF-16 units, so an emoji counts once (the same unit as varchar(100) in Postgres).
  const length = [...name].length;
  if (length === 0 || length > MAX_NAME_LENGTH) {
    throw new InvalidValue(`name must be 1-${MAX_NAME_LENGTH} characters`, { field: 'name' });
  }
  if (UNPRINTABLE.test(name)) throw new InvalidValue('name must not contain control characters', { field: 'name' });
  return name;
}

function validPasswordHash(raw: string): string {
  if (typeof raw !== 'string' || raw.length > MAX_PASSWORD_HASH_LENGTH || !PASSWORD_HASH_PATTERN.test(raw)) {
    throw new InvalidValue(`passwordHash must be 1-${MAX_PASSWORD_HASH_LENGTH} printable ASCII characters`, { field: 'passwordHash' });
  }
  return raw;
}
