/**
 * "Om uppgifterna" / "About this data": how the seed was read from the DPO's report — the method,
 * every X's column and report line, the level it gives now and whether it is still interpreted,
 * and every other interpretation the import made (the seed file's notes, with their report lines).
 */
import {
  Badge,
  Body1,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { levelLabel } from '../../../src/domain/scale.js';
import { SCALE_WORDS, words } from '../../../src/words/index.js';
import { ErrorBar } from '../components/ErrorBar.js';
import { PageHeading } from '../components/PageHeading.js';
import { useI18n } from '../i18n/i18n.js';
import type { AboutDataAnswer } from './scale/types.js';
import { useResource } from './useResource.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1000px' },
  section: { backgroundColor: tokens.colorNeutralBackground1, padding: tokens.spacingHorizontalL, borderRadius: tokens.borderRadiusMedium },
});

export default function AboutDataPage() {
  const styles = useStyles();
  const { locale, f } = useI18n();
  const w = SCALE_WORDS[locale];
  const terms = words(locale);
  const { data, error } = useResource<AboutDataAnswer>('/api/about-data');
  if (error) return <ErrorBar error={error} />;
  if (!data) return <Spinner label="…" />;
  const { reading } = data;
  return (
    <div className={styles.root}>
      <PageHeading>{w.aboutTitle}</PageHeading>
      {!reading ? (
        <Body1>{w.noReading}</Body1>
      ) : (
        <>
          <section className={styles.section} aria-labelledby="about-method">
            <h2 id="about-method">{w.method}</h2>
            <p>{f(w.report, { file: reading.reportFile, year: data.year })}</p>
            <p lang="sv" data-testid="about-method">
              {reading.method}
            </p>
          </section>
          <section className={styles.section} aria-labelledby="about-marks">
            <h2 id="about-marks">{w.marks}</h2>
            <Table aria-labelledby="about-marks" data-testid="about-marks" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{w.controlPoint}</TableHeaderCell>
                  <TableHeaderCell>{w.column}</TableHeaderCell>
                  <TableHeaderCell>{w.line}</TableHeaderCell>
                  <TableHeaderCell>{w.levelNow}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.marks.map((m) => (
                  <TableRow key={m.controlPoint} data-testid={`about-mark-${m.controlPoint}`}>
                    <TableCell>{`${m.controlPoint}. ${m.title}`}</TableCell>
                    <TableCell>{m.column}</TableCell>
                    <TableCell>{m.line}</TableCell>
                    <TableCell>
                      {m.level === null ? terms.level.notAssessed : `${m.level} · ${levelLabel(data.scale, m.level, locale)}`}{' '}
                      <Badge appearance="tint" color={m.interpreted ? 'warning' : 'success'}>
                        {m.interpreted ? terms.level.interpreted : terms.level.confirmed}
                      </Badge>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
          <section className={styles.section} aria-labelledby="about-notes">
            <h2 id="about-notes">{w.notes}</h2>
            <ul lang="sv" data-testid="about-notes">
              {reading.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
