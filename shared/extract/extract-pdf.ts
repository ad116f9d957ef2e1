/**
 * The extract from the unified register of insured persons: the paper that replaces a lost
 * policy (the domain rules, shared/domain/README.md §5 and §8), one A4 page with the person's and the policy's facts and the policy's
 * PDF417, made on the server.
 *
 * pdf-lib (with @pdf-lib/fontkit for the TrueType font) rather than pdfkit: it is plain
 * JavaScript with no file reads of its own, so it bundles into one `index.mjs` as it is (pdfkit
 * reads its standard fonts' metrics from files beside its sources at run time, which a bundle
 * does not have), it embeds only the glyphs used (`subset`), and its output depends on nothing but
 * the input: the subset's name comes from a seeded generator and the dates are set here, so the
 * same facts give the same bytes, and an ETag can be their hash.
 */
import fontkit from '@pdf-lib/fontkit';
import { closePath, lineTo, moveTo, PDFDocument, PDFOperator, PDFOperatorNames, popGraphicsState, pushGraphicsState, rgb, setFillingRgbColor, type PDFFont, type PDFPage } from 'pdf-lib';
import { pdf417Outline } from '../barcode/render-barcode.ts';

export interface ExtractFacts {
  name: { lastName: string; firstName: string; middleName?: string };
  birthDate: string;
  sex: 'male' | 'female';
  enp: string;
  form: 'В' | 'П' | 'Э' | 'К';
  status: string;
  validFrom: string;
  validTo: string | null;
  insurer: { name: string; phone: string; site?: string; address?: string };
  region: { code: string; name: string };
  issuedOn: string;
  /** ISO instant the extract was made. */
  madeAt: string;
}

/** The document's title (its metadata too): nothing personal, since viewers show it in lists and tabs. */
export const EXTRACT_TITLE = 'Выписка из единого регистра застрахованных лиц';

/**
 * The PDF417's module (its narrowest bar) on paper: 0.33 mm, so the symbol is 67.7 × 14.9 mm
 * rather than the rules' 50 × 11 mm (a module of 0.244 mm, 205 modules across). Measured with
 * ZXing on the page rendered by poppler, 20 random payloads each: at 0.244 mm every symbol
 * decodes at 150 dpi and none at 120 dpi; at 0.33 mm every one decodes at 120 dpi (6 of 20 at
 * 100 dpi). The larger symbol leaves room for a worn print, a fax or a phone's camera; any
 * clinic's 2D imager reads both.
 */
export const EXTRACT_BARCODE_MODULE_MM = 0.33;

const MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 20 * MM;
const LABEL_WIDTH = 62 * MM;
const INK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

const FORMS: Record<ExtractFacts['form'], string> = {
  В: 'временное свидетельство',
  П: 'бумажный бланк',
  Э: 'пластиковая карта с электронным носителем',
  К: 'в составе универсальной электронной карты',
};

const STATUSES: Record<string, string> = {
  active: 'действует',
  suspended: 'приостановлен',
  replaced: 'заменён полисом',
  terminated: 'прекращён',
  expired: 'срок действия истёк',
};

/** YYYY-MM-DD as dd.MM.yyyy. */
export function russianDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return `${m[3]}.${m[2]}.${m[1]}`;
}

