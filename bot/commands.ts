/**
 * Parses what a user typed to the bot (with the @mention already removed) into a command.
 * Swedish and English, case-insensitive; anything else is `unknown` and gets help.
 *
 * Several units (issue 14 item 4): a command about a board answers for the conversation's unit
 * (bot/units.ts), or for another one named at the end: "status 4 i Kulturförvaltningen",
 * "assess 4 in Culture" (`unit` is the text as typed; bot/units.ts finds the unit it names).
 * `följ <enhet>` / `follow <unit>` chooses the conversation's unit; `följer` / `following` asks which.
 */
import { z } from 'zod';
import { plainText } from '../src/domain/text.js';

/** A unit named at the end of a command ("… i <enhet>" / "… in <unit>"), as typed. */
export interface UnitNamed {
  unit?: string;
}

export type Command =
  | { kind: 'help' }
  | ({ kind: 'status' } & UnitNamed)
  | ({ kind: 'statusOf'; controlPoint: number } & UnitNamed)
  | ({ kind: 'focus' } & UnitNamed)
  | ({ kind: 'report' } & UnitNamed)
  | ({ kind: 'assess'; controlPoint: number } & UnitNamed)
  /** Ask the person responsible for a new status (bot/status-requests.ts). */
  | ({ kind: 'requestStatus'; controlPoint: number } & UnitNamed)
  /** This conversation follows the unit named (bot/units.ts, src/store/channel-units.ts). */
  | { kind: 'follow'; unit: string }
  /** Which unit this conversation follows. */
  | { kind: 'following' }
  | { kind: 'subscribe' }
  | { kind: 'unsubscribe' }
  /** The weekly digest in this channel off or on (bot/digest-setting.ts). */
  | { kind: 'digest'; on: boolean }
  | { kind: 'unknown'; text: string };

const WORDS: Record<string, 'help' | 'status' | 'focus' | 'report' | 'assess' | 'subscribe' | 'unsubscribe'> = {
  hjälp: 'help',
  hjalp: 'help',
  help: 'help',
  '?': 'help',
  status: 'status',
  fokus: 'focus',
  focus: 'focus',
  rapport: 'report',
  report: 'report',
  årsrapport: 'report',
  bedöm: 'assess',
  bedom: 'assess',
  assess: 'assess',
  prenumerera: 'subscribe',
  subscribe: 'subscribe',
  avsluta: 'unsubscribe',
  unsubscribe: 'unsubscribe',
};

const controlPointArg = z.coerce.number().int().min(1).max(999);

/** "begär status 4" / "request status 4" (also "begar", "#4", "nr 4"); null when the text is no status request. */
function statusRequestOf(text: string): Command | null {
  const match = /^(begär|begar|request)\s+status\b\s*(.*)$/iu.exec(text);
  if (!match) return null;
  const n = controlPointArg.safeParse(match[2]!.replace(/^(nr|no)\s*/i, '').replace(/^#/, ''));
  return n.success ? { kind: 'requestStatus', controlPoint: n.data } : { kind: 'unknown', text };
}

/** Removes Teams' <at>…</at> remnants and control characters (the one text rule), and collapses whitespace. */
export function normalize(text: string): string {
  return plainText(text)
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "sammanfattning av|på" / "digest off|on"; null when the text is no digest switch. */
function digestSwitchOf(text: string): Command | null {
  const match = /^(sammanfattning|veckosammanfattning|digest)\s+(av|på|pa|off|on)[.!]?$/iu.exec(text);
  if (!match) return null;
  return { kind: 'digest', on: ['på', 'pa', 'on'].includes(match[2]!.toLocaleLowerCase('sv')) };
}

/** "följ <enhet>" / "follow <unit>", "följer" / "following"; null when the text is neither. */
function followOf(text: string): Command | null {
  if (/^(följer|foljer|following)[?.!]?$/iu.test(text)) return { kind: 'following' };
  const match = /^(följ|folj|follow)(?:\s+(.*))?$/iu.exec(text);
  if (!match) return null;
  const unit = (match[2] ?? '').replace(/^["'“”]+|["'“”.!]+$/gu, '').trim();
  return unit ? { kind: 'follow', unit } : { kind: 'unknown', text };
}

const UNIT_SUFFIX = /^(.*?\S)\s+(?:i|in)\s+(\S.*)$/iu;

/** The command with a unit named at its end, when the command takes one; null otherwise. */
function withNamedUnit(text: string): Command | null {
  const match = UNIT_SUFFIX.exec(text);
  if (!match) return null;
  const command = parseBoardCommand(match[1]!);
  const unit = match[2]!.replace(/^["'“”]+|["'“”.!?]+$/gu, '').trim();
  if (!unit || !('controlPoint' in command || ['status', 'focus', 'report'].includes(command.kind))) return null;
  return { ...command, unit } as Command;
}

export function parseCommand(raw: string): Command {
  const text = normalize(raw);
  const digest = digestSwitchOf(text);
  if (digest) return digest;
  const follow = followOf(text);
  if (follow) return follow;
  const direct = parseBoardCommand(text);
  if (direct.kind !== 'unknown') return direct;
  return withNamedUnit(text) ?? direct;
}

function parseBoardCommand(text: string): Command {
  const request = statusRequestOf(text);
  if (request) return request;
  const [first = '', ...rest] = text.split(' ');
  const word = WORDS[first.toLocaleLowerCase('sv').replace(/[.!:]+$/, '')];
  const arg = rest
    .join(' ')
    .replace(/^(nr|no|#)\s*/i, '')
    .replace(/^#/, '');
  const n = controlPointArg.safeParse(arg);
  switch (word) {
    case 'help':
      return { kind: 'help' };
    case 'status':
      if (rest.length === 0) return { kind: 'status' };
      return n.success ? { kind: 'statusOf', controlPoint: n.data } : { kind: 'unknown', text };
    case 'focus':
      return rest.length === 0 ? { kind: 'focus' } : { kind: 'unknown', text };
    case 'report':
      return rest.length === 0 ? { kind: 'report' } : { kind: 'unknown', text };
    case 'assess':
      return n.success ? { kind: 'assess', controlPoint: n.data } : { kind: 'unknown', text };
    case 'subscribe':
      return rest.length === 0 ? { kind: 'subscribe' } : { kind: 'unknown', text };
    case 'unsubscribe':
      return rest.length === 0 ? { kind: 'unsubscribe' } : { kind: 'unknown', text };
    default:
      return { kind: 'unknown', text };
  }
}
