import en from '@/lib/i18n/messages/en.json';
import zh from '@/lib/i18n/messages/zh-CN.json';
import { StatusLink, StatusPage } from '@/components/status-page';

type PageKey = 'notFound' | 'forbidden';

// A status page in both languages, for the app's outermost boundaries. Next
// renders those for every page, public ones included, so they may read
// nothing of the request (not even the language cookie): that would make the
// cached public pages dynamic. Inside the portal and the public site the
// boundaries of those parts answer in the reader's language instead.
export function BilingualStatus({ code, page }: { code: string; page: PageKey }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">
        <main>
          <StatusPage
            code={code}
            title={zh.pages[`${page}Title`]}
            body={
              <>
                {zh.pages[`${page}Body`]}
                <span lang="en" className="mt-2 block">
                  {en.pages[`${page}Title`]}. {en.pages[`${page}Body`]}
                </span>
              </>
            }
            actions={
              <StatusLink href="/">
                {zh.pages.goHome} <span lang="en">/ {en.pages.goHome}</span>
              </StatusLink>
            }
          />
        </main>
      </body>
    </html>
  );
}
