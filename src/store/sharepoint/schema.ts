/**
 * The SharePoint lists that hold DPO Board, made for people who also edit them by hand:
 * Swedish display names, choice columns for states and levels, lookups between lists,
 * person columns for owners, required fields, and indexed columns where the app filters.
 * Internal column names are English and never change; display names are what people see.
 * docs/sharepoint-lists.md describes the same lists for people.
 *
 * Column definitions follow https://learn.microsoft.com/en-us/graph/api/resources/columndefinition
 */
import { ACTIVITY_STATES, INSTRUCTION_STATES, TRAINING_STATES, WORK_PACKAGE_STATES } from '../../domain/model.js';
import type { Scale } from '../../domain/scale.js';
import { stateLabels, TERMS, type StateKey } from '../../words/index.js';

export type ListKey =
  | 'units'
  | 'years'
  | 'workPackages'
  | 'controlPoints'
  | 'assessments'
  | 'statusUpdates'
  | 'activities'
  | 'focusAreas'
  | 'instructions'
  | 'trainings'
  | 'actionPlanItems'
  | 'contacts'
  | 'subProjects'
  | 'projects'
  | 'changes'
  | 'appState'
  | 'evidenceLinks'
  | 'evidenceLibrary'
  | 'statusRequests'
  | 'unitPeople';

export type ColumnType =
  | { text: { allowMultipleLines?: boolean; maxLength?: number; linesForEditing?: number; textType?: 'plain' } }
  | { number: { decimalPlaces?: 'none' | 'automatic'; minimum?: number; maximum?: number } }
  | { choice: { choices: string[]; allowTextEntry: boolean; displayAs: 'dropDownMenu' | 'radioButtons' } }
  | { dateTime: { format: 'dateOnly' | 'dateTime'; displayAs: 'standard' } }
  | { lookup: { list: ListKey; columnName: string; allowMultipleValues: false } }
  | { personOrGroup: { allowMultipleSelection: boolean; chooseFromType: 'peopleOnly' } }
  | { boolean: Record<string, never> };

export interface ColumnDef<N extends string = string> {
  /** Internal name (English, stable). Lookups and persons are read back as `<name>LookupId`. */
  name: N;
  /** What people see (Swedish). */
  displayName: string;
  description?: string;
  required?: boolean;
  indexed?: boolean;
  hidden?: boolean;
  type: ColumnType;
}

export interface ListDef<K extends ListKey = ListKey, N extends string = string> {
  key: K;
  displayName: string;
  description: string;
  hidden?: boolean;
  /** The list template (https://learn.microsoft.com/en-us/graph/api/resources/listinfo): a plain list unless said. */
  template?: 'genericList' | 'documentLibrary';
  /** Display name of the built-in Title column in this list. */
  titleDisplayName: string;
  columns: ColumnDef<N>[];
}

/** Choice labels people pick from, per model value: the catalog's Swedish states (src/words), the same words as every other surface. */
export const CHOICES = {
  activityState: stateLabels(ACTIVITY_STATES, 'sv'),
  instructionState: stateLabels(INSTRUCTION_STATES, 'sv'),
  trainingState: stateLabels(TRAINING_STATES, 'sv'),
  workPackageState: stateLabels(WORK_PACKAGE_STATES, 'sv'),
  evidenceKind: TERMS.sv.evidenceKind,
  statusRequestState: TERMS.sv.statusRequestState,
  unitPersonRole: { dpo: TERMS.sv.role.dpo, ciso: TERMS.sv.role.ciso, editor: TERMS.sv.role.editor, reader: TERMS.sv.role.reader },
} as const;

/**
 * Choice labels earlier versions wrote, still read as the state they meant. Provisioning adds new
 * choices beside the old ones (it never removes a choice), so rows keep their old label until edited.
 * Before the one vocabulary, a held training was "Genomförd"; it is "Klar" now, as the report says.
 */
export const FORMER_CHOICES: Readonly<Record<string, StateKey>> = { Genomförd: 'done' };

