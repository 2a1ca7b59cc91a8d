// npx tsx scripts/make-docx-fixture.ts: writes tests/fixtures/story.docx, the
// Word file the import tests and the desk's end-to-end test upload. A real
// .docx: a title, two headings, two paragraphs of Chinese text with bold,
// italic and underline, a bulleted list, a 2×3 table and one JPEG with a
// caption. Run it again only to change the fixture; the output is committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import sharp from 'sharp';

const target = fileURLToPath(new URL('../tests/fixtures/story.docx', import.meta.url));

// A 480×300 picture drawn in code: nothing to download, nothing to license.
async function makeJpeg(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="300">
    <rect width="480" height="300" fill="#e9edf2"/>
    <rect x="0" y="210" width="480" height="90" fill="#b3261e"/>
    <circle cx="370" cy="90" r="46" fill="#f2c14e"/>
    <rect x="40" y="120" width="70" height="90" fill="#3e4c59"/>
    <rect x="130" y="80" width="90" height="130" fill="#616e7c"/>
    <rect x="240" y="140" width="60" height="70" fill="#3e4c59"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({
    width: { size: 3000, type: WidthType.DXA },
    children: [new Paragraph({ children: [new TextRun({ text, bold })] })],
  });
}

async function main() {
  const jpeg = await makeJpeg();
  const doc = new Document({
    creator: 'Tougao',
    title: '渝中区法院开展“法治进社区”宣传活动',
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, text: '渝中区法院开展“法治进社区”宣传活动' }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: '活动现场' }),
          new Paragraph({
            children: [
              new TextRun('　　本报讯（通讯员 方勇）3月15日，渝中区人民法院组织干警走进解放碑街道，开展'),
              new TextRun({ text: '“法治进社区”', bold: true }),
              new TextRun('主题宣传活动，以案说法，为群众送上一堂生动的法治课。'),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun('活动中，干警们结合'),
              new TextRun({ text: '民间借贷、婚姻家庭', italics: true }),
              new TextRun('等常见纠纷，向居民讲解'),
              new TextRun({ text: '诉讼风险', underline: {} }),
              new TextRun('与维权途径，并现场解答法律咨询。'),
            ],
          }),
          new Paragraph({ text: '发放宣传资料 1200 余份', bullet: { level: 0 } }),
          new Paragraph({ text: '解答群众法律咨询 86 人次', bullet: { level: 0 } }),
          new Paragraph({ text: '现场调解矛盾纠纷 3 件', bullet: { level: 0 } }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, text: '数据一览' }),
          new Table({
            width: { size: 9000, type: WidthType.DXA },
            rows: [
              new TableRow({ tableHeader: true, children: [cell('项目', true), cell('数量', true), cell('备注', true)] }),
              new TableRow({ children: [cell('宣传资料'), cell('1200'), cell('份')] }),
            ],
          }),
          new Paragraph({
            children: [
              new ImageRun({
                type: 'jpg',
                data: jpeg,
                transformation: { width: 480, height: 300 },
                altText: { name: '活动现场', description: '活动现场', title: '活动现场' },
              }),
            ],
          }),
          new Paragraph({ style: 'Caption', text: '活动现场（通讯员 方勇 摄）' }),
        ],
      },
    ],
  });
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, await Packer.toBuffer(doc));
  console.log(`Wrote ${path.relative(process.cwd(), target)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
