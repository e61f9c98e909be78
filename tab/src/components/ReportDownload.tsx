/**
 * "Download annual report": the deck, the workbook and the CSV tables of the year on the board,
 * fetched with the tab's own identity (GET /api/reports/...) and saved under the server's file name.
 * An optional "as of" day says when work counts as overdue (the server's default when empty: a
 * closed year's status date, else today). DownloadMenu is the menu itself, also used by the city view.
 */
import { Field, Input, Menu, MenuButton, MenuItem, MenuList, MenuPopover, MenuTrigger, Text } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useState, type ReactNode } from 'react';
import { useSession } from '../app/session.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBar } from './ErrorBar.js';

const FILES = [
  { key: 'reportDeck', path: 'deck.pptx' },
  { key: 'reportWorkbook', path: 'workbook.xlsx' },
  { key: 'reportCsvBoard', path: 'board.csv' },
  { key: 'reportCsvPlan', path: 'action-plan.csv' },
  { key: 'reportCsvActivities', path: 'activities.csv' },
] as const;

/** Hands a downloaded file to the browser (Teams' web view saves it like any download). */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface DownloadFile {
  label: string;
  /** The API path with its query. */
  url: string;
}

/** A menu of files fetched with the tab's identity and saved under the server's name; says what it is doing. */
export function DownloadMenu({ label, files, children }: { label: string; files: readonly DownloadFile[]; children?: ReactNode }) {
  const { client } = useSession();
  const { s, f } = useI18n();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const fetchFile = async (file: DownloadFile) => {
    setError(null);
    setStatus(f(s.reportDownloading, { file: file.label }));
    try {
      const { blob, fileName } = await client.download(file.url);
      save(blob, fileName);
      setStatus(f(s.reportDownloaded, { file: fileName }));
    } catch (e) {
      setStatus('');
      setError(e as Error);
    }
  };
  return (
    <div data-testid="report-download" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: 8 }}>
      {children}
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <MenuButton icon={<ArrowDownloadRegular />} appearance="secondary">
            {label}
          </MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {files.map((file) => (
              <MenuItem key={file.url} onClick={() => void fetchFile(file)}>
                {file.label}
              </MenuItem>
            ))}
          </MenuList>
        </MenuPopover>
      </Menu>
      <Text role="status" aria-live="polite" size={200}>
        {status}
      </Text>
      {error && <ErrorBar error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}

export function ReportDownload() {
  const { board } = useSession();
  const { s, f, locale } = useI18n();
  const [asOf, setAsOf] = useState('');
  if (!board) return null;
  const validAsOf = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : '';
  const query = `?unit=${encodeURIComponent(board.unit.id)}&year=${board.year}&lang=${locale}${validAsOf ? `&asOf=${validAsOf}` : ''}`;
  const files = FILES.map((file) => ({ label: s[file.key], url: `/api/reports/${file.path}${query}` }));
  return (
    <DownloadMenu label={f(s.reportDownload, { year: board.year })} files={files}>
      <Field label={s.reportAsOf} hint={s.reportAsOfHint} size="small">
        <Input type="date" size="small" value={asOf} onChange={(_, data) => setAsOf(data.value)} />
      </Field>
    </DownloadMenu>
  );
}
