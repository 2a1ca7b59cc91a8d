import 'server-only';

// Site settings: the cached reader every page uses, the stored groups' shapes,
// and the administrator's page. Writing a group without a viewer (seeding,
// tests) is internal/write.ts.

export { updateSettings, getSettingsForAdmin, isEditableSettingsGroup, settingsGroupPermission, sendTestEmail, type EditableSettingsGroup, type SettingsForAdmin, type SettingsInput } from './admin';
export { clearSettingsCache, getAuditSettings, getContentCheckSettings, getReviewSettings, getSiteSettings, getSmtpSettings, getUploadLimits, getPrivacySettings, isMailConfigured, publicSmtpSettings, type PublicSmtpSettings } from './read';
export { AUDIT_RETENTION_MAX_DAYS, AUDIT_RETENTION_MIN_DAYS, defaultSettings, getUploadCeilingMb, isValidTimeZone, UPLOAD_MIN_MB, type AuditSettings, type ReviewSettings, type SettingsGroup, type SiteSettings, type SmtpSettings, type UploadSettings, type PrivacySettings, type ContentCheckSettings } from './stored';
