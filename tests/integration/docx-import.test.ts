import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { Document, Packer, Paragraph } from 'docx';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { getDb } from '@/db/client';
import { media } from '@/db/schema';
import { importDocx } from '@/lib/content/docx';
import { createLocalStorage, overrideMediaStorage } from '@/lib/media/storage';
import { createCorrespondent, createEditor, expectAppError } from '../support/factories';

// tests/fixtures/story.docx is made by scripts/make-docx-fixture.ts.
const fixture = new Uint8Array(readFileSync(new URL('../fixtures/story.docx', import.meta.url)));

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tougao-docx-'));
  overrideMediaStorage(createLocalStorage(path.join(dataDir, 'uploads')));
});

afterEach(() => {
  overrideMediaStorage(null);
  rmSync(dataDir, { recursive: true, force: true });
});

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// A real ZIP (stored, not deflated) with the given files.
function zip(files: Record<string, string>): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const crc = crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    local.push(header, nameBytes, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, ...central, end]));
}

describe('importDocx', () => {
  test('a Word story arrives with its title, headings, list, table and picture', async () => {
    const correspondent = await createCorrespondent();
    const result = await importDocx(correspondent.viewer, fixture);

    expect(result.title).toBe('渝中区法院开展“法治进社区”宣传活动');
    expect(result.warnings).toEqual([]);
    const { html } = result;
    // The title is the story's title, not repeated as the first heading.
    expect(html).not.toContain('宣传活动</h2>');
    expect(html).toContain('<h2>活动现场</h2>');
    expect(html).toContain('<h3>数据一览</h3>');
    // Typed indentation (two full-width spaces) is left to the page's CSS.
    expect(html).toContain('<p>本报讯（通讯员 方勇）3月15日');
    expect(html).toContain('<strong>“法治进社区”</strong>');
    expect(html).toContain('<em>民间借贷、婚姻家庭</em>');
    expect(html).toContain('<u>诉讼风险</u>');
    expect(html).toMatch(/<ul><li>发放宣传资料 1200 余份<\/li><li>解答群众法律咨询 86 人次<\/li><li>现场调解矛盾纠纷 3 件<\/li><\/ul>/);
    expect(html).toMatch(/<table>[\s\S]*<th>[\s\S]*项目[\s\S]*<td>[\s\S]*宣传资料[\s\S]*<\/table>/);
    expect((html.match(/<tr>/g) ?? []).length).toBe(2);
    expect((html.match(/<t[hd]>/g) ?? []).length).toBe(6);

    const figure = /<figure><img src="\/media\/(\d+)\/large" alt="活动现场" width="(\d+)" height="(\d+)" data-media-id="(\d+)"><figcaption>活动现场（通讯员 方勇 摄）<\/figcaption><\/figure>/.exec(html);
    expect(figure, html).not.toBeNull();
    const id = Number(figure![1]);
    expect(Number(figure![4])).toBe(id);
    expect([Number(figure![2]), Number(figure![3])]).toEqual([480, 300]);

    // The picture is the importing correspondent's own upload.
    const db = await getDb();
    const rows = await db.select().from(media).where(inArray(media.id, [id]));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ownerId: correspondent.id, mimeType: 'image/jpeg', storyId: null });
    expect(html).not.toMatch(/data:|class=|style=/);
  });

  test('editors may import too', async () => {
    const editor = await createEditor();
    const result = await importDocx(editor.viewer, fixture);
    expect(result.html).toContain('<figure><img src="/media/');
  });

  test('a text file renamed .docx is refused as unreadable', async () => {
    const correspondent = await createCorrespondent();
    const bytes = new TextEncoder().encode('这不是 Word 文件，只是改了扩展名的文本。\n');
    await expectAppError(importDocx(correspondent.viewer, bytes), 'validation', { file: 'docx_unreadable' });
  });

  test('a ZIP that is not a Word document is refused as unreadable', async () => {
    const correspondent = await createCorrespondent();
    const bytes = zip({ 'readme.txt': 'hello', 'word/other.xml': '<x/>' });
    await expectAppError(importDocx(correspondent.viewer, bytes), 'validation', { file: 'docx_unreadable' });
    const broken = zip({ 'word/document.xml': 'not xml at all <<<' });
    await expectAppError(importDocx(correspondent.viewer, broken), 'validation', { file: 'docx_unreadable' });
  });

  test('a document without text is refused as empty', async () => {
    const correspondent = await createCorrespondent();
    const empty = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ text: '' }), new Paragraph({ text: '　　 ' })] }] }));
    await expectAppError(importDocx(correspondent.viewer, new Uint8Array(empty)), 'validation', { file: 'docx_empty' });
  });

  test('a file over the limit is refused before it is read', async () => {
    const correspondent = await createCorrespondent();
    await expectAppError(importDocx(correspondent.viewer, fixture, { maxBytes: fixture.byteLength - 1 }), 'validation', { file: 'docx_too_large' });
  });

  test('a signed-out caller or one still on a first password may not import', async () => {
    const fresh = await createCorrespondent({ mustChangePassword: true });
    await expectAppError(importDocx(fresh.viewer, fixture), 'password_change_required');
    await expectAppError(importDocx(null as never, fixture), 'unauthorized');
  });
});
