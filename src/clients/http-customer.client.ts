import { JsonHttpClient, type JsonClientOptions } from '../shared/infrastructure/http/json-client.js';
import {
  CredentialsDtoSchema,
  CustomerDtoSchema,
  CustomerListSchema,
  EligibilityDtoSchema,
  type CredentialsDto,
  type CustomerClient,
  type CustomerDto,
  type EligibilityDto,
  type RegisterCustomerRequest,
  type RoleChangeRequest,
  type UpdateCustomerProfileRequest,
} from '../contexts/customer/contract.js';

/** Adapter for the customer contract over its internal REST API. */
export class HttpCustomerClient implements CustomerClient {
  private readonly http: JsonHttpClient;

  constructor(options: Omit<JsonClientOptions, 'service'>) {
    this.http = new JsonHttpClient({ ...options, service: 'customer' });
  }

  register(request: RegisterCustomerRequest): Promise<CustomerDto> {
    return this.http.request('POST', '/customers', CustomerDtoSchema, request);
  }

  get(customerId: string): Promise<CustomerDto> {
    return this.http.request('GET', `/customers/${encodeURIComponent(customerId)}`, CustomerDtoSchema);
  }

  async findByEmail(email: string): Promise<CustomerDto | undefined> {
    const query = new URLSearchParams({ email });
    const { items } = await this.http.request('GET', `/customers?${query.toString()}`, CustomerListSchema);
    return items[0];
  }

  updateProfile(customerId: string, request: UpdateCustomerProfileRequest): Promise<CustomerDto> {
    return this.http.request('PATCH', `/customers/${encodeURIComponent(customerId)}`, CustomerDtoSchema, request);
  }

  deactivate(customerId: string): Promise<CustomerDto> {
    return this.http.request('POST', `/customers/${encodeURIComponent(customerId)}/deactivate`, CustomerDtoSchema);
  }

  checkOrderEligibility(customerId: string): Promise<EligibilityDto> {
    return this.http.request('GET', `/customers/${encodeURIComponent(customerId)}/order-eligibility`, EligibilityDtoSchema);
  }

  lookupCredentials(email: string): Promise<CredentialsDto> {
    return this.http.request('POST', '/customers/credentials/lookup', CredentialsDtoSchema, { email });
  }

  grantRole(request: RoleChangeRequest): Promise<CustomerDto> {
    return this.http.request('POST', '/customers/roles/grant', CustomerDtoSchema, request);
  }

  revokeRole(request: RoleChangeRequest): Promise<CustomerDto> {
    return this.http.request('POST', '/customers/roles/revoke', CustomerDtoSchema, request);
  }
}
