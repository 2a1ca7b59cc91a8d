// E-mail copies of in-app notifications. The job loop calls
// deliverPendingEmails; the rest is exported for tests and the admin page.
export { deliverPendingEmails, MAX_EMAIL_ATTEMPTS, type DeliveryCounts } from './outbox';
export { renderNotificationEmail, type MailContext, type NotificationEmail } from './render';
export { getMailTransport } from './transport';
