/**
 * teamsapp.yml and teamsapp.local.yml against the Toolkit's YAML schema of their version (the copy in
 * scripts/app-package/toolkit-schema), and the lifecycle's consistency: every
 * `${{VAR}}` the Toolkit will expand is either in the environment file or written by an earlier step.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { aadManifestProblems, readAadManifest, TEAMS_SSO_CLIENTS } from '../../scripts/app-package/aad-manifest.js';
import { ROOT, sampleVariables, validateAll } from '../../scripts/app-package/cli.js';
import { placeholdersIn } from '../../scripts/app-package/environment.js';
import { checkToolkitYaml, type ToolkitStep } from '../../scripts/app-package/toolkit-yaml.js';

const CONFIG_SOURCE = fs.readFileSync(path.join(ROOT, 'src/config.ts'), 'utf8');
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** teamsapp.yml with one text replacement, in a copy of the project's Toolkit files. */
function editedYaml(file: string, from: string | RegExp, to: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toolkit-'));
  temps.push(dir);
  for (const entry of ['env', 'infra', 'appPackage', 'aad.manifest.json'])
    fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const edited = text.replace(from, to);
  expect(edited).not.toBe(text);
  fs.writeFileSync(path.join(dir, file), edited);
  return path.join(dir, file);
}

describe('the Toolkit files', () => {
  it.each(['teamsapp.yml', 'teamsapp.local.yml'])('%s is valid against the Toolkit YAML schema of its version', (file) => {
    const result = checkToolkitYaml(path.join(ROOT, file));
    expect(result.problems).toEqual([]);
    expect(result.doc.version).toBe('v1.13');
  });

  it('teamsapp.yml provisions, deploys and publishes with the expected actions in order', () => {
    const { steps } = checkToolkitYaml(path.join(ROOT, 'teamsapp.yml'));
    const uses = (lifecycle: string) => steps.filter((s) => s.lifecycle === lifecycle).map((s) => s.uses);
    expect(uses('provision')).toEqual([
      'teamsApp/create',
      'aadApp/create',
      'arm/deploy',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    expect(uses('deploy')).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    expect(uses('publish')).toContain('teamsApp/publishAppPackage');
    const aad = steps.find((s) => s.uses === 'aadApp/create')!;
    expect(aad.with).toMatchObject({ signInAudience: 'AzureADMyOrg', generateClientSecret: true });
    expect(aad.writeToEnvironmentFile.clientSecret).toMatch(/^SECRET_/);
  });

  it('teamsapp.local.yml registers a single-tenant bot and writes the server settings the code reads', () => {
    const { steps } = checkToolkitYaml(path.join(ROOT, 'teamsapp.local.yml'));
    expect(steps.some((s) => s.uses === 'botFramework/create' && s.with.messagingEndpoint === '${{BOT_ENDPOINT}}/api/messages')).toBe(true);
    const envs = steps.find((s) => s.uses === 'file/createOrUpdateEnvironmentFile')!.with.envs as Record<string, unknown>;
    expect(envs).toMatchObject({ AUTH_MODE: 'entra', MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_ID: '${{BOT_ID}}' });
    expect(Object.keys(envs).filter((name) => !CONFIG_SOURCE.includes(`  ${name}:`))).toEqual([]);
  });

  it("the App Service gets only settings src/config.ts reads (besides App Service's own), the bot a managed identity", () => {
    const bicep = fs.readFileSync(path.join(ROOT, 'infra/azure.bicep'), 'utf8');
    const block = /resource appSettings [^{]+\{[\s\S]*?properties: \{([\s\S]*?)\n {2}\}/.exec(bicep)![1]!;
    const names = [...block.matchAll(/^\s+(\w+):/gm)].map((m) => m[1]!);
    expect(names).toContain('ENTRA_CLIENT_ID');
    expect(names.filter((name) => !/^(WEBSITE_|WEBSITES_|SCM_)/.test(name) && !CONFIG_SOURCE.includes(`  ${name}:`))).toEqual([]);
    expect(bicep).toMatch(/MICROSOFT_APP_TYPE: 'UserAssignedMSI'/);
    expect(bicep).toMatch(/linuxFxVersion: 'NODE\|20-lts'/);
    const bot = fs.readFileSync(path.join(ROOT, 'infra/botRegistration/azurebot.bicep'), 'utf8');
    expect(bot).toMatch(/msaAppType: 'UserAssignedMSI'/);
    expect(bot).toMatch(/channelName: 'MsTeamsChannel'/);
  });

  it("the personal tab's entityId is the one the bot links to", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'appPackage/manifest.json'), 'utf8'));
    const entityDefault = /TEAMS_TAB_ENTITY_ID: [^\n]*default\('([^']+)'\)/.exec(CONFIG_SOURCE)?.[1];
    expect(manifest.staticTabs[0].entityId).toBe(entityDefault);
  });

  it('reports an unknown action', () => {
    const file = editedYaml('teamsapp.yml', 'uses: teamsApp/validateManifest', 'uses: teamsApp/validateManifests');
    expect(checkToolkitYaml(file).problems.join('\n')).toMatch(/provision\[4\] teamsApp\/validateManifests: unknown action/);
  });

  it('reports a missing required parameter and an unknown one, on the step that has them', () => {
    const file = editedYaml('teamsapp.yml', /signInAudience: AzureADMyOrg\n/, 'signInAudiences: AzureADMyOrg\n');
    const problems = checkToolkitYaml(file).problems.join('\n');
    expect(problems).toMatch(/provision\[1\] aadApp\/create\/with must have required property 'signInAudience'/);
    expect(problems).toMatch(/provision\[1\] aadApp\/create\/with must NOT have additional properties \(signInAudiences\)/);
  });

  it('reports a secret written to a variable without the SECRET_ prefix', () => {
    const file = editedYaml('teamsapp.yml', 'clientSecret: SECRET_AAD_APP_CLIENT_SECRET', 'clientSecret: AAD_APP_CLIENT_SECRET');
    expect(checkToolkitYaml(file).problems.join('\n')).toMatch(/writeToEnvironmentFile\/clientSecret must match pattern "\^SECRET_/);
  });

  it('reports a version without a Toolkit schema, broken YAML and a missing Bicep file', () => {
    expect(checkToolkitYaml(editedYaml('teamsapp.yml', 'version: v1.13', 'version: v9.0')).problems.join('\n')).toMatch(
      /version "v9\.0" has no YAML schema/,
    );
    expect(checkToolkitYaml(editedYaml('teamsapp.yml', 'provision:\n', 'provision:\n  - uses: [\n')).problems.length).toBeGreaterThan(0);
    expect(checkToolkitYaml(editedYaml('teamsapp.yml', './infra/azure.bicep', './infra/main.bicep')).problems.join('\n')).toMatch(
      /arm\/deploy: \.\/infra\/main\.bicep does not exist/,
    );
  });
});

