/** One line per change-log entry, in the UI language. */
import type { Activity, Assessment, ChangeRecord, Instruction, StatusUpdate } from '../../../../src/domain/model.js';
import type { Scale } from '../../../../src/domain/scale.js';
import type { I18n } from '../../i18n/i18n.js';
import { statusRequestChangeText } from '../../../../src/words/status-requests.js';

export function snippet(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function describeChange(change: ChangeRecord, i18n: I18n, scale: Scale): string {
  const { s, f, locale } = i18n;
  // A kind this build does not know yet (a newer server) is shown by its name.
  const template: string = (s.changeKind as Record<string, string>)[change.kind] ?? change.kind;
  switch (change.kind) {
    case 'assessment.added': {
      const a = change.after as Assessment;
      const label = scale.levels.find((l) => l.level === a.level)?.label[locale] ?? '';
      return f(template, { level: a.level, label }) + (a.comment ? ` – ${snippet(a.comment)}` : '');
    }
    case 'status.added': {
      const st = change.after as StatusUpdate;
      return `${f(template, { date: i18n.date(st.statusDate) })}: ${snippet(st.text)}`;
    }
    case 'activity.created':
      return f(template, { text: snippet((change.after as Activity).text) });
    case 'activity.updated': {
      const before = change.before as Activity;
      const after = change.after as Activity;
      const state =
        before.state !== after.state ? ` (${f(s.fromTo, { from: s.activityState[before.state], to: s.activityState[after.state] })})` : '';
      return f(template, { text: snippet(after.text, 70) }) + state;
    }
    case 'instruction.updated': {
      const before = change.before as Instruction;
      const after = change.after as Instruction;
      const state =
        before.state === after.state
          ? s.instructionState[after.state]
          : f(s.fromTo, { from: s.instructionState[before.state], to: s.instructionState[after.state] });
      return f(template, { code: after.code, state });
    }
    case 'year.started':
      return f(template, { year: change.year ?? '' });
    case 'statusRequest.created':
      return statusRequestChangeText(change, locale).sentence;
    default:
      return template;
  }
}
