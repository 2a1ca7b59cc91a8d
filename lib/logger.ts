import pino from 'pino';

// Structured server log. Details of failures go here, never to a page.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { app: 'tougao' },
  redact: { paths: ['password', '*.password', 'passwordHash', '*.passwordHash', 'token'], censor: '[redacted]' },
});
