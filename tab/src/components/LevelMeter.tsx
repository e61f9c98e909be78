/**
 * A level on the DPO's scale as an accessible meter: the report drew it as an X on a bar;
 * here the bar has one segment per level, filled up to the level, with the label beside it, and
 * "tolkad från rapporten" / "interpreted from the report" while the level is the seed's reading of the X.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { Scale } from '../../../src/domain/scale.js';
import { words } from '../../../src/words/index.js';
import { useI18n } from '../i18n/i18n.js';

const useStyles = makeStyles({
  row: { display: 'grid', gridTemplateColumns: 'minmax(8.5em, auto) auto 1fr', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  text: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  who: { color: tokens.colorNeutralForeground2 },
  track: { display: 'flex', gap: '3px' },
  segment: {
    width: '18px',
    height: '10px',
    borderRadius: tokens.borderRadiusSmall,
    border: `1px solid ${tokens.colorNeutralStrokeAccessible}`,
    backgroundColor: tokens.colorNeutralBackground1,
    boxSizing: 'border-box',
  },
  dpo: { backgroundColor: tokens.colorBrandBackground, border: `1px solid ${tokens.colorBrandBackground}` },
  unit: { backgroundColor: tokens.colorPaletteDarkOrangeBorderActive, border: `1px solid ${tokens.colorPaletteDarkOrangeBorderActive}` },
  muted: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  label: { color: tokens.colorNeutralForeground1 },
  note: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
});

export interface LevelMeterProps {
  who: string;
  level: number | null;
  scale: Scale;
  kind: 'dpo' | 'unit';
  /** What to say when there is no level. */
  emptyText: string;
  /** The level is the reading of the report's X, not yet confirmed by the DPO: says so beside it. */
  interpreted?: boolean;
}

export function LevelMeter({ who, level, scale, kind, emptyText, interpreted = false }: LevelMeterProps) {
  const styles = useStyles();
  const { s, f, locale } = useI18n();
  const id = useId();
  const max = scale.levels.length;
  const named = level === null ? emptyText : (scale.levels.find((l) => l.level === level)?.label[locale] ?? String(level));
  const note = interpreted && level !== null ? words(locale).level.interpreted : '';
  const label = note ? `${named} (${note})` : named;
  const segments = scale.levels.map((l) => (
    <span key={l.level} className={mergeClasses(styles.segment, level !== null && l.level <= level && styles[kind])} />
  ));
  return (
    <div className={styles.row}>
      <span id={id} className={mergeClasses(styles.text, styles.who)}>
        {who}
      </span>
      {level === null ? (
        <span className={styles.track} aria-hidden>
          {segments}
        </span>
      ) : (
        <span
          role="meter"
          className={styles.track}
          aria-labelledby={id}
          aria-valuemin={1}
          aria-valuemax={max}
          aria-valuenow={level}
          aria-valuetext={f(s.meterLabel, { who, level, max, label })}
          data-level={level}
        >
          {segments}
        </span>
      )}
      <span className={mergeClasses(styles.text, level === null ? styles.muted : styles.label)}>
        {level === null ? named : `${level} · ${named}`}
        {note && (
          <span className={styles.note} data-testid="interpreted-note">
            {` · ${note}`}
          </span>
        )}
      </span>
    </div>
  );
}
