/**
 * Evidence (underlag) on a control point: the list everyone reads (a link, its kind, date and who
 * added it; a file of the "DPO Underlag" library says so), for the DPO, the CISO and editors a
 * form to add an https link, and "Ta bort" on a link for whoever added it and for the DPO (a file is
 * removed in the library). The server checks the role and the link (src/domain/evidence.ts); the tab
 * only hides what it would refuse. A card's link to it (…/control-points/<n>/evidence, or #evidence) scrolls here.
 */
import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  Link,
  makeStyles,
  Select,
  tokens,
} from '@fluentui/react-components';
import { Delete16Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { EVIDENCE_KINDS, mayRemoveEvidence, type Evidence, type EvidenceKind } from '../../../../src/domain/evidence.js';
import { fill } from '../../../../src/words/fill.js';
import { TERMS } from '../../../../src/words/index.js';
import { useSession } from '../../app/session.js';
import { ErrorBar } from '../../components/ErrorBar.js';
import { useI18n } from '../../i18n/i18n.js';
import { useRouter } from '../../routing/router.js';
import { useResource } from '../useResource.js';
import { useFormStyles } from './StatusForm.js';
import { useSubmit } from './useSubmit.js';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const today = () => new Date().toISOString().slice(0, 10);

export function EvidenceSection({ number }: { number: number }) {
  const styles = useStyles();
  const i18n = useI18n();
  const terms = TERMS[i18n.locale];
  const w = terms.evidenceWords;
  const session = useSession();
  const resource = useResource<{ evidence: Evidence[] }>(`/api/control-points/${number}/evidence`);
  const { data, error } = resource;
  // The DPO and those who answer for the unit: mayHandleEvidence in src/domain/evidence.ts.
  const mayAdd = session.can('assess') || session.can('writeStatus');
  const [notice, setNotice] = useState('');
  const section = useRef<HTMLDivElement>(null);
  const listed = Boolean(data);
  // Opened at the evidence: a card's "Visa underlaget" (…/control-points/<n>/evidence), or #evidence.
  const { route } = useRouter();
  const wanted = (route.name === 'detail' && route.section === 'evidence') || window.location.hash === '#evidence';
  useEffect(() => {
    if (listed && wanted) section.current?.scrollIntoView?.();
  }, [listed, wanted]);
  const onRemoved = () => {
    setNotice(w.removedNotice);
    resource.reload();
  };
  return (
    <div data-testid="evidence" id="evidence" ref={section}>
      {error && <Body1>{error.message}</Body1>}
      <div role="status">{notice && <Caption1>{notice}</Caption1>}</div>
      {data && data.evidence.length === 0 && <Body1>{w.none}</Body1>}
      {data && data.evidence.length > 0 && (
        <ul className={styles.list} aria-label={terms.thing.evidence}>
          {data.evidence.map((e) => (
            <li key={e.id}>
              <Link href={e.url} target="_blank" rel="noreferrer">
                {e.title}
              </Link>
              <Caption1>{` · ${terms.evidenceKind[e.kind]} · ${i18n.date(e.date)} · ${e.origin === 'library' ? w.fromLibrary : `${w.addedBy} ${e.addedByName}`}`}</Caption1>
              {session.me && mayRemoveEvidence(session.me, e) && <RemoveEvidence number={number} evidence={e} onRemoved={onRemoved} />}
            </li>
          ))}
        </ul>
      )}
      {mayAdd ? <EvidenceForm number={number} onSaved={() => resource.reload()} /> : session.me && <Caption1>{w.whoAdds}</Caption1>}
    </div>
  );
}

function EvidenceForm({ number, onSaved }: { number: number; onSaved: () => void }) {
  const styles = useFormStyles();
  const { locale } = useI18n();
  const terms = TERMS[locale];
  const w = terms.evidenceWords;
  const { client } = useSession();
  const submit = useSubmit();
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('https://');
  const [kind, setKind] = useState<EvidenceKind>('policy');
  const [day, setDay] = useState(today);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { title, url, kind, date: day };
    const failure = await submit.run(body, (key) => client.write('POST', `/api/control-points/${number}/evidence`, body, key));
    if (!failure) {
      setTitle('');
      setUrl('https://');
      onSaved();
    }
  };

  return (
    <form className={styles.form} onSubmit={(event) => void onSubmit(event)} aria-label={w.add} data-testid="evidence-form">
      {submit.error && <ErrorBar error={submit.error} onDismiss={() => submit.clearError()} />}
      <div className={styles.row}>
        <Field label={w.title} required>
          {/* 300 and 2000: EVIDENCE_LIMITS in src/domain/evidence.ts */}
          <Input value={title} onChange={(_, d) => setTitle(d.value)} maxLength={300} />
        </Field>
        <Field label={w.url} required>
          <Input type="url" value={url} onChange={(_, d) => setUrl(d.value)} maxLength={2000} />
        </Field>
      </div>
      <div className={styles.row}>
        <Field label={w.kind} required>
          <Select value={kind} onChange={(_, d) => setKind(d.value as EvidenceKind)}>
            {EVIDENCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {terms.evidenceKind[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={w.date} required>
          <Input type="date" value={day} onChange={(_, d) => setDay(d.value)} />
        </Field>
      </div>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={submit.busy}>
          {w.add}
        </Button>
      </div>
    </form>
  );
}

/** "Ta bort" on a link, asked once more in a dialog; DELETE answers what was removed. */
function RemoveEvidence({ number, evidence, onRemoved }: { number: number; evidence: Evidence; onRemoved: () => void }) {
  const { locale, s } = useI18n();
  const w = TERMS[locale].evidenceWords;
  const { client } = useSession();
  const submit = useSubmit();
  const [open, setOpen] = useState(false);
  const label = `${w.remove}: ${evidence.title}`;

  const onConfirm = async () => {
    const path = `/api/control-points/${number}/evidence/${encodeURIComponent(evidence.id)}`;
    const failure = await submit.run({ remove: evidence.id }, () => client.remove(path));
    if (!failure) {
      setOpen(false);
      onRemoved();
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="subtle" size="small" icon={<Delete16Regular />} aria-label={label} title={label} />
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{fill(w.removeConfirm, { title: evidence.title })}</DialogTitle>
          {submit.error && <ErrorBar error={submit.error} onDismiss={() => submit.clearError()} />}
          <DialogActions>
            <Button appearance="primary" disabled={submit.busy} onClick={() => void onConfirm()}>
              {w.remove}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">{s.cancel}</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
