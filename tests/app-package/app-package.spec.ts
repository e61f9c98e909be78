/**
 * The Teams app package, checked offline against the official schemas that @microsoft/app-manifest
 * ships (manifest v1.30 and its Localization schema), and the zip `npm run package` builds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAppPackage, readAppPackage, zipAppPackage } from '../../scripts/app-package/app-package.js';
import { ROOT, sampleVariables } from '../../scripts/app-package/cli.js';
import { loadEnvironment, MissingVariablesError } from '../../scripts/app-package/environment.js';
import { decodePng, encodePng } from '../../scripts/app-package/png.js';
import { SEARCH_COMMAND } from '../../bot/message-extension.js';

const APP_PACKAGE = path.join(ROOT, 'appPackage');
const temps: string[] = [];

/** A copy of appPackage/ in a temp folder, changed by `edit` (file name -> JSON to change). */
function brokenCopy(edit: Record<string, (json: any) => void>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-package-'));
  temps.push(dir);
  fs.cpSync(APP_PACKAGE, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}build`) });
  for (const [file, change] of Object.entries(edit)) {
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    change(json);
    fs.writeFileSync(path.join(dir, file), JSON.stringify(json, null, 2));
  }
  return dir;
}

async function problemsOf(dir: string): Promise<string[]> {
  return checkAppPackage(readAppPackage(dir, sampleVariables()));
}

afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the app package', () => {
  it('passes the official manifest and localization schemas and the package checks', async () => {
    const pkg = readAppPackage(APP_PACKAGE, sampleVariables());
    expect(pkg.manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
    expect(await checkAppPackage(pkg)).toEqual([]);
  });

  it('zips the filled manifest, both localization files and the icons at the root', async () => {
    const vars = sampleVariables();
    const zip = await JSZip.loadAsync(await zipAppPackage(readAppPackage(APP_PACKAGE, vars)));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png', 'sv.json']);
    const manifestText = await zip.file('manifest.json')!.async('string');
    expect(manifestText).not.toContain('${{');
    const manifest = JSON.parse(manifestText);
    expect(manifest.id).toBe(vars.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(vars.BOT_ID);
    expect(manifest.bots[0].scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.webApplicationInfo).toEqual({
      id: vars.AAD_APP_CLIENT_ID,
      resource: `api://${vars.TAB_DOMAIN}/${vars.AAD_APP_CLIENT_ID}`,
    });
    expect(manifest.validDomains).toEqual([vars.TAB_DOMAIN]);
    expect(manifest.staticTabs[0]).toMatchObject({ entityId: 'board', contentUrl: `${vars.TAB_ENDPOINT}/tab`, scopes: ['personal'] });
    expect(manifest.configurableTabs[0]).toMatchObject({
      configurationUrl: `${vars.TAB_ENDPOINT}/tab/config`,
      scopes: ['team', 'groupChat'],
    });
    const sv = JSON.parse(await zip.file('sv.json')!.async('string'));
    expect(sv['name.short']).toBe(`DPO-tavlan${vars.APP_NAME_SUFFIX}`);
    expect(decodePng(Buffer.from(await zip.file('color.png')!.async('uint8array'))).width).toBe(192);
  });

  it('builds the same bytes for the same input', async () => {
    const pkg = readAppPackage(APP_PACKAGE, sampleVariables());
    expect((await zipAppPackage(pkg)).equals(await zipAppPackage(pkg))).toBe(true);
  });

  it('offers the bot commands of issue 4 in Swedish and English, prenumerera/avsluta in personal chats only', () => {
    const pkg = readAppPackage(APP_PACKAGE, sampleVariables());
    const titles = (tag: string, list: number) => {
      const strings = pkg.localizations.find((l) => l.languageTag === tag)!.strings;
      return Object.entries(strings)
        .filter(([k]) => k.startsWith(`bots[0].commandLists[${list}].`) && k.endsWith('.title'))
        .map(([, v]) => v);
    };
    const lists = (pkg.manifest.bots as any[])[0].commandLists;
    expect(lists.map((l: any) => l.scopes)).toEqual([['team', 'groupChat'], ['personal']]);
    expect(titles('en', 1)).toEqual(['help', 'status', 'status 1', 'focus', 'assess 1', 'subscribe', 'unsubscribe', 'request status 4']);
    expect(titles('sv', 1)).toEqual(['hjälp', 'status', 'status 1', 'fokus', 'bedöm 1', 'prenumerera', 'avsluta', 'begär status 4']);
    // Channels also switch the weekly digest off (and on) from the list (issue 13 item 4).
    // The DPO and the CISO ask for a status from either list (issue 13 item 3).
    expect(titles('sv', 0)).toEqual(['hjälp', 'status', 'status 1', 'fokus', 'bedöm 1', 'sammanfattning av', 'begär status 4']);
    expect(titles('en', 0)).toEqual(['help', 'status', 'status 1', 'focus', 'assess 1', 'digest off', 'request status 4']);
    expect(pkg.manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'en',
      defaultLanguageFile: 'en.json',
      additionalLanguages: [{ languageTag: 'sv', file: 'sv.json' }],
    });
  });

  it("declares the bot's search command and link unfurling for the tab's domain, in Swedish and English", () => {
    // https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/search-commands/define-search-command
    // https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/link-unfurling
    const vars = sampleVariables();
    const pkg = readAppPackage(APP_PACKAGE, vars);
    const [extension, ...more] = pkg.manifest.composeExtensions as any[];
    expect(more).toEqual([]);
    expect(extension.botId).toBe(vars.BOT_ID);
    expect(extension.commands).toEqual([
      expect.objectContaining({
        id: SEARCH_COMMAND.id,
        type: 'query',
        initialRun: true,
        context: ['compose', 'commandBox'],
        parameters: [expect.objectContaining({ name: SEARCH_COMMAND.parameter, inputType: 'text' })],
      }),
    ]);
    expect(extension.messageHandlers).toEqual([{ type: 'link', value: { domains: [vars.TAB_DOMAIN] } }]);
    const sv = pkg.localizations.find((l) => l.languageTag === 'sv')!.strings;
    expect(sv['composeExtensions[0].commands[0].title']).toBe('Sök på tavlan');
    expect(sv['composeExtensions[0].commands[0].parameters[0].title']).toBe('Kontrollpunkt eller anvisning');
  });

  it('fails clearly when an environment lacks a value, naming every missing placeholder', () => {
    const vars = { ...sampleVariables(), BOT_ID: '', TAB_DOMAIN: undefined as unknown as string };
    expect(() => readAppPackage(APP_PACKAGE, vars)).toThrow(MissingVariablesError);
    expect(() => readAppPackage(APP_PACKAGE, vars)).toThrow(
      /\$\{\{BOT_ID\}\}.*\$\{\{TAB_DOMAIN\}\}|\$\{\{TAB_DOMAIN\}\}.*\$\{\{BOT_ID\}\}/,
    );
    // APP_NAME_SUFFIX may be empty, as in the Toolkit (a production name without suffix)
    expect(() => readAppPackage(APP_PACKAGE, { ...sampleVariables(), APP_NAME_SUFFIX: '' })).not.toThrow();
  });

  it('reads env/.env.<name>, then the .user file, then the process environment', () => {
    const vars = loadEnvironment(ROOT, 'dev', { TAB_DOMAIN: 'from-shell.example.net' });
    expect(vars.TEAMSFX_ENV).toBe('dev');
    expect(vars.APP_NAME_SUFFIX).toBe('-dev');
    expect(vars.TAB_DOMAIN).toBe('from-shell.example.net');
    expect(() => loadEnvironment(ROOT, 'nosuchenv', {})).toThrow(/env\/\.env\.nosuchenv does not exist/);
  });
});

