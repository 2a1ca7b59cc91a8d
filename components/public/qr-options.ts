import type { QRCodeToStringOptions } from 'qrcode';

// One look for the share QR code, made on the server or in the browser.
export const qrSvgOptions: QRCodeToStringOptions = { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#1f2937', light: '#ffffff' } };