/** A level as a choice label: "3 – Delvis uppfylld". The number in front is what the app reads. */
export function levelChoice(scale: Scale, level: number): string {
  const label = scale.levels.find((l) => l.level === level)?.label.sv;
  return label ? `${level} – ${label}` : String(level);
}

/** Flags a column helper takes besides its name and type. */
type ColumnExtras = Partial<Omit<ColumnDef, 'name' | 'type'>>;

const text = <N extends string>(name: N, displayName: string, extra: ColumnExtras = {}): ColumnDef<N> => ({
  name,
  displayName,
  type: { text: { maxLength: 255 } },
  ...extra,
});
const note = <N extends string>(name: N, displayName: string, extra: ColumnExtras = {}): ColumnDef<N> => ({
  name,
  displayName,
  type: { text: { allowMultipleLines: true, linesForEditing: 6, textType: 'plain' } },
  ...extra,
});
const integer = <N extends string>(name: N, displayName: string, extra: ColumnExtras = {}, min?: number, max?: number): ColumnDef<N> => ({
  name,
  displayName,
  type: {
    number: { decimalPlaces: 'none', ...(min !== undefined ? { minimum: min } : {}), ...(max !== undefined ? { maximum: max } : {}) },
  },
  ...extra,
});
const date = <N extends string>(name: N, displayName: string, extra: ColumnExtras = {}): ColumnDef<N> => ({
  name,
  displayName,
  type: { dateTime: { format: 'dateOnly', displayAs: 'standard' } },
  ...extra,
});
const timestamp = <N extends string>(name: N, displayName: string, extra: ColumnExtras = {}): ColumnDef<N> => ({
  name,
  displayName,
  type: { dateTime: { format: 'dateTime', displayAs: 'standard' } },
  ...extra,
});
const choice = <N extends string>(name: N, displayName: string, choices: string[], extra: ColumnExtras = {}): ColumnDef<N> => ({
  name,
  displayName,
  type: { choice: { choices, allowTextEntry: false, displayAs: 'dropDownMenu' } },
  ...extra,
});
const lookup = <N extends string>(
  name: N,
  displayName: string,
  list: ListKey,
  columnName: string,
  extra: ColumnExtras = {},
): ColumnDef<N> => ({
  name,
  displayName,
  type: { lookup: { list, columnName, allowMultipleValues: false } },
  ...extra,
});
const person = <N extends string>(name: N, displayName: string, extra: ColumnExtras = {}): ColumnDef<N> => ({
  name,
  displayName,
  type: { personOrGroup: { allowMultipleSelection: false, chooseFromType: 'peopleOnly' } },
  ...extra,
});

const unitKey = () =>
  text('UnitKey', 'Förvaltningsnyckel', { required: true, indexed: true, description: 'Förvaltningens nyckel, t.ex. intraservice' });
const quarter = <N extends string>(name: N, displayName: string) =>
  text(name, displayName, { description: 'Kvartal i formen ÅÅÅÅ-Qn, t.ex. 2025-Q2' });
/** The state the app last wrote or accepted; a direct edit is whatever differs from it. Hidden from forms. */
const snapshot = () =>
  note('AppSnapshot', 'Appens ögonblicksbild', {
    hidden: true,
    description: 'Används av DPO Board för att upptäcka direkta ändringar. Ändra inte.',
  });
const version = () => integer('Version', 'Version', { hidden: true });
const requestId = () => text('RequestId', 'Begäran-id', { indexed: true, hidden: true });
const seedKey = () => text('SeedKey', 'Importnyckel', { indexed: true, hidden: true });
const yesNo = <N extends string>(name: N, displayName: string, extra: ColumnExtras = {}): ColumnDef<N> => ({
  name,
  displayName,
  type: { boolean: {} },
  ...extra,
});

/** A list definition with its key and column names kept as literal types. */
const list = <K extends ListKey, N extends string>(def: ListDef<K, N>): ListDef<K, N> => def;

