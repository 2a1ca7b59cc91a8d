import 'server-only';
import { getPrivacySettings, getSiteSettings } from '../settings';
import { requirePermission, type Viewer } from '../viewer';
import type { ContactValues } from './internal/contacts';
import { readContactRevealed } from './internal/reveal';
import { maskEmail, maskPhone, type ContactField } from './mask';
import { isMaskingPersonalData } from './policy';

// Personal data (个人信息): the accounts' e-mail addresses and phone numbers.
// Sealed at rest (internal/contacts.ts); shown in full to their owner, and to
// others masked where the site masks them (the privacy setting, or the 等保
// profile), each reveal a deliberate, audited request.

export { CONTACT_FIELDS, maskContact, maskEmail, maskPhone, type ContactField } from './mask';
export { isMaskingPersonalData } from './policy';
export type { ContactValues } from './internal/contacts';

// Masking in force now (settings, cached for a few seconds).
export async function isMaskingOn(): Promise<boolean> {
  const [{ security }, privacy] = await Promise.all([getSiteSettings(), getPrivacySettings()]);
  return isMaskingPersonalData(privacy, security);
}

// What a viewer sees of an account's contact details: `isMasked` when some
// value is shown masked, which is what a reveal is offered for.
export type ShownContacts = ContactValues & { isMasked: boolean };

// Pure once `isMasking` is known: one's own details are never masked.
export function showContacts(viewer: Pick<Viewer, 'id'>, userId: number, contact: ContactValues, isMasking: boolean): ShownContacts {
  if (!isMasking || viewer.id === userId || (contact.email === null && contact.phone === null)) return { ...contact, isMasked: false };
  return { email: contact.email === null ? null : maskEmail(contact.email), phone: contact.phone === null ? null : maskPhone(contact.phone), isMasked: true };
}

// Administrators (personal-data:reveal): any account's e-mail or phone in
// full, whatever the masking; audited. The review desk reveals a story's
// correspondent through lib/stories (revealStoryOwnerContact).
export async function revealContact(viewer: Viewer, userId: number, field: ContactField): Promise<string | null> {
  requirePermission(viewer, 'personal-data:reveal');
  return readContactRevealed(viewer, userId, field);
}
