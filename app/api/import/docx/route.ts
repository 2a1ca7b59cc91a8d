// Word import for the story editor: multipart `file` (+ optional `storyId`) → { html, title, warnings } or { error }.
import type { NextRequest } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { importDocx } from '@/lib/content/docx';
import { handleFileUpload } from '@/lib/http/file-upload';
import { getUploadLimits } from '@/lib/settings';

export const dynamic = 'force-dynamic';

export function POST(request: NextRequest) {
  return handleFileUpload(request, {
    tooLargeKey: 'docx_too_large',
    unreadableKey: 'docx_unreadable',
    logLabel: 'docx import',
    handle: async (viewer, file, locale) => {
      // The Word limit set on the settings page (at most the server's upload ceiling).
      const result = await importDocx(viewer, file.bytes, { storyId: file.storyId, maxBytes: (await getUploadLimits()).docxBytes });
      const tWarnings = await getTranslations({ locale, namespace: 'editor.docxWarnings' });
      return { body: { html: result.html, title: result.title, warnings: result.warnings.map((w) => tWarnings(w)) }, status: 200 };
    },
  });
}
