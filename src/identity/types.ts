/** What the identity module is asked about: a request's headers, a Teams account, a SharePoint editor. */

/** The headers of an HTTP request (an express Request is one). */
export interface RequestHeaders {
  get(name: string): string | undefined;
}

/** A Teams user as an activity names them. */
export interface TeamsAccount {
  /** The channel account id (29:... in Teams, user-id-0 in the Playground). */
  id: string;
  aadObjectId?: string | undefined;
  name?: string | undefined;
  /** The Microsoft Entra tenant of the conversation (activity.conversation.tenantId). */
  tenantId?: string | undefined;
}

/**
 * Who last changed a SharePoint list item: the `user` of its `lastModifiedBy` (or `createdBy`)
 * identitySet. https://learn.microsoft.com/en-us/graph/api/resources/identity
 */
export interface SharePointEditor {
  id?: string | undefined;
  email?: string | undefined;
  displayName?: string | undefined;
}
