/** Every card the bot can send, rendered from the real seed in both languages (for the card tests). */
import path from 'node:path';
import fs from 'node:fs';
import type { Assessment, ChangeRecord, Instruction, Locale } from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { buildBoard, buildControlPointDetail } from '../../src/domain/views.js';
import { importSeedFile } from '../../src/store/open.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import {
  assessCard,
  boardCard,
  controlPointCard,
  digestCard,
  focusCard,
  helpCard,
  noticeCard,
  reportCard,
  statusChangeCard,
  welcomeCard,
  type CardAttachment,
  type ChangeContext,
} from '../../bot/cards.js';
import { tempDataDir } from '../helpers/server.js';
import { statusRequestCards } from './status-request-cards.js';
import { scheduleCards } from './schedule-cards.js';

export async function renderEveryCard(): Promise<{ name: string; card: CardAttachment }[]> {
  const dir = tempDataDir();
  const store = openSqliteStore({ file: path.join(dir, 'cards.sqlite'), scale: DEFAULT_SCALE });
  try {
    await importSeedFile(store);
    const today = '2026-11-28';
    const board = buildBoard(await store.getBoardData('intraservice'), DEFAULT_SCALE, today);
    const plan = await store.getActionPlanData('intraservice');
    const instruction = plan.instructions[0]!;
    const url = 'http://localhost:3978/tab/';
    const cards: { name: string; card: CardAttachment }[] = [];
    const dpo = {
      id: 'dpo',
      displayName: 'Dataskyddsombud (demo)',
      roles: ['dpo' as const],
      grants: [{ role: 'dpo' as const, units: '*' as const }],
    };
    const now = new Date('2026-11-28T10:00:00Z');
    const assessment = await store.addAssessment(
      { unitId: 'intraservice', year: board.year, controlPoint: 6, level: 2, comment: 'Rutinen är påbörjad men inte införd.' },
      { actor: dpo, source: 'bot', now },
    );
    // Evidence added and removed through the store, so the posts render the change records it wrote.
    const link = await store.evidence.add(
      {
        unitId: 'intraservice',
        controlPoint: 1,
        title: 'Dataskyddspolicy',
        url: 'https://intranat.example/policy.pdf',
        kind: 'policy',
        date: '2024-06-12',
      },
      { actor: dpo, source: 'tab', now },
    );
    await store.evidence.remove('intraservice', link.id, { actor: dpo, source: 'tab', now });
    const changes = await store.changesSince(0, 1000);
    const evidenceChanges = changes.filter((c) => c.kind === 'evidence.added' || c.kind === 'evidence.removed');
    const added = changes.filter((c) => c.kind === 'assessment.added').at(-1)!;
    const status: ChangeRecord = {
      ...added,
      seq: added.seq + 1,
      kind: 'status.added',
      entityId: 'status:99',
      controlPoint: 4,
      after: {
        id: 99,
        unitId: 'intraservice',
        year: board.year,
        controlPoint: 4,
        statusDate: '2026-11-27',
        text: 'Registret är uppdaterat.',
        unitLevel: 3,
        author: 'ciso',
        authorName: 'CISO',
        createdAt: now.toISOString(),
      },
    };
    const instr: ChangeRecord = {
      ...added,
      seq: added.seq + 2,
      kind: 'instruction.updated',
      entityId: `instruction:${instruction.code}`,
      controlPoint: null,
      before: instruction,
      after: { ...instruction, state: 'done', note: 'Beslutad.' } satisfies Instruction,
    };
    // Direct SharePoint edits: a correction, a refusal and a deletion (src/store/sharepoint/sync.ts).
    const direct = directEditChanges(added, status);
    const ctx: ChangeContext = {
      scale: DEFAULT_SCALE,
      titleOf: (n) => board.controlPoints.find((cp) => cp.number === n)?.title,
      linkOf: (c) => `${url}control-points/${c.controlPoint ?? ''}`,
      boardUrl: url,
    };
    for (const locale of ['sv', 'en'] as Locale[]) {
      cards.push({ name: `welcome personal ${locale}`, card: welcomeCard(locale, { personal: true, boardUrl: url }) });
      cards.push({ name: `welcome team ${locale}`, card: welcomeCard(locale, { personal: false, boardUrl: url }) });
      cards.push({ name: `help ${locale}`, card: helpCard(locale, { boardUrl: url }) });
      cards.push({ name: `help after unknown ${locale}`, card: helpCard(locale, { boardUrl: url, unknownText: 'gör något' }) });
      // With several units: which unit the conversation follows (bot/units.ts followingText).
      const following = 'Här följer jag Intraservice, standardförvaltningen. Skriv **följ <förvaltning>** för att välja en annan.';
      cards.push({ name: `welcome with units ${locale}`, card: welcomeCard(locale, { personal: false, boardUrl: url, following }) });
      cards.push({ name: `help with units ${locale}`, card: helpCard(locale, { boardUrl: url, following }) });
      cards.push({ name: `notice ${locale}`, card: noticeCard(locale, 'Klart!', { color: 'Good' }) });
      cards.push({
        name: `error ${locale}`,
        card: noticeCard(locale, 'Kontrollpunkten finns inte.', { title: 'Det gick inte', color: 'Attention' }),
      });
      cards.push({ name: `board ${locale}`, card: boardCard(locale, board, url) });
      cards.push({ name: `focus ${locale}`, card: focusCard(locale, board, (n) => `${url}control-points/${n}`) });
      cards.push({ name: `focus of a unit ${locale}`, card: focusCard(locale, board, () => url, 'Kultur (exempel)') });
      cards.push({ name: `report ${locale}`, card: reportCard(locale, board, `${url}action-plan`) });
      cards.push({
        name: `focus none ${locale}`,
        card: focusCard(locale, { ...board, controlPoints: board.controlPoints.map((cp) => ({ ...cp, focus: false })) }, () => url),
      });
      for (const cp of board.controlPoints) {
        const detail = buildControlPointDetail(await store.getControlPointData('intraservice', cp.number), DEFAULT_SCALE, today);
        cards.push({
          name: `control point ${cp.number} ${locale}`,
          card: controlPointCard(locale, detail, board.year, url, { count: cp.number % 3, url }),
        });
      }
      const detail4 = buildControlPointDetail(await store.getControlPointData('intraservice', 4), DEFAULT_SCALE, today);
      cards.push({
        name: `control point of a unit ${locale}`,
        card: controlPointCard(locale, detail4, board.year, url, { count: 1, url }, 'Kultur (arkiverad)'),
      });
      const detail6 = buildControlPointDetail(await store.getControlPointData('intraservice', 6), DEFAULT_SCALE, today);
      const base = {
        detail: detail6,
        unitId: 'intraservice',
        year: board.year,
        userIds: ['user-id-0', 'user-id-1'],
        tabUrl: url,
        evidence: { count: 2, url },
      };
      cards.push({ name: `assess form ${locale}`, card: assessCard(locale, { ...base, canAssess: true }) });
      cards.push({
        name: `assess saved ${locale}`,
        card: assessCard(locale, { ...base, canAssess: true, message: { text: 'Sparad', tone: 'good' } }),
      });
      cards.push({
        name: `assess refused ${locale}`,
        card: assessCard(locale, { ...base, canAssess: false, message: { text: 'Bara DPO', tone: 'attention' } }),
      });
      cards.push({ name: `assess read-only ${locale}`, card: assessCard(locale, { ...base, canAssess: false }) });
      cards.push({ name: `assess of a unit ${locale}`, card: assessCard(locale, { ...base, canAssess: true, unit: 'Kultur (exempel)' }) });
      cards.push({ name: `assess next year ${locale}`, card: assessCard(locale, { ...base, year: board.year + 1, canAssess: true }) });
      cards.push({ name: `post assessment ${locale}`, card: statusChangeCard(locale, added, ctx) });
      cards.push({ name: `post status ${locale}`, card: statusChangeCard(locale, status, ctx) });
      cards.push({ name: `post instruction ${locale}`, card: statusChangeCard(locale, instr, ctx) });
      cards.push({ name: `digest ${locale}`, card: digestCard(locale, [added, status, instr, added, status], ctx) });
      for (const change of direct) cards.push({ name: `post ${change.kind} ${locale}`, card: statusChangeCard(locale, change, ctx) });
      for (const change of evidenceChanges)
        cards.push({ name: `post ${change.kind} ${locale}`, card: statusChangeCard(locale, change, ctx) });
      cards.push({ name: `digest with direct edits ${locale}`, card: digestCard(locale, [...direct, instr], ctx) });
      cards.push(...statusRequestCards(locale, await store.getControlPointData('intraservice', 4), DEFAULT_SCALE, url));
      cards.push(...scheduleCards(locale, await store.getBoardData('intraservice'), [added, status, instr, ...evidenceChanges], ctx));
    }
    void assessment;
    return cards;
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A correction, a refusal and a deletion as the SharePoint sync records them. */
export function directEditChanges(added: ChangeRecord, status: ChangeRecord): ChangeRecord[] {
  const before = added.after as Assessment;
  const corrected: ChangeRecord = {
    ...added,
    seq: added.seq + 10,
    kind: 'assessment.corrected',
    before,
    after: { ...before, level: 2, comment: 'Rättad i listan' },
  };
  const refused: ChangeRecord = {
    ...status,
    seq: added.seq + 11,
    kind: 'edit.refused',
    actorId: 'rita',
    actorName: 'Rita Läsare',
    before: null,
    after: {
      what: 'status',
      action: 'add',
      attempted: status.after,
      reason: { sv: 'Din roll får inte göra detta (writeStatus).', en: 'Your role may not do this (writeStatus).' },
    },
  };
  const deleted: ChangeRecord = {
    ...status,
    seq: added.seq + 12,
    kind: 'item.deleted',
    actorId: 'sharepoint',
    actorName: 'SharePoint',
    before: status.after,
    after: null,
  };
  return [corrected, refused, deleted];
}
