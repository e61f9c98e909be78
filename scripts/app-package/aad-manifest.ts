/**
 * Checks aad.manifest.json (the Entra app that aadApp/update applies) for what DPO Board relies on:
 * the access_as_user scope, the Teams and Microsoft 365 clients pre-authorised for it
 * (https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/authentication/tab-sso-register-aad),
 * v2 access tokens, the app roles the server maps (src/domain/roles.ts), and an identifier URI
 * that matches the manifest's webApplicationInfo.resource.
 */
import fs from 'node:fs';
import { APP_ROLES } from '../../src/domain/roles.js';
import { fillJsonText, type Variables } from './environment.js';

export const TEAMS_SSO_CLIENTS: Record<string, string> = {
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264': 'Teams desktop and mobile',
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346': 'Teams web',
  '4765445b-32c6-49b0-83e6-1d93765276ca': 'Microsoft 365 web',
  '0ec893e0-5785-4de6-99da-4ed124e5296c': 'Microsoft 365 desktop',
  'd3590ed6-52b3-4102-aeff-aad2292ab01c': 'Microsoft 365 mobile and Outlook desktop',
  'bc59ab01-8403-45c6-8796-ac3ef710b3e3': 'Outlook web',
  '27922004-5251-4030-b22d-91ecd9a37ea4': 'Outlook mobile',
};

interface AadManifest {
  appId?: string;
  identifierUris?: string[];
  api?: {
    requestedAccessTokenVersion?: number;
    oauth2PermissionScopes?: { id: string; value: string; type: string; isEnabled: boolean }[];
    preAuthorizedApplications?: { appId: string; delegatedPermissionIds: string[] }[];
  };
  appRoles?: { id: string; value: string; allowedMemberTypes: string[]; isEnabled: boolean }[];
}

export function readAadManifest(file: string, vars: Variables): AadManifest {
  return JSON.parse(fillJsonText(fs.readFileSync(file, 'utf8'), vars, 'aad.manifest.json')) as AadManifest;
}

/** Problems of a filled aad.manifest.json for the given webApplicationInfo.resource; [] when none. */
export function aadManifestProblems(aad: AadManifest, ssoResource: string): string[] {
  const problems: string[] = [];
  if (aad.api?.requestedAccessTokenVersion !== 2)
    problems.push('api.requestedAccessTokenVersion must be 2 (the server accepts v2 tokens only)');
  const scope = aad.api?.oauth2PermissionScopes?.find((s) => s.value === 'access_as_user');
  if (!scope || !scope.isEnabled || scope.type !== 'User')
    problems.push('api.oauth2PermissionScopes needs an enabled access_as_user scope that users may consent to');
  const preAuthorized = new Map((aad.api?.preAuthorizedApplications ?? []).map((p) => [p.appId, p.delegatedPermissionIds]));
  for (const [clientId, name] of Object.entries(TEAMS_SSO_CLIENTS)) {
    if (!scope || !preAuthorized.get(clientId)?.includes(scope.id))
      problems.push(`${name} (${clientId}) is not pre-authorised for access_as_user`);
  }
  const roles = new Map((aad.appRoles ?? []).map((r) => [r.value, r]));
  for (const value of Object.keys(APP_ROLES)) {
    const role = roles.get(value);
    if (!role || !role.isEnabled || !role.allowedMemberTypes.includes('User'))
      problems.push(`appRoles needs an enabled role "${value}" assignable to users`);
  }
  for (const value of roles.keys())
    if (!(value in APP_ROLES)) problems.push(`appRoles: "${value}" is not a role the server knows (${Object.keys(APP_ROLES).join(', ')})`);
  const ids = (aad.appRoles ?? []).map((r) => r.id);
  if (new Set(ids).size !== ids.length) problems.push('appRoles: role ids must be unique');
  if (!aad.identifierUris?.includes(ssoResource))
    problems.push(`identifierUris must contain ${ssoResource} (the manifest's webApplicationInfo.resource)`);
  return problems;
}
