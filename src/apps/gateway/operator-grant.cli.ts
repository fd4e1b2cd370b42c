/**
 * `npm run operator:grant -- <email>`: grants the operator role to the customer with that email,
 * through the customer service's internal API (CUSTOMER_URL; `npm start` must be running). The
 * role reaches the customer's token at their next log-in.
 */
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { HttpCustomerClient } from '../../clients/http-customer.client.js';
import { EmailSchema } from '../../contexts/customer/contract.js';
import { parseConfig, downstreamServicesEnv } from '../../shared/infrastructure/config.js';
import { RemoteServiceError, RemoteServiceUnavailable } from '../../shared/infrastructure/http/json-client.js';

export async function grantOperator(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; message: string }> {
  const email = EmailSchema.safeParse(argv[0] ?? '');
  if (argv.length !== 1 || !email.success) return { code: 2, message: 'usage: npm run operator:grant -- <email>' };
  const config = parseConfig(z.object(downstreamServicesEnv), env);
  const customers = new HttpCustomerClient({ baseUrl: config.CUSTOMER_URL, timeoutMs: config.HTTP_CLIENT_TIMEOUT_MS });
  try {
    const customer = await customers.grantRole({ email: email.data, role: 'operator' });
    return {
      code: 0,
      message: `${customer.email} is an operator (roles: ${customer.roles.join(', ')}); it takes effect at their next log-in`,
    };
  } catch (error) {
    if (error instanceof RemoteServiceError && error.status === 404)
      return { code: 1, message: `nobody has the email ${email.data}; register first` };
    if (error instanceof RemoteServiceUnavailable)
      return { code: 1, message: `the customer service at ${config.CUSTOMER_URL} is not reachable (is npm start running?)` };
    throw error;
  }
}

// Run as a script (not when a test imports grantOperator).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // No top-level await: mocha loads this module (for grantOperator) through require.
  void grantOperator(process.argv.slice(2), process.env).then(({ code, message }) => {
    (code === 0 ? console.log : console.error)(message);
    process.exitCode = code;
  });
}
