/**
 * The DPO's annual report as a PowerPoint deck (pptxgenjs), built from live data: title,
 * recommended focus areas, the control points at a glance, one slide per control point,
 * the overall action plan (a timeline of the work packages), the action plan, the appendix of
 * evidence per control point and the closing contact slide. Swedish by default, English on request.
 */
import { PptxGenJS, writeDeck } from './pptx.js';
import type { Locale } from '../domain/model.js';
import { DeckKit, defineMaster, LANGUAGE_TAG, type SlideInfo } from './deck-kit.js';
import {
  closingSlide,
  controlPointSlides,
  focusSlide,
  glanceSlide,
  sectionSlide,
  titleSlide,
  type Contact,
  type SlideContext,
} from './deck-slides.js';
import { evidenceAppendix } from './deck-evidence.js';
import { actionPlanSlides } from './deck-plan.js';
import { timelineSlide } from './deck-timeline.js';
import { unitLabel } from '../domain/units.js';
import { labelsFor } from './labels.js';
import { dataText } from './spans.js';
import type { ReportData } from './report-data.js';

export type { Contact } from './deck-slides.js';

export interface DeckOptions {
  locale?: Locale;
  /** The contact on the closing slide; without one the slide closes with the unit's name. */
  contact?: Contact | null;
}

export interface Deck {
  bytes: Buffer;
  slides: SlideInfo[];
}

export async function buildDeck(data: ReportData, options: DeckOptions = {}): Promise<Deck> {
  const locale = options.locale ?? 'sv';
  const t = labelsFor(locale);
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = 'DPO Board';
  pptx.company = data.unit.organisation;
  // The unit as it is named wherever it shows: an example unit with "(exempel)" / "(example)".
  const unit = unitLabel(data.unit, locale);
  pptx.title = `${t.deckTitle(data.year)} – ${unit}`;
  pptx.subject = t.deckSubtitle(data.unit.organisation, unit);
  defineMaster(pptx, t.footer(data.unit.organisation, unit, data.year), LANGUAGE_TAG[locale]);
  const kit = new DeckKit(pptx, t.continued, locale);
  const ctx: SlideContext = { kit, data, t, locale };

  titleSlide(ctx);
  focusSlide(ctx);
  glanceSlide(ctx);
  sectionSlide(kit, t.sectionPoints, t.sectionPointsSub);
  for (const cp of data.controlPoints) controlPointSlides(cp, ctx);
  sectionSlide(kit, t.sectionPlan, dataText(data.actionPlan.project?.name ?? ''));
  timelineSlide(ctx);
  actionPlanSlides(ctx);
  evidenceAppendix(ctx);
  // The contact the DPO keeps in the store; the configured one (REPORT_CONTACT_*) until there is one.
  closingSlide(kit, t, data.contact ?? (options.contact?.name ? options.contact : null), data, locale);

  return { bytes: await writeDeck(pptx), slides: kit.slides };
}