describe('a broken package is reported', () => {
  it('reports schema violations of the manifest with their paths', async () => {
    const dir = brokenCopy({
      'manifest.json': (m) => {
        delete m.name.short;
        m.bots[0].scopes = ['team', 'channel'];
        m.accentColor = 'blue';
      },
    });
    const problems = (await problemsOf(dir)).join('\n');
    expect(problems).toMatch(/manifest\.json: \/name must have required property 'short'/);
    expect(problems).toMatch(/manifest\.json: \/bots\/0\/scopes\/1 must be equal to one of the allowed values/);
    expect(problems).toMatch(/manifest\.json: \/accentColor must match pattern/);
    // en.json names name.short, which the manifest no longer has
    expect(problems).toMatch(/en\.json: "name\.short" names no string in manifest\.json/);
  });

  it('reports a $schema that is not a shipped official schema instead of fetching it', async () => {
    const other = brokenCopy({ 'manifest.json': (m) => (m.$schema = 'https://example.com/MicrosoftTeams.schema.json') });
    expect((await problemsOf(other)).join('\n')).toMatch(/not an official Teams schema URL/);
    const unshipped = brokenCopy({
      'manifest.json': (m) => (m.$schema = 'https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json'),
    });
    expect((await problemsOf(unshipped)).join('\n')).toMatch(/ships no such schema, so it cannot be validated offline/);
  });

  it('reports a manifestVersion that differs from its $schema, and localization files on another version', async () => {
    const dir = brokenCopy({
      'manifest.json': (m) => {
        m.$schema = 'https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json';
        m.manifestVersion = '1.22';
      },
    });
    const problems = (await problemsOf(dir)).join('\n');
    expect(problems).toMatch(/sv\.json: its \$schema is v1\.30 but manifestVersion is 1\.22/);
  });

  it('reports localization files that break the Localization schema or drift from the manifest', async () => {
    const dir = brokenCopy({
      'sv.json': (l) => {
        l['name.short'] = 'Dataskyddsombudets stora uppföljningstavla';
        l['staticTabs[7].name'] = 'Ingen sådan flik';
        l.unknownKey = 'x';
      },
      'en.json': (l) => (l['description.short'] = 'Something else than the manifest says'),
    });
    const problems = (await problemsOf(dir)).join('\n');
    expect(problems).toMatch(/sv\.json: \/name\.short must NOT have more than 30 characters/);
    expect(problems).toMatch(/sv\.json: \/ must NOT have additional properties \(unknownKey\)/);
    expect(problems).toMatch(/sv\.json: "staticTabs\[7\]\.name" names no string in manifest\.json/);
    expect(problems).toMatch(/en\.json: "description\.short" differs from manifest\.json/);
  });

  it('reports tabs outside validDomains, plain http, and an SSO resource that is not api://<domain>/<client id>', async () => {
    const dir = brokenCopy({
      'manifest.json': (m) => {
        m.staticTabs[0].contentUrl = 'https://elsewhere.example.com/tab';
        m.configurableTabs[0].configurationUrl = 'http://${{TAB_DOMAIN}}/tab/config';
        m.webApplicationInfo.resource = 'api://${{AAD_APP_CLIENT_ID}}';
      },
    });
    const problems = (await problemsOf(dir)).join('\n');
    expect(problems).toMatch(/staticTabs\[0\]\.contentUrl: elsewhere\.example\.com is not in validDomains/);
    expect(problems).toMatch(/configurableTabs\[0\]\.configurationUrl must be an https URL/);
    expect(problems).toMatch(/webApplicationInfo\.resource must be api:\/\/<tab domain>\/<client id>/);
  });

  it('reports icons of the wrong size and an outline icon that is not white on transparent', async () => {
    const dir = brokenCopy({});
    const red = { width: 32, height: 32, data: new Uint8Array(32 * 32 * 4).map((_, i) => (i % 4 === 0 || i % 4 === 3 ? 255 : 0)) };
    fs.writeFileSync(path.join(dir, 'outline.png'), encodePng(red));
    fs.writeFileSync(path.join(dir, 'color.png'), encodePng({ width: 96, height: 96, data: new Uint8Array(96 * 96 * 4).fill(255) }));
    const problems = (await problemsOf(dir)).join('\n');
    expect(problems).toMatch(/icons\.color color\.png is 96×96, must be 192×192/);
    expect(problems).toMatch(/icons\.outline outline\.png must be white on transparent; pixel 0,0 is rgba\(255,0,0,255\)/);
  });

  it('reports a message extension served by another bot and link handlers outside validDomains', async () => {
    const dir = brokenCopy({
      'manifest.json': (m) => {
        m.composeExtensions[0].botId = '00000000-0000-0000-0000-00000000beef';
        m.composeExtensions[0].messageHandlers[0].value.domains = ['${{TAB_DOMAIN}}', '*.example.org'];
      },
    });
    const problems = (await problemsOf(dir)).join('\n');
    expect(problems).toMatch(/composeExtensions\[0\]\.botId must be the botId of one of bots\[\]/);
    expect(problems).toMatch(/composeExtensions\[0\]\.messageHandlers\[0\]: \*\.example\.org is not in validDomains/);
    expect(problems).not.toMatch(/dpo-board-sample\.azurewebsites\.net is not in validDomains/);
  });

  it('declares the meeting side panel and stage on the configurable tab, with the RSC permissions share to stage needs', () => {
    // https://learn.microsoft.com/microsoftteams/platform/apps-in-teams-meetings/build-apps-for-teams-meeting-stage
    const manifest = JSON.parse(fs.readFileSync(path.join(APP_PACKAGE, 'manifest.json'), 'utf8'));
    const tab = manifest.configurableTabs[0];
    expect(tab.scopes).toEqual(expect.arrayContaining(['team', 'groupChat']));
    expect(tab.context).toEqual(expect.arrayContaining(['channelTab', 'meetingChatTab', 'meetingSidePanel', 'meetingStage']));
    expect(manifest.authorization.permissions.resourceSpecific).toEqual(
      expect.arrayContaining([
        { name: 'MeetingStage.Write.Chat', type: 'Delegated' },
        { name: 'ChannelMeetingStage.Write.Group', type: 'Delegated' },
      ]),
    );
  });

  it('reports a meeting context without the groupChat scope, a side panel without the stage, and a stage without its RSC permission', async () => {
    const dir = brokenCopy({
      'manifest.json': (m) => {
        m.configurableTabs[0].scopes = ['team'];
        m.authorization.permissions.resourceSpecific = [{ name: 'ChannelMeetingStage.Write.Group', type: 'Delegated' }];
        m.configurableTabs.push({ ...m.configurableTabs[0], id: 'panel-only', context: ['meetingSidePanel'], scopes: ['groupChat'] });
      },
    });
    const problems = (await problemsOf(dir)).join('\n');
    expect(problems).toMatch(/configurableTabs\[0\]: a meeting context needs the groupChat scope/);
    expect(problems).toMatch(/configurableTabs\[0\]: sharing to the stage needs the delegated RSC permission MeetingStage\.Write\.Chat/);
    expect(problems).toMatch(/configurableTabs\[1\]: the side panel shares to the stage, so the context needs meetingStage too/);
  });

  it('refuses a localization file outside the package folder', () => {
    const dir = brokenCopy({ 'manifest.json': (m) => (m.localizationInfo.additionalLanguages[0].file = '../secrets.json') });
    expect(() => readAppPackage(dir, sampleVariables())).toThrow(/must be a path inside/);
  });
});
