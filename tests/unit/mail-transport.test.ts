import { expect, test } from 'vitest';
import { getMailTransport } from '@/lib/mail/transport';
import type { SmtpSettings } from '@/lib/settings';

const smtp: SmtpSettings = { host: 'smtp.example.cn', port: 587, secure: false, requireTls: true, user: 'noreply', password: 'p1', from: '' };

test('one transport per settings value, rebuilt when the settings change', () => {
  const first = getMailTransport(smtp);
  expect(getMailTransport({ ...smtp })).toBe(first);
  const changed = getMailTransport({ ...smtp, password: 'p2' });
  expect(changed).not.toBe(first);
  expect(getMailTransport({ ...smtp, password: 'p2' })).toBe(changed);
});
