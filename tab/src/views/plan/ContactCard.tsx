/** The unit's contact, as on the report's closing slide; the DPO changes it (PATCH /api/contact). */
import { Button, Card, Field, Input, Link, Text } from '@fluentui/react-components';
import { Edit16Regular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { Contact } from '../../../../src/domain/model.js';
import { words } from '../../../../src/words/index.js';
import { useSession } from '../../app/session.js';
import { FormDialog } from '../../components/FormDialog.js';
import { usePageStyles } from '../../components/pageStyles.js';
import { useI18n } from '../../i18n/i18n.js';
import { useFormStyles } from '../detail/StatusForm.js';
import { settleSave, useSubmit } from '../detail/useSubmit.js';

const FIELDS = ['name', 'title', 'role', 'organisation', 'email'] as const;
type Draft = Record<(typeof FIELDS)[number], string>;

function ContactDialog({ contact, onSaved }: { contact: Contact | null; onSaved: () => void }) {
  const styles = useFormStyles();
  const { locale } = useI18n();
  const w = words(locale);
  const session = useSession();
  const [open, setOpen] = useState(false);
  const initial = (): Draft => ({
    name: contact?.name ?? '',
    title: contact?.title ?? '',
    role: contact?.role ?? '',
    organisation: contact?.organisation ?? '',
    email: contact?.email ?? '',
  });
  const [draft, setDraft] = useState(initial);
  const [version, setVersion] = useState<number | null>(contact?.version ?? null);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    // The version the DPO started from: a change made meanwhile elsewhere is a conflict, not overwritten.
    const body = { ...draft, ...(version !== null ? { version } : contact ? { version: contact.version } : {}) };
    const failure = await submit.run(body, (key) => session.client.write('PATCH', '/api/contact', body, key));
    settleSave(failure, { close: () => setOpen(false), forgetVersion: () => setVersion(null), reload: onSaved });
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        if (next && !submit.error) {
          setDraft(initial());
          setVersion(contact?.version ?? null);
        }
        setOpen(next);
      }}
      trigger={<Button appearance="subtle" size="small" icon={<Edit16Regular />} aria-label={w.changeContact} title={w.changeContact} />}
      title={w.changeContact}
      onSubmit={onSubmit}
      submit={submit}
      className={styles.form}
    >
      {FIELDS.map((k) => (
        <Field key={k} label={w.contactField[k]} required={k === 'name' || k === 'email'}>
          <Input
            type={k === 'email' ? 'email' : 'text'}
            value={draft[k]}
            onChange={(_, d) => setDraft({ ...draft, [k]: d.value })}
            maxLength={200}
          />
        </Field>
      ))}
    </FormDialog>
  );
}

export function ContactCard({ contact, onSaved }: { contact: Contact | null; onSaved: () => void }) {
  const page = usePageStyles();
  const { locale } = useI18n();
  const session = useSession();
  const w = words(locale);
  return (
    <Card className={page.section} data-testid="contact">
      <h2 className={page.h2} style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
        {w.thing.contact}
        {session.can('editContact') && <ContactDialog contact={contact} onSaved={onSaved} />}
      </h2>
      {contact && (
        <address style={{ fontStyle: 'normal', display: 'flex', flexDirection: 'column' }}>
          <Text weight="semibold">{contact.name}</Text>
          {[contact.title, contact.role, contact.organisation]
            .filter((line) => line.length > 0)
            .map((line) => (
              <Text key={line}>{line}</Text>
            ))}
          <Link href={`mailto:${contact.email}`}>{contact.email}</Link>
        </address>
      )}
    </Card>
  );
}
