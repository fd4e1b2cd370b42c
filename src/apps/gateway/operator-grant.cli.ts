/**
 * `npm run operator:grant -- <email>` and `npm run operator:revoke -- <email>`: grant or revoke the
 * operator role of the customer with that email, through the customer service's internal API
 * (CUSTOMER_URL; `npm start` must be running). A grant reaches the customer's token at their next
 * log-in; a revoke ends their operator access at once (the gateway checks the stored role on every
 * operator call and socket).
 */
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { HttpCustomerClient } from '../../clients/http-customer.client.js';
import { EmailSchema } from '../../contexts/customer/contract.js';
import { parseConfig, downstreamServicesEnv } from '../../shared/infrastructure/config.js';
import { RemoteServiceError, RemoteServiceUnavailable } from '../../shared/infrastructure/http/json-client.js';
import { RoleResolver } from './auth/roles.js';

type Outcome = { code: number; message: string };

export function grantOperator(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return changeOperator('grant', argv, env);
}

export function revokeOperator(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return changeOperator('revoke', argv, env);
}

async function changeOperator(change: 'grant' | 'revoke', argv: readonly string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  const email = EmailSchema.safeParse(argv[0] ?? '');
  if (argv.length !== 1 || !email.success) return { code: 2, message: `usage: npm run operator:${change} -- <email>` };
  const config = parseConfig(z.object(downstreamServicesEnv), env);
  const customers = new HttpCustomerClient({ baseUrl: config.CUSTOMER_URL, timeoutMs: config.HTTP_CLIENT_TIMEOUT_MS });
  try {
    if (change === 'grant') {
      const customer = await customers.grantRole({ email: email.data, role: 'operator' });
      return {
        code: 0,
        message: `${customer.email} is an operator (roles: ${customer.roles.join(', ')}); it takes effect at their next log-in`,
      };
    }
    const customer = await customers.revokeRole({ email: email.data, role: 'operator' });
    // The gateway also makes every address in its OPERATOR_EMAILS an operator: asked as the gateway asks it.
    const stillOperator = new RoleResolver((env.OPERATOR_EMAILS ?? '').split(',').map((entry) => entry.trim()))
      .rolesOf(customer)
      .includes('operator');
    return {
      code: 0,
      message: stillOperator
        ? `${customer.email} no longer holds the stored operator role, but OPERATOR_EMAILS still names it: remove it there too`
        : `${customer.email} is no longer an operator; their operator access ends now`,
    };
  } catch (error) {
    if (error instanceof RemoteServiceError && error.status === 404)
      return { code: 1, message: `nobody has the email ${email.data}${change === 'grant' ? '; register first' : ''}` };
    if (error instanceof RemoteServiceUnavailable)
      return { code: 1, message: `the customer service at ${config.CUSTOMER_URL} is not reachable (is npm start running?)` };
    throw error;
  }
}

// Run as a script (not when a test imports grantOperator).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // No top-level await: mocha loads this module (for grantOperator) through require.
  const args = process.argv.slice(2);
  const change = args[0] === '--revoke' ? revokeOperator(args.slice(1), process.env) : grantOperator(args, process.env);
  void change.then(({ code, message }) => {
    (code === 0 ? console.log : console.error)(message);
    process.exitCode = code;
  });
}
