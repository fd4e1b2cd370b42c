import { z } from 'zod';
import { CustomerNameSchema, CustomerStatusSchema, EmailSchema } from '../../../contexts/customer/contract.js';
import { TOKEN_ROLES } from '../auth/access-tokens.js';
import { PATTERN_CLASS } from './common.schemas.js';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `password must be at most ${PASSWORD_MAX} characters`)
  .meta({ format: 'password' });

const { WHITESPACE, UNPRINTABLE } = PATTERN_CLASS;
const NAME_EDGE = `[^${WHITESPACE}${UNPRINTABLE}]`;

/**
 * The customer contract checks a name with refinements (trimmed, 1-100 code points, no control
 * characters), which the generated document cannot show; this is the same rule as one pattern,
 * so the document refuses exactly what the gateway refuses. A test compares the two.
 */
export const NAME_PATTERN = `^[${WHITESPACE}]*(?:${NAME_EDGE}|${NAME_EDGE}[^${UNPRINTABLE}]{0,98}${NAME_EDGE})[${WHITESPACE}]*$`;

export const RegisterNameSchema = CustomerNameSchema.meta({
  pattern: NAME_PATTERN,
  description: '1-100 characters (an emoji is one) after trimming surrounding whitespace; no control characters.',
});

export const RegisterBodySchema = z
  .strictObject({ email: EmailSchema, name: RegisterNameSchema, password: PasswordSchema })
  .meta({ id: 'RegisterRequest', example: { email: 'ada@example.com', name: 'Ada Lovelace', password: 'correct horse battery' } });

export const LoginBodySchema = z
  .strictObject({
    email: EmailSchema,
    // No minimum: a short guess is just a wrong password. The maximum bounds the hashing work.
    password: z.string().min(1).max(PASSWORD_MAX).meta({ format: 'password' }),
  })
  .meta({ id: 'LoginRequest', example: { email: 'ada@example.com', password: 'correct horse battery' } });

export const CustomerSummarySchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.enum(TOKEN_ROLES)).meta({ description: 'What the token carries: `operator` opens the operator console' }),
});

export const AuthResponseSchema = z
  .object({
    token: z.string().meta({ description: 'JWT (HS256); send as `Authorization: Bearer <token>` and as socket.io `auth.token`' }),
    expiresAt: z.string().meta({ description: 'ISO 8601 time after which the token is refused (401 AUTH.TOKEN_EXPIRED)' }),
    customer: CustomerSummarySchema,
  })
  .meta({ id: 'AuthResponse' });

export const MeSchema = CustomerSummarySchema.extend({ status: CustomerStatusSchema }).meta({ id: 'Me' });
