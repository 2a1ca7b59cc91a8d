import sharp from 'sharp';
import { GPS_MARKER, HTML, jpegWithGps, PDF, SVG } from '../fixtures/media/images';
import { StoryPage } from './support/desk-pages';
import { expect, test } from './support/fixtures';
import { zh } from './support/messages';
import { signIn } from './support/session';
import { countUploadsOf, postImage } from './support/uploads';

// Images as the server takes them in and gives them back: judged by their
// bytes, not their names, and re-encoded without the camera's metadata.

test('a file that only claims to be an image is refused with a clear message and stores nothing', async ({ page, baseURL, createAccount }) => {
  const account = await createAccount();
  await signIn(page.context(), account);

  // Straight to the upload endpoint, as the signed-in page would post.
  for (const file of [
    { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(HTML) },
    { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from(SVG) },
    { name: 'scan.webp', mimeType: 'image/webp', buffer: Buffer.from(PDF) },
  ]) {
    const response = await postImage(page.request, baseURL!, file);
    expect(response.status(), file.name).toBe(400);
    expect(await response.json(), file.name).toEqual({ error: zh.errors.fields.file_not_image });
  }

  // Through the editor's image button: the message shows, no figure stays.
  const story = new StoryPage(page);
  await story.gotoNew();
  await story.body.click();
  const chooser = page.waitForEvent('filechooser');
  await story.tool(zh.editor.insertImage).click();
  await (await chooser).setFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(HTML) });
  await expect(page.getByRole('alert').filter({ hasText: zh.errors.fields.file_not_image })).toBeVisible();
  await expect(story.body.locator('figure')).toHaveCount(0);

  const stored = await countUploadsOf(account.id);
  if (stored !== null) expect(stored, 'images stored for the account').toBe(0);
});

test('an uploaded JPEG comes back re-encoded without EXIF or GPS', async ({ page, baseURL, createAccount, newClient }) => {
  const account = await createAccount();
  await signIn(page.context(), account);

  // A phone photo: camera, GPS position, and "rotate 90°" in its EXIF.
  const original = await jpegWithGps(800, 600);
  const before = await sharp(original).metadata();
  expect(before.exif, 'the test photo carries EXIF').toBeDefined();
  expect(before.orientation).toBe(6);

  const upload = await postImage(page.request, baseURL!, { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: original });
  expect(upload.status()).toBe(201);
  const { id, url } = (await upload.json()) as { id: number; url: string };
  expect(url).toBe(`/media/${id}/large`);

  for (const variant of ['large', 'medium', 'thumb']) {
    const served = await page.request.get(`/media/${id}/${variant}`);
    expect(served.status(), variant).toBe(200);
    expect(served.headers()['content-type'], variant).toBe('image/jpeg');
    expect(served.headers()['x-content-type-options'], variant).toBe('nosniff');
    const bytes = await served.body();
    const meta = await sharp(bytes).metadata();
    expect(meta.format, variant).toBe('jpeg');
    expect(meta.exif, `${variant}: EXIF`).toBeUndefined();
    expect(meta.xmp, `${variant}: XMP`).toBeUndefined();
    expect(meta.icc, `${variant}: ICC profile`).toBeUndefined();
    // Turned upright rather than tagged: no orientation left to apply.
    expect(meta.orientation, `${variant}: orientation`).toBeUndefined();
    expect(meta.height! > meta.width!, `${variant}: upright (portrait)`).toBe(true);
    for (const marker of [GPS_MARKER, 'TestCam', 'Exif']) expect(bytes.includes(marker), `${variant} contains ${marker}`).toBe(false);
  }
  const large = await sharp(await (await page.request.get(url)).body()).metadata();
  expect([large.width, large.height]).toEqual([600, 800]);

  // Not attached to a published story: nobody else may fetch it.
  const visitor = await newClient();
  expect((await visitor.request.get(url)).status()).toBe(404);
});

test('upload and import problems are said at the editor, in view, and an upload shows its progress', async ({ page, createAccount }) => {
  const account = await createAccount();
  await signIn(page.context(), account);
  const story = new StoryPage(page);
  await story.gotoNew();
  // A long body, the writer at its end: the top of the page is far away.
  await story.body.click();
  for (let i = 0; i < 40; i++) await page.keyboard.insertText(`第${i + 1}段，写到很长的稿件的后面。\n`);
  await page.keyboard.press('End');
  await story.body.press('Control+End');

  const chooser = page.waitForEvent('filechooser');
  await story.tool(zh.editor.insertImage).click();
  await (await chooser).setFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(HTML) });
  const editor = page.getByTestId('story-editor');
  const notice = editor.getByRole('alert').filter({ hasText: zh.errors.fields.file_not_image });
  await expect(notice).toBeVisible();
  await expect(notice).toBeInViewport();
  await notice.getByRole('button', { name: zh.editor.dismissNotice }).click();
  await expect(notice).toHaveCount(0);

  // A Word import the server refuses: said at the editor too.
  await page.getByTestId('docx-input').setInputFiles({ name: 'notes.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('not a zip') });
  await expect(editor.getByRole('alert')).toBeInViewport();

  // A photo over a slow line: the percentage moves while it goes.
  const photo = await sharp({ create: { width: 900, height: 700, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).jpeg({ quality: 95 }).toBuffer();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 150 * 1024 });
  const chooser2 = page.waitForEvent('filechooser');
  await story.tool(zh.editor.insertImage).click();
  await (await chooser2).setFiles({ name: 'slow.jpg', mimeType: 'image/jpeg', buffer: photo });
  const progress = editor.getByTestId('editor-upload-progress');
  await expect(progress).toBeInViewport();
  const bar = progress.getByRole('progressbar', { name: zh.editor.uploadProgress });
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { message: 'part of the photo sent' }).toBeGreaterThan(0);
  await expect(progress).toContainText(/\d{1,3}%/);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(progress).toHaveCount(0, { timeout: 30_000 });
  await expect(story.body.locator('figure img[src^="/media/"]')).toHaveCount(1);
});
