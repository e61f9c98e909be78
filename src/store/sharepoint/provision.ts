/**
 * `npm run provision`: creates or updates the DPO Board lists and columns on the site,
 * idempotently. A list that exists keeps its items; a missing column is added; a column
 * whose display name, description, flags or choices drifted is updated.
 *
 * list-create:       https://learn.microsoft.com/en-us/graph/api/list-create (the "DPO Underlag" document library
 *                    with `list: { template: 'documentLibrary' }`; templates: https://learn.microsoft.com/en-us/graph/api/resources/listinfo)
 * columns:           https://learn.microsoft.com/en-us/graph/api/list-post-columns
 * column update:     https://learn.microsoft.com/en-us/graph/api/columndefinition-update
 * hidden columns:    https://learn.microsoft.com/en-us/graph/api/resources/columndefinition ("By default,
 *                    columnDefinitions and field values for hidden columns aren't shown. To list hidden
 *                    columnDefinitions, include hidden in your $select statement.")
 */
import type { Scale } from '../../domain/scale.js';
import { GraphHttpError, type GraphApi } from '../../graph/client.js';
import { levelChoice, listDefinitions, type ColumnDef, type ListDef, type ListKey } from './schema.js';
import { resolveSiteId, type SiteLists } from './site.js';

export interface ProvisionReport {
  siteId: string;
  createdLists: string[];
  createdColumns: string[];
  updatedColumns: string[];
}

/** Every column property provisioning compares; `hidden` in $select is what makes Graph list hidden columns too. */
const COLUMN_SELECT = [
  'id',
  'name',
  'displayName',
  'description',
  'required',
  'indexed',
  'hidden',
  'enforceUniqueValues',
  'choice',
] as const;

interface RemoteColumn {
  id: string;
  name: string;
  displayName?: string;
  description?: string;
  required?: boolean;
  indexed?: boolean;
  hidden?: boolean;
  enforceUniqueValues?: boolean;
  choice?: { choices?: string[] };
}

function columnBody(c: ColumnDef, listIds: Map<ListKey, string>): Record<string, unknown> {
  const type =
    'lookup' in c.type
      ? { lookup: { listId: listIds.get(c.type.lookup.list), columnName: c.type.lookup.columnName, allowMultipleValues: false } }
      : c.type;
  return {
    name: c.name,
    displayName: c.displayName,
    ...(c.description ? { description: c.description } : {}),
    required: c.required ?? false,
    indexed: c.indexed ?? false,
    hidden: c.hidden ?? false,
    ...type,
  };
}

/** The properties that differ between the definition and the site (for a PATCH). */
function drift(c: ColumnDef, remote: RemoteColumn): Record<string, unknown> | null {
  const patch: Record<string, unknown> = {};
  if (remote.displayName !== c.displayName) patch.displayName = c.displayName;
  if (c.description && remote.description !== c.description) patch.description = c.description;
  if (Boolean(remote.required) !== Boolean(c.required)) patch.required = Boolean(c.required);
  if (Boolean(remote.indexed) !== Boolean(c.indexed)) patch.indexed = Boolean(c.indexed);
  if (Boolean(remote.hidden) !== Boolean(c.hidden)) patch.hidden = Boolean(c.hidden);
  if ('choice' in c.type) {
    const want = c.type.choice.choices;
    const have = remote.choice?.choices ?? [];
    if (want.some((x) => !have.includes(x)))
      patch.choice = { ...c.type.choice, choices: [...have, ...want.filter((x) => !have.includes(x))] };
  }
  return Object.keys(patch).length > 0 ? patch : null;
}

export async function provisionLists(
  graph: GraphApi,
  site: string,
  scale: Scale,
  log: (line: string) => void = () => {},
): Promise<ProvisionReport> {
  const siteId = await resolveSiteId(graph, site);
  const report: ProvisionReport = { siteId, createdLists: [], createdColumns: [], updatedColumns: [] };
  const { items: existing } = await graph.getAll<{ id: string; displayName: string }>(`/sites/${siteId}/lists?$select=id,displayName`);
  const ids = new Map<ListKey, string>();
  const defs = listDefinitions(scale);
  // Lists first (without lookups, whose targets may not exist yet), then every column.
  for (const def of defs) {
    const found = existing.find((l) => l.displayName === def.displayName);
    if (found) {
      ids.set(def.key, found.id);
      continue;
    }
    const plain = def.columns.filter((c) => !('lookup' in c.type));
    const { body } = await graph.request<{ id: string }>('POST', `/sites/${siteId}/lists`, {
      displayName: def.displayName,
      description: def.description,
      columns: plain.map((c) => columnBody(c, ids)),
      list: { template: def.template ?? 'genericList', ...(def.hidden ? { hidden: true } : {}) },
    });
    ids.set(def.key, body.id);
    report.createdLists.push(def.displayName);
    log(`created list ${def.displayName}`);
  }
  for (const def of defs) await provisionColumns(graph, siteId, def, ids, report, log);
  return report;
}

