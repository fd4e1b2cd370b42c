/**
 * The customer context's published contract: the only file other contexts and apps may import.
 * Schemas here validate requests at the service edge and responses in clients.
 */
import { z } from 'zod';
import { CUSTOMER_ROLES } from './domain/customer.aggregate.js';
import { CUSTOMER_ERROR_CODES } from './domain/customer.errors.js';

/** The codes this context's errors carry; declared with the error classes, published from here. */
export { CUSTOMER_ERROR_CODES };

// Kept in step with domain/email.value.ts and domain/customer.aggregate.ts, which stay authoritative;
// repeated here so callers (the gateway's sign-up form) can check input before a round trip.
const EMAIL_PATTERN =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/u;

export const CustomerIdSchema = z.uuid();

export const EmailSchema = z.string().trim().min(1).max(254).regex(EMAIL_PATTERN, 'email is not a valid address');

/** 1-100 characters counted as code points (an emoji is one), no control characters. */
export const CustomerNameSchema = z
  .string()
  .trim()
  .refine((name) => [...name].length >= 1 && [...name].length <= 100, 'name must be 1-100 characters')
  .refine((name) => !UNPRINTABLE.test(name), 'name must not contain control characters');

/** Opaque to the customer context: hashed by the gateway, stored as is. */
export const PasswordHashSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[\x21-\x7E]+$/, 'passwordHash must be printable ASCII without spaces');

export const CustomerStatusSchema = z.enum(['ACTIVE', 'DEACTIVATED']);
export type CustomerStatus = z.infer<typeof CustomerStatusSchema>;

/** Roles beyond shopping (the domain's list); `operator` opens the operator console. */
export { CUSTOMER_ROLES };
export const CustomerRoleSchema = z.enum(CUSTOMER_ROLES);
export type CustomerRole = z.infer<typeof CustomerRoleSchema>;

/** Grants and revokes alike: who (by email) and which role. */
export const RoleChangeRequestSchema = z.strictObject({ email: EmailSchema, role: CustomerRoleSchema });
export type RoleChangeRequest = z.input<typeof RoleChangeRequestSchema>;

export const RegisterCustomerRequestSchema = z.strictObject({
  email: EmailSchema,
  name: CustomerNameSchema,
  passwordHash: PasswordHashSchema.optional(),
});
export type RegisterCustomerRequest = z.input<typeof RegisterCustomerRequestSchema>;

export const UpdateCustomerProfileRequestSchema = z.strictObject({ name: CustomerNameSchema });
export type UpdateCustomerProfileRequest = z.input<typeof UpdateCustomerProfileRequestSchema>;

export const FindCustomersQuerySchema = z.strictObject({ email: EmailSchema });

export const LookupCredentialsRequestSchema = z.strictObject({ email: EmailSchema });
export type LookupCredentialsRequest = z.input<typeof LookupCredentialsRequestSchema>;

/** Never carries the password hash. */
export const CustomerDtoSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  status: CustomerStatusSchema,
  /** Absent from services older than roles: read as none. */
  roles: z.array(CustomerRoleSchema).default([]),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CustomerDto = z.infer<typeof CustomerDtoSchema>;

export const CustomerListSchema = z.object({ items: z.array(CustomerDtoSchema) });
export type CustomerList = z.infer<typeof CustomerListSchema>;

export const EligibilityDtoSchema = z.object({
  customerId: z.string(),
  eligible: z.boolean(),
  reason: z.literal('DEACTIVATED').optional(),
});
export type EligibilityDto = z.infer<typeof EligibilityDtoSchema>;

/** For the gateway's login only. passwordHash is null when the customer registered without one. */
export const CredentialsDtoSchema = z.object({
  customerId: z.string(),
  status: CustomerStatusSchema,
  passwordHash: z.string().nullable(),
});
export type CredentialsDto = z.infer<typeof CredentialsDtoSchema>;

/** Port for callers outside the context (worker activities, gateway). */
export interface CustomerClient {
  register(request: RegisterCustomerRequest): Promise<CustomerDto>;
  get(customerId: string): Promise<CustomerDto>;
  /** Case-insensitive exact match; undefined when nobody has that email. */
  findByEmail(email: string): Promise<CustomerDto | undefined>;
  updateProfile(customerId: string, request: UpdateCustomerProfileRequest): Promise<CustomerDto>;
  /** Idempotent. */
  deactivate(customerId: string): Promise<CustomerDto>;
  checkOrderEligibility(customerId: string): Promise<EligibilityDto>;
  /** Rejects with code CUSTOMER.NOT_FOUND when nobody has that email. */
  lookupCredentials(email: string): Promise<CredentialsDto>;
  /** Idempotent. Rejects with CUSTOMER.NOT_FOUND when nobody has that email. */
  grantRole(request: RoleChangeRequest): Promise<CustomerDto>;
  /** Idempotent (revoking a role the customer lacks changes nothing). Rejects with CUSTOMER.NOT_FOUND when nobody has that email. */
  revokeRole(request: RoleChangeRequest): Promise<CustomerDto>;
}
