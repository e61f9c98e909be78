/**
 * pptxgenjs, typed, and the one way a deck is written out. Its typings declare an ES default export
 * inside a CommonJS-typed package, so under NodeNext TypeScript sees the class at `.default` while
 * Node's ESM import hands over the class itself. This resolves both to the class.
 */
import JSZip from 'jszip';
import pptxgen from 'pptxgenjs';

type PptxClass = typeof pptxgen.default;
const loaded = pptxgen as unknown as PptxClass & { default?: PptxClass };
export const PptxGenJS: PptxClass = loaded.default ?? loaded;
export type Pptx = InstanceType<PptxClass>;

/**
 * A paragraph property element (a:pPr) that follows a run. pptxgenjs 4.0.1 writes one before every
 * run of a paragraph, but a paragraph (DrawingML CT_TextParagraph) holds at most one, first:
 * PowerPoint asks to repair such a file (gitbrent/PptxGenJS#1081, the fix in PR #1083 is not merged).
 * The paragraph's own properties are the first a:pPr; these later ones (which pptxgenjs makes from
 * each further run's options) say nothing more.
 */
const LATE_PARAGRAPH_PROPERTIES = /(?<=<\/a:r>)<a:pPr\b(?:[^>]*\/>|[^>]*>[\s\S]*?<\/a:pPr>)/g;

/** The bytes every late a:pPr starts with, to find the parts that have one without decoding the others. */
const LATE_MARK = Buffer.from('</a:r><a:pPr');

/** The parts whose text pptxgenjs writes: slides and the masters' layouts. */
const TEXT_PARTS = /^ppt\/(?:slides|slideLayouts|slideMasters)\/[^/]+\.xml$/;

/** The deck's file: as pptxgenjs writes it, each paragraph with its properties once (see above), compressed. */
export async function writeDeck(pptx: Pptx): Promise<Buffer> {
  // stream() is the export that hands over a Node Buffer; stored uncompressed, then compressed once here.
  const zip = await JSZip.loadAsync(await pptx.stream({ compression: false }));
  for (const name of Object.keys(zip.files).filter((n) => TEXT_PARTS.test(n))) {
    // Decoded only where a run is followed by paragraph properties: most parts have none (neighbouring runs of one language are one run).
    const bytes = await zip.file(name)!.async('nodebuffer');
    if (bytes.includes(LATE_MARK)) zip.file(name, bytes.toString('utf8').replace(LATE_PARAGRAPH_PROPERTIES, ''));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
