import type { CredentialsDto, CustomerDto, EligibilityDto } from '../../contract.js';
import type { CustomerCredentials } from '../../application/lookup-credentials.use-case.js';
import type { OrderEligibilityResult } from '../../application/check-order-eligibility.use-case.js';
import type { Customer } from '../../domain/customer.aggregate.js';

/** Field by field on purpose: the password hash must never leak into an ordinary read. */
export function toCustomerDto(customer: Customer): CustomerDto {
  return {
    id: customer.id,
    email: customer.email.value,
    name: customer.name,
    status: customer.status,
    roles: [...customer.roles],
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
  };
}

export function toEligibilityDto(result: OrderEligibilityResult): EligibilityDto {
  return result.eligible
    ? { customerId: result.customerId, eligible: true }
    : { customerId: result.customerId, eligible: false, reason: result.reason };
}

export function toCredentialsDto(credentials: CustomerCredentials): CredentialsDto {
  return { customerId: credentials.customerId, status: credentials.status, passwordHash: credentials.passwordHash };
}
