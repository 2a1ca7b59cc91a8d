'use client';

// Last resort when the root layout itself failed (no catalog available):
// both languages, no details.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: 'system-ui, sans-serif', textAlign: 'center', padding: '4rem 1rem', color: '#1f2933' }}>
        <main>
          <h1 style={{ fontSize: '1.25rem' }}>服务暂时不可用，请稍后重试。</h1>
          <p lang="en" style={{ color: '#616e7c' }}>The service is temporarily unavailable. Please try again shortly.</p>
          {error.digest && <p style={{ fontFamily: 'monospace', fontSize: '0.8rem' }}>Ref: {error.digest}</p>}
          <button type="button" onClick={reset} style={{ marginTop: '1rem', padding: '0.5rem 1rem' }}>
            重试 / Retry
          </button>
        </main>
      </body>
    </html>
  );
}