export function listDefinitions(scale: Scale) {
  const levels = scale.levels.map((l) => levelChoice(scale, l.level));
  return [
    list({
      key: 'units',
      displayName: 'DPO Förvaltningar',
      description: 'Förvaltningar som följs upp av dataskyddsombudet',
      titleDisplayName: 'Namn',
      columns: [
        unitKey(),
        text('Organisation', 'Organisation', { required: true }),
        text('NameEn', 'Namn (engelska)', { description: 'Förvaltningens namn på engelska; tomt betyder samma som det svenska' }),
        yesNo('Archived', 'Arkiverad', { description: 'En arkiverad förvaltning behåller all historik men kan inte ändras' }),
        yesNo('Example', 'Exempel', { description: 'Påhittad exempelförvaltning (npm run seed -- --demo-units N)' }),
        version(),
        requestId(),
        snapshot(),
      ],
    }),
    list({
      key: 'unitPeople',
      displayName: 'DPO Ansvariga',
      description:
        'De ansvariga per förvaltning och deras roll (dataskyddsombud, CISO, redaktör, läsare). Ger behörighet i DPO Board; ändras av dataskyddsombudet.',
      titleDisplayName: 'Namn',
      columns: [
        unitKey(),
        choice('Role', 'Roll', Object.values(CHOICES.unitPersonRole), { required: true }),
        text('Email', 'E-post', { required: true, indexed: true }),
        text('ObjectId', 'Entra objekt-id', { description: 'Personens objekt-id i Microsoft Entra, om det är känt' }),
        integer('Position', 'Ordning'),
        snapshot(),
      ],
    }),
    list({
      key: 'years',
      displayName: 'DPO Rapportår',
      description: 'Dataskyddsombudets årliga uppföljningar per förvaltning',
      titleDisplayName: 'Rubrik',
      columns: [unitKey(), integer('Year', 'År', { required: true, indexed: true }, 2000, 2100), timestamp('StartedAt', 'Påbörjad')],
    }),
    list({
      key: 'workPackages',
      displayName: 'DPO Huvudpaket',
      description: 'Projektets huvudpaket med beräknat slut',
      titleDisplayName: 'Nyckel',
      columns: [
        unitKey(),
        text('PackageName', 'Namn', { required: true }),
        date('ExpectedEnd', 'Beräknas pågå till'),
        choice('State', 'Status', Object.values(CHOICES.workPackageState), { required: true }),
      ],
    }),
    list({
      key: 'controlPoints',
      displayName: 'DPO Kontrollpunkter',
      description: 'De fasta kontrollpunkterna 1–12 med förvaltningens plan',
      titleDisplayName: 'Kontrollpunkt',
      columns: [
        unitKey(),
        integer('Number', 'Nummer', { required: true, indexed: true }, 1, 12),
        text('Owner', 'Ägare', { required: true, description: 'Ansvarig roll, t.ex. Förvaltningsdirektör' }),
        person('Responsible', 'Ansvarig person'),
        text('WorkPackageKeys', 'Huvudpaket', { description: 'Huvudpaketens nycklar, separerade med semikolon' }),
        date('ExpectedEnd', 'Beräknas klart'),
        version(),
        snapshot(),
      ],
    }),
    list({
      key: 'assessments',
      displayName: 'DPO Bedömningar',
      description: 'Dataskyddsombudets markeringar på skalan. Historiken sparas: lägg till en ny rad i stället för att ändra.',
      titleDisplayName: 'Rubrik',
      columns: [
        unitKey(),
        integer('Year', 'År', { required: true, indexed: true }, 2000, 2100),
        lookup('ControlPoint', 'Kontrollpunkt', 'controlPoints', 'Title', { required: true, indexed: true }),
        choice('Level', 'Nivå', levels, { required: true }),
        note('Comment', 'Kommentar'),
        text('AssessedBy', 'Bedömd av (id)', { hidden: true }),
        text('AssessedByName', 'Bedömd av'),
        timestamp('AssessedAt', 'Bedömd'),
        requestId(),
        seedKey(),
        snapshot(),
      ],
    }),
    list({
      key: 'statusUpdates',
      displayName: 'DPO Statusuppdateringar',
      description: 'Förvaltningens daterade svar per kontrollpunkt. Historiken sparas.',
      titleDisplayName: 'Rubrik',
      columns: [
        unitKey(),
        integer('Year', 'År', { required: true, indexed: true }, 2000, 2100),
        lookup('ControlPoint', 'Kontrollpunkt', 'controlPoints', 'Title', { required: true, indexed: true }),
        date('StatusDate', 'Statusdatum', { required: true }),
        note('StatusText', 'Status', { required: true }),
        choice('UnitLevel', 'Egen nivå', levels),
        text('Author', 'Författare (id)', { hidden: true }),
        text('AuthorName', 'Författare'),
        timestamp('CreatedAt', 'Skapad av appen'),
        requestId(),
        seedKey(),
        snapshot(),
      ],
    }),
    list({
      key: 'activities',
      displayName: 'DPO Aktiviteter',
      description: 'Planerade aktiviteter per kontrollpunkt',
      titleDisplayName: 'Aktivitet (kort)',
      columns: [
        unitKey(),
        lookup('ControlPoint', 'Kontrollpunkt', 'controlPoints', 'Title', { required: true, indexed: true }),
        note('ActivityText', 'Aktivitet', { required: true }),
        choice('State', 'Status', Object.values(CHOICES.activityState), { required: true }),
        quarter('DueFrom', 'Från kvartal'),
        quarter('DueTo', 'Till kvartal'),
        lookup('WorkPackage', 'Huvudpaket', 'workPackages', 'Title'),
        person('Responsible', 'Ansvarig person'),
        integer('Position', 'Ordning'),
        version(),
        timestamp('UpdatedAt', 'Uppdaterad av appen', { hidden: true }),
        text('UpdatedBy', 'Uppdaterad av (id)', { hidden: true }),
        requestId(),
        seedKey(),
        snapshot(),
      ],
    }),
    list({
      key: 'focusAreas',
      displayName: 'DPO Fokusområden',
      description: 'Kontrollpunkter som dataskyddsombudet rekommenderar att fokusera på',
      titleDisplayName: 'Rubrik',
      columns: [
        unitKey(),
        integer('Year', 'Rapportår', { required: true, indexed: true }, 2000, 2100),
        integer('FocusYear', 'Fokusår', { required: true }, 2000, 2100),
        integer('ControlPointNumber', 'Kontrollpunkt (nr)', { required: true }, 1, 12),
        note('FocusText', 'Text på fokusbilden', {
          description: 'Vad fokusbilden säger om kontrollpunkten, när det skiljer sig från dess egen bild',
        }),
      ],
    }),
    list({
      key: 'instructions',
      displayName: 'DPO Anvisningar',
      description: 'Ledningssystemets anvisningar (IIFS 01–31)',
      titleDisplayName: 'Anvisning',
      columns: [
        unitKey(),
        integer('Number', 'Nummer', { required: true, indexed: true }, 1, 999),
        text('Code', 'Kod', { required: true }),
        choice('State', 'Status', Object.values(CHOICES.instructionState), { required: true }),
        quarter('PlannedFrom', 'Planerad från kvartal'),
        quarter('PlannedQuarter', 'Planerat kvartal'),
        text('GroupName', 'Grupp'),
        note('Note', 'Anteckning'),
        person('Responsible', 'Ansvarig person'),
        version(),
        timestamp('UpdatedAt', 'Uppdaterad av appen', { hidden: true }),
        text('UpdatedBy', 'Uppdaterad av (id)', { hidden: true }),
        snapshot(),
      ],
    }),
    list({
      key: 'trainings',
      displayName: 'DPO Utbildningar',
      description: 'Genomförda och planerade utbildningar',
      titleDisplayName: 'Utbildning',
      columns: [
        unitKey(),
        choice('State', 'Status', Object.values(CHOICES.trainingState), { required: true }),
        quarter('PlannedFrom', 'Planerad från kvartal'),
        quarter('PlannedQuarter', 'Planerat kvartal'),
        seedKey(),
      ],
    }),
    list({
      key: 'actionPlanItems',
      displayName: 'DPO Åtgärder',
      description: 'Handlingsplanens åtgärder som varken är anvisningar eller utbildningar',
      titleDisplayName: 'Åtgärd (kort)',
      columns: [
        unitKey(),
        note('ItemText', 'Åtgärd', { required: true }),
        choice('State', 'Status', Object.values(CHOICES.instructionState), { required: true }),
        quarter('PeriodFrom', 'Från kvartal'),
        quarter('PeriodTo', 'Till kvartal'),
        date('DueDate', 'Klar senast'),
        integer('InstructionNumber', 'Anvisning (nr)', {}, 1, 999),
        integer('Position', 'Ordning'),
        version(),
        timestamp('UpdatedAt', 'Uppdaterad av appen', { hidden: true }),
        text('UpdatedBy', 'Uppdaterad av (id)', { hidden: true }),
        requestId(),
        seedKey(),
        snapshot(),
      ],
    }),
    list({
      key: 'contacts',
      displayName: 'DPO Kontakt',
      description: 'Förvaltningens kontaktperson, som i årsrapportens avslutande bild',
      titleDisplayName: 'Namn',
      columns: [
        unitKey(),
        text('JobTitle', 'Titel'),
        text('Role', 'Roll'),
        text('Organisation', 'Organisation'),
        text('Email', 'E-post', { required: true }),
        version(),
        timestamp('UpdatedAt', 'Uppdaterad av appen', { hidden: true }),
        text('UpdatedBy', 'Uppdaterad av (id)', { hidden: true }),
        snapshot(),
      ],
    }),
    list({
      key: 'subProjects',
      displayName: 'DPO Delprojekt',
      description: 'Prioriterade delprojekt',
      titleDisplayName: 'Delprojekt',
      columns: [unitKey(), integer('Position', 'Ordning', { required: true }), seedKey()],
    }),
    list({
      key: 'projects',
      displayName: 'DPO Projekt',
      description: 'Projektet som bär handlingsplanen',
      titleDisplayName: 'Projekt',
      columns: [unitKey(), date('StartDate', 'Startdatum', { required: true }), date('EndDate', 'Slutdatum', { required: true })],
    }),
    list({
      key: 'changes',
      displayName: 'DPO Ändringslogg',
      description: 'Varje ändring i tavlan, i ordning (löpnummer = id). Skrivs av appen.',
      titleDisplayName: 'Händelse',
      columns: [
        timestamp('At', 'Tidpunkt', { required: true }),
        text('ActorId', 'Utförd av (id)'),
        text('ActorName', 'Utförd av'),
        text('Source', 'Källa', { required: true }),
        unitKey(),
        integer('Year', 'År'),
        text('Kind', 'Typ', { required: true }),
        text('EntityId', 'Objekt', { required: true }),
        integer('ControlPoint', 'Kontrollpunkt (nr)'),
        note('Before', 'Före'),
        note('After', 'Efter'),
      ],
    }),
    list({
      key: 'evidenceLinks',
      displayName: 'DPO Underlag (länkar)',
      description: 'Länkar till underlag per kontrollpunkt (policy, rutin, protokoll, registerutdrag …), i appen eller här.',
      titleDisplayName: 'Titel',
      columns: [
        unitKey(),
        integer('ControlPointNumber', 'Kontrollpunkt (nr)', { required: true }, 1, 12),
        note('Url', 'Länk (https)', { required: true }),
        choice('Kind', 'Typ', Object.values(CHOICES.evidenceKind), { required: true }),
        date('DocumentDate', 'Datum', { required: true }),
        text('AddedBy', 'Tillagt av (id)', { hidden: true }),
        text('AddedByName', 'Tillagt av'),
        timestamp('AddedAt', 'Tillagt'),
        requestId(),
        // What the app wrote or accepted: a row added, changed or deleted by hand is checked by the sync.
        snapshot(),
      ],
    }),
    list({
      key: 'evidenceLibrary',
      displayName: 'DPO Underlag',
      description: 'Dokument som underlag för kontrollpunkterna. En fil med kontrollpunkt ifylld visas som underlag i DPO Board.',
      template: 'documentLibrary',
      titleDisplayName: 'Titel',
      columns: [
        text('UnitKey', 'Förvaltningsnyckel', {
          indexed: true,
          description: 'Förvaltningens nyckel, t.ex. intraservice (kan lämnas tom när webbplatsen har en förvaltning)',
        }),
        integer('ControlPointNumber', 'Kontrollpunkt (nr)', { description: 'Kontrollpunkten 1–12 som filen är underlag för' }, 1, 12),
        choice('Kind', 'Typ av underlag', Object.values(CHOICES.evidenceKind)),
        date('DocumentDate', 'Dokumentets datum', { description: 'T.ex. beslutsdatum eller mötesdatum; annars uppladdningsdagen' }),
      ],
    }),
    list({
      key: 'statusRequests',
      displayName: 'DPO Statusförfrågningar',
      description:
        'Förfrågningar om ny status till den ansvariga för en kontrollpunkt (från dataskyddsombudet eller CISO). Svaret blir en status under den svarandes namn.',
      titleDisplayName: 'Förfrågan',
      columns: [
        unitKey(),
        integer('Year', 'År', { required: true }),
        integer('ControlPointNumber', 'Kontrollpunkt (nr)', { required: true }, 1, 12),
        text('RequestedBy', 'Begärd av (id)', { hidden: true }),
        text('RequestedByName', 'Begärd av'),
        timestamp('RequestedAt', 'Begärd'),
        text('AskedId', 'Tillfrågad (Teams-id)', { hidden: true }),
        text('AskedName', 'Tillfrågad'),
        date('DueDate', 'Svara senast', { required: true }),
        choice('RequestState', 'Läge', Object.values(CHOICES.statusRequestState), { required: true }),
        text('AnsweredBy', 'Besvarad av (id)', { hidden: true }),
        text('AnsweredByName', 'Besvarad av'),
        timestamp('AnsweredAt', 'Besvarad'),
        integer('StatusUpdateId', 'Status (id)', { hidden: true }),
        requestId(),
        // What the app wrote: a hand edit is put back by the sync.
        snapshot(),
      ],
    }),
    list({
      key: 'appState',
      displayName: 'DPO Board App State',
      description: 'Delat tillstånd för appens instanser (konversationer, markörer, nycklar). Ändra inte.',
      hidden: true,
      titleDisplayName: 'Nyckel',
      columns: [
        text('Kind', 'Typ', { indexed: true, description: 'conversation, cursor, claim eller sync' }),
        note('Value', 'Värde'),
        timestamp('ExpiresAt', 'Upphör'),
      ],
    }),
  ];
}

/** The lists as defined, with literal keys and column names. */
type Defined = ReturnType<typeof listDefinitions>[number];
/** The internal column names of a list (as written; lookups and persons also as `<name>LookupId`). */
export type ColumnName<K extends ListKey> = Extract<Defined, { key: K }>['columns'][number]['name'];
export type FieldName<K extends ListKey> = 'Title' | ColumnName<K> | `${ColumnName<K>}LookupId`;
/** The fields of an item of list K, as the app writes them. */
export type ItemFields<K extends ListKey> = { [F in FieldName<K>]?: unknown };

/** Internal names of every column of a list, for $select (plus Title). */
export function selectOf(def: ListDef): string[] {
  return ['Title', ...def.columns.map((c) => ('lookup' in c.type || 'personOrGroup' in c.type ? `${c.name}LookupId` : c.name))];
}
