'use client';

import { useState } from 'react';
import { StoryEditor } from '@/components/editor/story-editor';

export function PreviewClient({ initialHtml }: { initialHtml: string }) {
  const [html, setHtml] = useState(initialHtml);
  const [errors, setErrors] = useState<string[]>([]);
  const [changes, setChanges] = useState(0);
  return (
    <div className="space-y-4">
      <StoryEditor
        initialHtml={initialHtml}
        ariaLabel="正文"
        onChange={(next) => {
          setHtml(next);
          setChanges((n) => n + 1);
        }}
        onError={(m) => setErrors((list) => [...list, m])}
      />
      <ul data-testid="preview-errors">{errors.map((e, i) => <li key={i}>{e}</li>)}</ul>
      <p data-testid="preview-changes">{changes}</p>
      <pre data-testid="preview-html" className="hidden">{html}</pre>
    </div>
  );
}
