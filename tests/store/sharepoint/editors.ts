/**
 * People who edit the lists directly, as SharePoint names them (lastModifiedBy.user), and the
 * identity module that gives them their roles: the demo directory, matching by Entra object id.
 * Anna is the CISO, Dag the DPO, Rita reads; Olle is not in the directory (an unknown person reads).
 */
import { LocalDirectory, localIdentity } from '../../../src/identity/index.js';
import type { Identity } from '../../graph/graph-test-server.js';

export const anna: Identity = { id: 'aad-anna', displayName: 'Anna Svensson', email: 'anna@contoso.se' };
export const dag: Identity = { id: 'aad-dag', displayName: 'Dag Dataskydd' };
export const rita: Identity = { id: 'aad-rita', displayName: 'Rita Läsare' };
export const olle: Identity = { id: 'aad-olle', displayName: 'Olle Okänd' };

const directory = new LocalDirectory([
  { id: 'anna', displayName: 'Anna Svensson', aadObjectId: 'aad-anna', roles: ['ciso'] },
  { id: 'dag', displayName: 'Dag Dataskydd', aadObjectId: 'aad-dag', roles: ['dpo'] },
  { id: 'rita', displayName: 'Rita Läsare', aadObjectId: 'aad-rita', roles: ['reader'] },
]);

const identity = localIdentity(directory);
export const resolveEditor: typeof identity.fromSharePointEditor = (editor) => identity.fromSharePointEditor(editor);