async function provisionColumns(
  graph: GraphApi,
  siteId: string,
  def: ListDef,
  ids: Map<ListKey, string>,
  report: ProvisionReport,
  log: (line: string) => void,
): Promise<void> {
  const base = `/sites/${siteId}/lists/${ids.get(def.key)}/columns`;
  const { items: remote } = await graph.getAll<RemoteColumn>(`${base}?$select=${COLUMN_SELECT.join(',')}`);
  const title = remote.find((c) => c.name === 'Title');
  const titleWant: ColumnDef = {
    name: 'Title',
    displayName: def.titleDisplayName,
    // A file's title is optional in a document library: uploading must not ask for one.
    required: def.template !== 'documentLibrary',
    // The app-state list keys items by Title: unique values make claim-once keys safe across instances.
    ...(def.key === 'appState' ? { indexed: true } : {}),
    type: { text: { maxLength: 255 } },
  };
  if (title) {
    const patch = drift(titleWant, title) ?? {};
    if (def.key === 'appState' && !title.enforceUniqueValues) patch.enforceUniqueValues = true;
    if (Object.keys(patch).length > 0 && (await patchColumn(graph, `${base}/${title.id}`, patch, `${def.displayName}.Title`, log))) {
      report.updatedColumns.push(`${def.displayName}.Title`);
    }
  }
  for (const column of def.columns) {
    const have = remote.find((c) => c.name === column.name);
    if (!have) {
      await graph.request('POST', base, columnBody(column, ids));
      report.createdColumns.push(`${def.displayName}.${column.name}`);
      log(`added column ${def.displayName}.${column.displayName}`);
      continue;
    }
    const patch = drift(column, have);
    if (patch && (await patchColumn(graph, `${base}/${have.id}`, patch, `${def.displayName}.${column.name}`, log))) {
      report.updatedColumns.push(`${def.displayName}.${column.name}`);
      log(`updated column ${def.displayName}.${column.displayName}: ${Object.keys(patch).join(', ')}`);
    }
  }
}

const choicesOf = (c: ColumnDef): string[] | null => ('choice' in c.type ? c.type.choice.choices : null);
const sameChoices = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * After the DPO changed the scale (src/store/scale-setup.ts): the level choice columns (the lists' columns whose
 * choices are the scale's levels: DPO Bedömningar.Level, DPO Statusuppdateringar.UnitLevel) offer the new labels.
 * The choices are replaced by a PATCH of the columnDefinition (https://learn.microsoft.com/graph/api/columndefinition-update),
 * so people editing the lists pick from the DPO's levels; rows keep the value they were saved with and are read by the
 * number in front (levelChoice). Provisioning, unlike this, only ever adds choices. Answers the columns it changed.
 */
export async function followLevelChoices(graph: GraphApi, lists: Pick<SiteLists, 'siteId' | 'id'>, scale: Scale): Promise<string[]> {
  const levels = scale.levels.map((l) => levelChoice(scale, l.level));
  const updated: string[] = [];
  for (const def of listDefinitions(scale)) {
    const columns = def.columns.filter((c) => sameChoices(choicesOf(c) ?? [], levels));
    if (columns.length === 0) continue;
    const base = `/sites/${lists.siteId}/lists/${lists.id(def.key)}/columns`;
    const { items: remote } = await graph.getAll<RemoteColumn>(`${base}?$select=${COLUMN_SELECT.join(',')}`);
    for (const column of columns) {
      const have = remote.find((c) => c.name === column.name);
      if (!have || !('choice' in column.type) || sameChoices(have.choice?.choices ?? [], levels)) continue;
      await graph.request('PATCH', `${base}/${have.id}`, { choice: { ...column.type.choice, choices: levels } });
      updated.push(`${def.displayName}.${column.name}`);
    }
  }
  return updated;
}

/** Updates a column; a site that refuses the update (e.g. an index it cannot add) is reported, and provisioning goes on. */
async function patchColumn(
  graph: GraphApi,
  url: string,
  patch: Record<string, unknown>,
  name: string,
  log: (line: string) => void,
): Promise<boolean> {
  try {
    await graph.request('PATCH', url, patch);
    return true;
  } catch (error) {
    if (!(error instanceof GraphHttpError) || error.status >= 500 || error.status === 401 || error.status === 403) throw error;
    log(`could not update column ${name} (${Object.keys(patch).join(', ')}): ${error.message}`);
    return false;
  }
}
