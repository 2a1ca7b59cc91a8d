import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpSettings } from '../settings';

// nodemailer's defaults let a silent server hold a send for up to ten
// minutes; the outbox would rather fail fast and retry on a later round.
const TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

let current: { key: string; transport: Transporter } | undefined;

// One transport per settings value: reused while the settings stay the same,
// replaced (the old one closed) as soon as an admin changes them.
export function getMailTransport(smtp: SmtpSettings): Transporter {
  const key = JSON.stringify(smtp);
  if (current?.key === key) return current.transport;
  current?.transport.close();
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    ...TIMEOUTS_MS,
  });
  current = { key, transport };
  return transport;
}

// The sender when none is configured: the account mail is sent as.
export function senderAddress(smtp: SmtpSettings): string {
  return smtp.from || smtp.user;
}
