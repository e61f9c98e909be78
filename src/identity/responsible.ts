/**
 * The units' people responsible (Unit.responsible, kept by the DPO or an administrator: the units list
 * in SharePoint, the admin page) as grants: a person named as a unit's CISO is CISO of that unit.
 * A person is matched by Microsoft Entra object id or by e-mail address (case-insensitive), whichever
 * the path knows. The units are read from the store's synced state: no Graph request per person.
 */
import { UNIT_PERSON_ROLES } from '../domain/model.js';
import type { Grant, Role } from '../domain/roles.js';

/** A person named on a unit (src/domain/model.ts UnitPerson). */
export interface ResponsiblePerson {
  role: string;
  email: string;
  aadObjectId?: string | undefined;
}

/** Where the units and their people are read (a BoardStore is one). */
export interface UnitPeopleSource {
  listUnits(): Promise<ReadonlyArray<{ id: string; responsible?: readonly ResponsiblePerson[] | undefined }>>;
}

/** A source that also says when its units may have changed (the change log's latest number and the store's content tag). */
export interface VersionedUnitPeopleSource extends UnitPeopleSource {
  version(): Promise<string>;
}

/**
 * The units read again only when their version moved: every request asks who is responsible, and
 * listing the units (every person of every unit) per request cost more than the request itself.
 * A change of a unit's people is a unit change record (API, admin page, a direct list edit), so it moves the version.
 */
export function cachedUnitPeople(source: VersionedUnitPeopleSource): UnitPeopleSource {
  let cached: { version: string; units: ReturnType<UnitPeopleSource['listUnits']> } | undefined;
  return {
    async listUnits() {
      const version = await source.version();
      if (cached?.version !== version) {
        const units = source.listUnits();
        cached = { version, units };
        units.catch(() => {
          if (cached?.units === units) cached = undefined;
        });
      }
      return cached.units;
    },
  };
}

/** Who is asking, as the path knows them. */
export interface KnownAs {
  objectIds: readonly string[];
  emails: readonly string[];
}

const lower = (values: readonly (string | undefined)[]) => new Set(values.flatMap((v) => (v?.trim() ? [v.trim().toLowerCase()] : [])));

/** The grants the units' lists of people responsible give this person. */
export async function responsibleGrants(source: UnitPeopleSource | undefined, who: KnownAs): Promise<Grant[]> {
  if (!source) return [];
  const ids = lower(who.objectIds);
  const emails = lower(who.emails);
  if (ids.size === 0 && emails.size === 0) return [];
  const grants: Grant[] = [];
  for (const unit of await source.listUnits()) {
    for (const p of unit.responsible ?? []) {
      const matches = (p.aadObjectId && ids.has(p.aadObjectId.toLowerCase())) || emails.has(p.email.trim().toLowerCase());
      // Only the roles a unit's person may hold: a row naming another (admin) grants nothing.
      if (matches && (UNIT_PERSON_ROLES as readonly string[]).includes(p.role)) grants.push({ role: p.role as Role, units: [unit.id] });
    }
  }
  return grants;
}