/** Variables a lifecycle makes: written by its steps, Bicep outputs, `::set-teamsfx-env` lines. */
function producedBy(steps: ToolkitStep[]): Set<string> {
  const produced = new Set<string>(['AAD_APP_ACCESS_AS_USER_PERMISSION_ID']); // generated by aadApp/update when empty
  for (const step of steps) {
    Object.values(step.writeToEnvironmentFile).forEach((name) => produced.add(name));
    if (step.uses === 'arm/deploy') {
      for (const template of step.with.templates as { path: string }[]) {
        const bicep = fs.readFileSync(path.join(ROOT, template.path), 'utf8');
        for (const m of bicep.matchAll(/^output (\w+) /gm)) produced.add(m[1]!);
      }
    }
    if (step.uses === 'script') for (const m of String(step.with.run).matchAll(/::set-teamsfx-env (\w+)=/g)) produced.add(m[1]!);
  }
  return produced;
}

describe('the lifecycle is consistent', () => {
  it.each([
    [
      'teamsapp.yml',
      'dev',
      ['appPackage/manifest.json', 'appPackage/en.json', 'appPackage/sv.json', 'aad.manifest.json', 'infra/azure.parameters.json'],
    ],
    ['teamsapp.local.yml', 'local', ['appPackage/manifest.json', 'appPackage/en.json', 'appPackage/sv.json', 'aad.manifest.json']],
  ])('every placeholder of %s and its files is in env/.env.%s or made by a step', (file, env, files) => {
    const { steps } = checkToolkitYaml(path.join(ROOT, file));
    const known = new Set([...Object.keys(parseEnv(fs.readFileSync(path.join(ROOT, 'env', `.env.${env}`), 'utf8'))), ...producedBy(steps)]);
    const used = [file, ...files].flatMap((f) => placeholdersIn(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    const unknown = [...new Set(used)].filter((name) => !known.has(name) && !name.startsWith('SECRET_'));
    expect(unknown).toEqual([]);
    // secrets only ever come from steps (written to the git-ignored .user file), never from committed files
    const secrets = [...new Set(used)].filter((name) => name.startsWith('SECRET_'));
    for (const secret of secrets) expect(producedBy(steps).has(secret), secret).toBe(true);
  });

  it('committed environment files hold no secrets', () => {
    for (const env of ['dev', 'local']) {
      const vars = parseEnv(fs.readFileSync(path.join(ROOT, 'env', `.env.${env}`), 'utf8'));
      expect(Object.keys(vars).filter((k) => k.startsWith('SECRET_') || /PASSWORD|CLIENT_SECRET/.test(k))).toEqual([]);
    }
  });
});

/**
 * The Microsoft Graph permissions the Toolkit's aadApp/update resolves by name in aad.manifest.json
 * (resourceAppId "Microsoft Graph" = 00000003-0000-0000-c000-000000000000), with the ids the Microsoft Graph
 * permissions reference lists: https://learn.microsoft.com/en-us/graph/permissions-reference
 * A delegated permission is a `Scope`, an application permission a `Role`; a name under the wrong type is unknown.
 * Add a row (from that page) when the app asks for a new permission.
 */
const GRAPH_PERMISSIONS: Record<'Scope' | 'Role', Record<string, string>> = {
  Scope: {
    'User.Read': 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
    openid: '37f7f235-527c-4136-accd-4a02d197296e',
    profile: '14dad69e-099b-42c9-810b-d002981feec1',
    offline_access: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182',
  },
  Role: {
    'Sites.Selected': '883ea226-0bf2-4a8f-9f9d-92c9162a727d',
    'Directory.Read.All': '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  },
};

describe('the Entra app (aad.manifest.json)', () => {
  const vars = sampleVariables();
  const resource = `api://${vars.TAB_DOMAIN}/${vars.AAD_APP_CLIENT_ID}`;

  it('exposes access_as_user to the Teams and Microsoft 365 clients and defines the roles the server maps', () => {
    const aad = readAadManifest(path.join(ROOT, 'aad.manifest.json'), vars);
    expect(aadManifestProblems(aad, resource)).toEqual([]);
    expect(Object.keys(TEAMS_SSO_CLIENTS)).toHaveLength(7);
    expect(aad.appRoles!.map((r) => r.value)).toEqual(['DPO', 'CISO', 'Editor', 'Admin']);
  });

  it('names only Microsoft Graph permissions that exist, each with the type (delegated or application) Graph defines', () => {
    const aad = JSON.parse(fs.readFileSync(path.join(ROOT, 'aad.manifest.json'), 'utf8')) as {
      requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: 'Scope' | 'Role' }[] }[];
    };
    expect(aad.requiredResourceAccess.map((r) => r.resourceAppId)).toEqual(['Microsoft Graph']);
    for (const access of aad.requiredResourceAccess[0]!.resourceAccess) {
      const known = GRAPH_PERMISSIONS[access.type][access.id];
      expect(
        known,
        `${access.id} (${access.type}) is not a Microsoft Graph ${access.type === 'Scope' ? 'delegated' : 'application'} permission`,
      ).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  it('reports a missing pre-authorised client, a missing role and a role the server does not know', () => {
    const aad = readAadManifest(path.join(ROOT, 'aad.manifest.json'), vars);
    aad.api!.preAuthorizedApplications = aad.api!.preAuthorizedApplications!.filter(
      (p) => p.appId !== '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
    );
    aad.appRoles = aad.appRoles!.map((r) => (r.value === 'CISO' ? { ...r, value: 'Ciso' } : r));
    const problems = aadManifestProblems(aad, 'api://other.example.net/x').join('\n');
    expect(problems).toMatch(/Teams web \(5e3ce6c0-2b1f-4285-8d4b-75ee78787346\) is not pre-authorised/);
    expect(problems).toMatch(/appRoles needs an enabled role "CISO"/);
    expect(problems).toMatch(/appRoles: "Ciso" is not a role the server knows/);
    expect(problems).toMatch(/identifierUris must contain api:\/\/other\.example\.net\/x/);
  });
});

describe('npm run validate', () => {
  it('passes for the project as committed (sample values)', async () => {
    expect((await validateAll(ROOT, sampleVariables())).problems).toEqual([]);
  });
});