const moscow = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant as dd.MM.yyyy HH:mm in Moscow time (the register's one clock for people in eleven zones). */
function moscowTime(instant: Date): string {
  const p = Object.fromEntries(moscow.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}

/** The extract as a one-page PDF, with the policy's PDF417 made from `barcode` (the 130-byte payload) and `font` (a TTF with Cyrillic) embedded. */
export async function extractPdf(facts: ExtractFacts, barcode: Uint8Array, font: Uint8Array): Promise<Uint8Array> {
  const madeAt = new Date(facts.madeAt);
  if (Number.isNaN(madeAt.getTime())) throw new RangeError(`madeAt is not an instant: ${facts.madeAt}`);

  const pdf = await PDFDocument.create({ updateMetadata: false });
  // A fontkit font parsed anew for each document (~40 ms): one kept across documents carries its
  // glyphs' state from one subset to the next, and a later extract lost Latin letters from its text
  // layer (copy, search and screen readers read «sog z-m d.ru»; a test holds it).
  pdf.registerFontkit(fontkit);
  pdf.setTitle(EXTRACT_TITLE, { showInWindowTitleBar: true });
  pdf.setLanguage('ru-RU');
  pdf.setCreator('oms-register');
  pdf.setProducer('oms-register (pdf-lib)');
  pdf.setCreationDate(madeAt);
  pdf.setModificationDate(madeAt);
  // A subset's name is a tag of six capitals and '+' (ISO 32000 9.6.4); a fixed one keeps the output the same.
  const text = await pdf.embedFont(font, { subset: true, customName: 'OMSREG+DejaVuSans' });
  const page = pdf.addPage([A4.width, A4.height]);

  let y = A4.height - MARGIN;
  const line = (s: string, size: number, x = MARGIN, color = INK) => {
    page.drawText(s, { x, y: y - size, size, font: text, color });
  };

  line(EXTRACT_TITLE, 15);
  y -= 15 * 1.4;
  line('о полисе обязательного медицинского страхования', 11, MARGIN, GREY);
  y -= 11 * 1.4 + 8 * MM;

  const rows: [string, string][] = [
    ['Фамилия', facts.name.lastName],
    ['Имя', facts.name.firstName],
    ['Отчество', facts.name.middleName ?? '—'],
    ['Дата рождения', russianDate(facts.birthDate)],
    ['Пол', facts.sex === 'male' ? 'мужской' : 'женский'],
    ['Номер полиса (ЕНП)', facts.enp],
    ['Форма полиса', `${facts.form} — ${FORMS[facts.form]}`],
    ['Статус полиса', STATUSES[facts.status] ?? facts.status],
    ['Действует с', russianDate(facts.validFrom)],
    ['Действует по', facts.validTo === null ? 'бессрочно' : russianDate(facts.validTo)],
    ['Страховая медицинская организация', facts.insurer.name],
    ['телефон', facts.insurer.phone],
    ...(facts.insurer.site ? [['сайт', facts.insurer.site] as [string, string]] : []),
    ...(facts.insurer.address ? [['адрес', facts.insurer.address] as [string, string]] : []),
    ['Субъект РФ', `${facts.region.name} (${facts.region.code})`],
    ['Дата выдачи', russianDate(facts.issuedOn)],
  ];
  const valueX = MARGIN + LABEL_WIDTH;
  const valueWidth = A4.width - MARGIN - valueX;
  for (const [label, value] of rows) {
    const labels = wrap(label, text, 9, LABEL_WIDTH - 4 * MM);
    const values = wrap(value, text, 11, valueWidth);
    labels.forEach((l, i) => page.drawText(l, { x: MARGIN, y: y - 11 - i * 11, size: 9, font: text, color: GREY }));
    values.forEach((v, i) => page.drawText(v, { x: valueX, y: y - 11 - i * 14, size: 11, font: text, color: INK }));
    y -= Math.max(labels.length * 11, values.length * 14) + 3 * MM;
  }

  y -= 6 * MM;
  const symbol = drawPdf417(page, barcode, MARGIN, y);
  y -= symbol.height + 3 * MM;
  line('Штрихкод полиса (PDF417): номер, фамилия, имя, отчество, пол, дата рождения, срок действия и подпись', 8, MARGIN, GREY);

  page.drawText(`Выписка сформирована ${moscowTime(madeAt)} (время московское)`, { x: MARGIN, y: MARGIN, size: 9, font: text, color: GREY });

  return pdf.save({ useObjectStreams: true });
}

/** The PDF417 as filled outlines (vectors: sharp at any printer's resolution), top-left at (x, top). */
function drawPdf417(page: PDFPage, bytes: Uint8Array, x: number, top: number): { width: number; height: number } {
  const outline = pdf417Outline(bytes);
  const unit = EXTRACT_BARCODE_MODULE_MM * MM;
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingRgbColor(0, 0, 0)];
  for (const polygon of outline.polygons) {
    polygon.forEach(([px, py], i) => ops.push((i === 0 ? moveTo : lineTo)(round(x + px * unit), round(top - py * unit))));
    ops.push(closePath());
  }
  // Even-odd, as bwip-js fills: a dark region may enclose a light one.
  ops.push(PDFOperator.of(PDFOperatorNames.FillEvenOdd), popGraphicsState());
  page.pushOperators(...ops);
  return { width: outline.width * unit, height: outline.height * unit };
}

/** Coordinates to 1/1000 pt: shorter content, and no float noise between machines. */
const round = (n: number) => Math.round(n * 1000) / 1000;

/** Words into lines no wider than `width` (a word longer than a line stands alone on it). */
function wrap(s: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of s.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (current && font.widthOfTextAtSize(next, size) > width) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  return current ? [...lines, current] : lines.length ? lines : [''];
}
