/**
 * "Begär status" / "Request status" on a control point (issue 13 item 3), for the DPO and the CISO:
 * a dialog with the due date, then POST /api/control-points/<n>/status-requests. DPO Board's bot
 * sends the owner a card in their personal chat in Teams; the answer arrives as a status update
 * under their name. Open requests for the control point are listed under the button. The server
 * checks the role; the tab only hides the button from people it would refuse.
 */
import { Button, Caption1, DialogActions, DialogTrigger, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { Send20Regular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { StatusRequest } from '../../../../src/domain/status-requests.js';
import { useSession } from '../../app/session.js';
import { FormDialog } from '../../components/FormDialog.js';
import { useI18n } from '../../i18n/i18n.js';
import { useResource } from '../useResource.js';
import { useSubmit } from './useSubmit.js';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: tokens.spacingVerticalXS },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** A week from today, the server's default too (STATUS_REQUEST_DAYS in src/domain/status-requests.ts). */
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

export function StatusRequestButton({ number, owner }: { number: number; owner: string }) {
  const styles = useStyles();
  const { s, f, date } = useI18n();
  const w = s.statusRequest;
  const { client, can } = useSession();
  const open = useResource<{ requests: StatusRequest[] }>('/api/status-requests');
  const submit = useSubmit();
  const [shown, setShown] = useState(false);
  const [due, setDue] = useState(inAWeek);
  const [notice, setNotice] = useState('');
  const waiting = (open.data?.requests ?? []).filter((r) => r.controlPoint === number);
  if (!can('requestStatus')) return null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    let answer: { request: StatusRequest; delivered: boolean } | undefined;
    const failure = await submit.run({ number, due }, async (key) => {
      answer = await client.write<{ request: StatusRequest; delivered: boolean }>(
        'POST',
        `/api/control-points/${number}/status-requests`,
        { dueDate: due },
        key,
      );
    });
    if (failure || !answer) return;
    const words = { asked: answer.request.askedName, due: date(answer.request.dueDate) };
    setNotice(f(answer.delivered ? w.sent : w.notDelivered, words));
    setShown(false);
    open.reload();
  };

  return (
    <div className={styles.wrap} data-testid="status-request">
      <FormDialog
        open={shown}
        onOpenChange={setShown}
        trigger={<Button icon={<Send20Regular />}>{w.button}</Button>}
        title={w.title}
        onSubmit={onSubmit}
        submit={submit}
        className={styles.form}
        intro={<Caption1>{f(w.intro, { owner })}</Caption1>}
        actions={
          <DialogActions>
            <Button type="submit" appearance="primary" disabled={submit.busy}>
              {w.send}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">{s.cancel}</Button>
            </DialogTrigger>
          </DialogActions>
        }
      >
        <Field label={w.due} required>
          <Input type="date" value={due} onChange={(_, d) => setDue(d.value)} />
        </Field>
      </FormDialog>
      <div role="status">{notice && <Caption1>{notice}</Caption1>}</div>
      {waiting.map((r) => (
        <Caption1 key={r.id}>{f(w.waiting, { asked: r.askedName, requester: r.requestedByName, due: date(r.dueDate) })}</Caption1>
      ))}
    </div>
  );
}
