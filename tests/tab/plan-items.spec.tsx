// @vitest-environment jsdom
/**
 * Issue 12 item 2 in the tab: the CISO and editors add and change the action plan's own items (readers and the DPO
 * see no buttons; the server decides, tests/api/action-plan-items.spec.ts), an instruction's period of quarters is
 * edited as "planned from" – "planned quarter", and control point 7's focus-slide text is shown on its detail page.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ControlPointDetail } from '../../src/domain/views.js';
import { readSeedFile } from '../../src/store/seed.js';
import { fakeApi, fixtures, openDialog, renderApp } from './harness.js';

afterEach(cleanup);

describe('action-plan items in the tab', () => {
  it('the CISO adds an item: the form checks the period and sends it as the API takes it', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ user: 'ciso', path: '/tab/action-plan' });
    const items = await screen.findByTestId('plan-items');
    const dialog = await openDialog(user, await within(items).findByRole('button', { name: 'Ny åtgärd' }));
    // Pasted, not typed key by key: each key re-renders the whole app, which made this test slow on a loaded machine.
    const enter = async (name: string, text: string) => {
      await user.click(within(dialog).getByRole('textbox', { name, hidden: true }));
      await user.paste(text);
    };
    await enter('Beskrivning', 'Införande av loggningsrutin');
    await enter('Från kvartal', '2025-K3');
    await enter('Till kvartal', '2025-Q2');
    await user.click(within(dialog).getByRole('button', { name: 'Spara', hidden: true }));
    expect(within(dialog).getByText('Till-kvartalet ligger före från-kvartalet.')).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
    const to = within(dialog).getByRole('textbox', { name: 'Till kvartal', hidden: true });
    await user.clear(to);
    await enter('Till kvartal', '2025-Q4');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Gäller anvisning', hidden: true }), '7');
    await user.click(within(dialog).getByRole('button', { name: 'Spara', hidden: true }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'POST')).toBe(true));
    const post = api.requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe('/api/action-plan/items');
    expect(post.headers['idempotency-key']).toBeTruthy();
    expect(post.body).toEqual({
      text: 'Införande av loggningsrutin',
      state: 'planned',
      periodFrom: '2025-Q3',
      periodTo: '2025-Q4',
      dueDate: null,
      instruction: 7,
    });
  });

  it('an editor changes an item under the version read', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ user: 'editor', path: '/tab/action-plan' });
    const row = await screen.findByTestId('plan-item-1');
    const dialog = await openDialog(
      user,
      within(row).getByRole('button', { name: 'Ändra åtgärden: Införande av PU-register och informationssäkerhetsdatabas' }),
    );
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Tillstånd', hidden: true }), 'done');
    await user.click(within(dialog).getByRole('button', { name: 'Spara', hidden: true }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = api.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe('/api/action-plan/items/1');
    expect(patch.body).toEqual({
      text: 'Införande av PU-register och informationssäkerhetsdatabas',
      state: 'done',
      periodFrom: '2024-Q4',
      periodTo: '2025-Q1',
      dueDate: '2024-12-31',
      instruction: null,
      version: 1,
    });
  });

  it('readers and the DPO see the items without buttons', async () => {
    for (const [who, name] of [
      ['reader', /Läsare \(demo\)/],
      ['dpo', /Dataskyddsombud \(demo\)/],
    ] as const) {
      renderApp({ user: who, path: '/tab/action-plan' });
      const items = await screen.findByTestId('plan-items');
      // The permissions are known once the header names the person.
      await waitFor(() => expect(screen.getByText(name)).toBeTruthy());
      await waitFor(() => expect(within(items).getAllByRole('listitem')).toHaveLength(3));
      expect(within(items).queryByRole('button')).toBeNull();
      cleanup();
    }
  });

  it("an instruction's dialog takes the period it is planned from, and the plan shows the period", async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ user: 'ciso', path: '/tab/action-plan' });
    const row = await screen.findByTestId('instruction-10');
    expect(within(row).getByText(/Q4 2024 – Q1 2025/)).toBeTruthy();
    const dialog = await openDialog(user, within(row).getByRole('button', { name: /Ändra IIFS 10/ }));
    const from = within(dialog).getByRole<HTMLInputElement>('textbox', { name: 'Planerad från kvartal', hidden: true });
    expect(from.value).toBe('2024-Q4');
    await user.clear(from);
    await user.type(from, '2025-Q3');
    await user.click(within(dialog).getByRole('button', { name: 'Spara', hidden: true }));
    expect(within(dialog).getByText('Till-kvartalet ligger före från-kvartalet.')).toBeTruthy();
    await user.clear(from);
    await user.type(from, '2024-Q3');
    await user.click(within(dialog).getByRole('button', { name: 'Spara', hidden: true }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = api.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe('/api/instructions/10');
    expect(patch.body).toMatchObject({ plannedFrom: '2024-Q3', plannedQuarter: '2025-Q1', version: 1 });
  });
});

describe("control point 7's focus-slide text", () => {
  it('is shown on the detail page under Fokusområde, labelled as from the focus slide, as the seed keeps it', async () => {
    const focus = readSeedFile().focusAreas.find((f) => f.controlPoint === 7)!;
    const detail7: ControlPointDetail = {
      ...(fixtures.detail4 as unknown as ControlPointDetail),
      focusTexts: [{ focusYear: focus.focusYear, text: focus.text! }],
    };
    detail7.controlPoint = { ...detail7.controlPoint, number: 7, title: 'Informationsplikt' };
    const api = fakeApi();
    api.override((req) => (req.path === '/api/control-points/7' ? { status: 200, body: detail7 } : undefined));
    renderApp({ path: '/tab/control-points/7', api });
    const section = await screen.findByTestId('focus-text');
    expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe('Fokusområde');
    expect(within(section).getByText(/Från fokusbilden i årsrapporten \(fokus 2024\)/)).toBeTruthy();
    const lines = within(section)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(lines).toEqual(focus.text!.split('\n'));
    expect(lines[0]).toBe('Integritetspolicy kommer att ses över och uppdateras vid behov.');
  });

  it('is not shown where the focus slide adds nothing (control point 4)', async () => {
    renderApp({ path: '/tab/control-points/4' });
    await screen.findByTestId('latest-status');
    expect(screen.queryByTestId('focus-text')).toBeNull();
  });
});
