import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A local SMTP server for the integration tier: accepts mail on a free
// loopback port and keeps each message, decoded enough to assert on (plain
// text mail as nodemailer writes it, UTF-8 only).

export type ReceivedMail = {
  mailFrom: string;
  rcptTo: string[];
  headers: Map<string, string>;
  subject: string;
  text: string;
};

export type SmtpSink = {
  port: number;
  messages: ReceivedMail[];
  close: () => Promise<void>;
};

type SinkOptions = {
  // Credentials the server insists on; without them it takes mail from anyone.
  auth?: { user: string; password: string };
  // Recipients refused with a temporary failure (450), as a full mailbox is.
  refuseRecipient?: (address: string) => boolean;
};

function hexBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

function decodeQuotedPrintable(body: string): string {
  return hexBytes(body.replace(/=\r?\n/g, '')).toString('utf8');
}

// RFC 2047 encoded words. Adjacent words are joined as bytes first, since a
// character may be split between two of them.
export function decodeHeaderValue(value: string): string {
  const word = /=\?[^?]+\?([BbQq])\?([^?]*)\?=/g;
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1');
  let out = '';
  let pending: Buffer[] = [];
  let last = 0;
  const flush = () => {
    const text = Buffer.concat(pending).toString('utf8');
    pending = [];
    return text;
  };
  for (const match of joined.matchAll(word)) {
    const [whole, encoding, data] = match as unknown as [string, string, string];
    if (match.index > last) out += flush() + joined.slice(last, match.index);
    pending.push(encoding.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : hexBytes(data.replace(/_/g, ' ')));
    last = match.index + whole.length;
  }
  return out + flush() + joined.slice(last);
}

export function parseMail(raw: string): { headers: Map<string, string>; subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { headers, subject: decodeHeaderValue(headers.get('subject') ?? ''), text: text.replace(/\r\n/g, '\n') };
}

export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: !options.auth,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      const ok = options.auth && auth.username === options.auth.user && auth.password === options.auth.password;
      callback(ok ? null : new Error('Invalid credentials'), ok ? { user: auth.username } : undefined);
    },
    onRcptTo(address, _session, callback) {
      if (!options.refuseRecipient?.(address.address)) return callback();
      const refusal = new Error('Mailbox temporarily unavailable') as Error & { responseCode: number };
      refusal.responseCode = 450;
      callback(refusal);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = session.envelope;
        messages.push({
          mailFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
          rcptTo: envelope.rcptTo.map((r) => r.address),
          ...parseMail(Buffer.concat(chunks).toString('latin1')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
