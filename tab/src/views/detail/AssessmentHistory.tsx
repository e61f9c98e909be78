/**
 * The DPO's assessments by year: a small line chart of each year's latest level, and the full timeline
 * beside it, each entry read from the report marked "tolkad från rapporten" / "interpreted from the report".
 */
import { Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Scale } from '../../../../src/domain/scale.js';
import type { YearOfAssessments } from '../../../../src/domain/views.js';
import { words } from '../../../../src/words/index.js';
import { useI18n } from '../../i18n/i18n.js';

const useStyles = makeStyles({
  chart: { width: '100%', maxWidth: '520px', height: 'auto', display: 'block' },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1 },
  grid: { stroke: tokens.colorNeutralStroke3, strokeWidth: 1, strokeDasharray: '3 3' },
  line: { stroke: tokens.colorBrandForeground1, strokeWidth: 2, fill: 'none' },
  dot: { fill: tokens.colorBrandForeground1, stroke: tokens.colorNeutralBackground1, strokeWidth: 2 },
  earlier: { fill: tokens.colorNeutralBackground1, stroke: tokens.colorBrandForeground1, strokeWidth: 1.5 },
  tick: { fill: tokens.colorNeutralForeground2, fontSize: '11px', fontFamily: 'inherit' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { borderLeft: `3px solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalS },
  yearHead: {
    margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXS}`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: { color: tokens.colorNeutralForeground2, display: 'block' },
  note: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
});

const W = 520;
const H = 190;
const PAD = { left: 150, right: 24, top: 14, bottom: 28 };

export function AssessmentChart({ years, scale }: { years: YearOfAssessments[]; scale: Scale }) {
  const styles = useStyles();
  const { s, f, locale } = useI18n();
  const max = scale.levels.length;
  const labelOf = (level: number) => scale.levels.find((l) => l.level === level)?.label[locale] ?? String(level);
  const y = (level: number) => PAD.top + ((max - level) / (max - 1)) * (H - PAD.top - PAD.bottom);
  const span = W - PAD.left - PAD.right;
  const x = (i: number) => PAD.left + (years.length === 1 ? span / 2 : (i / (years.length - 1)) * span);
  const points = years.flatMap((yr, i) => (yr.latest ? [{ x: x(i), y: y(yr.latest.level), yr }] : []));
  const summary = years
    .map((yr) => (yr.latest ? `${yr.year}: ${yr.latest.level} (${labelOf(yr.latest.level)})` : `${yr.year}: –`))
    .join('; ');
  return (
    <svg
      className={styles.chart}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={f(s.assessmentChart, { summary })}
      data-testid="assessment-chart"
    >
      {scale.levels.map((l) => (
        <g key={l.level}>
          <line className={styles.grid} x1={PAD.left} x2={W - PAD.right} y1={y(l.level)} y2={y(l.level)} />
          <text className={styles.tick} x={PAD.left - 8} y={y(l.level) + 4} textAnchor="end">{`${l.level} ${l.label[locale]}`}</text>
        </g>
      ))}
      <line className={styles.axis} x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
      {years.map((yr, i) => (
        <text key={yr.year} className={styles.tick} x={x(i)} y={H - 8} textAnchor="middle">
          {yr.year}
        </text>
      ))}
      {points.length > 1 && <polyline className={styles.line} points={points.map((p) => `${p.x},${p.y}`).join(' ')} />}
      {years.flatMap((yr, i) =>
        yr.assessments
          .slice(0, -1)
          .map((a, j) => (
            <circle key={a.id} className={styles.earlier} cx={x(i) - 10 * (yr.assessments.length - 1 - j)} cy={y(a.level)} r={4} />
          )),
      )}
      {points.map((p) => (
        <circle key={p.yr.year} className={styles.dot} cx={p.x} cy={p.y} r={6} />
      ))}
    </svg>
  );
}

export function AssessmentTimeline({ years, scale }: { years: YearOfAssessments[]; scale: Scale }) {
  const styles = useStyles();
  const { s, f, locale, dateTime } = useI18n();
  if (years.length === 0) return <Text>{s.noAssessments}</Text>;
  return (
    <div>
      {[...years].reverse().map((yr) => (
        <section key={yr.year} aria-label={String(yr.year)}>
          <h4 className={styles.yearHead}>{yr.year}</h4>
          <ol className={styles.list}>
            {[...yr.assessments].reverse().map((a) => (
              <li key={a.id} className={styles.item}>
                <Text weight="semibold">{`${a.level} · ${scale.levels.find((l) => l.level === a.level)?.label[locale] ?? ''}`}</Text>
                {a.interpreted && (
                  <Caption1 className={styles.note} data-testid="interpreted-note">{` · ${words(locale).level.interpreted}`}</Caption1>
                )}
                <Caption1 className={styles.muted}>{f(s.assessedBy, { name: a.assessedByName, date: dateTime(a.assessedAt) })}</Caption1>
                {a.comment && <Text className={styles.muted}>{a.comment}</Text>}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
