// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { browserHost, detectHost, mayBeInTeams, teamsTheme } from '../../tab/src/host/host.js';
import { pickLocale } from '../../tab/src/i18n/i18n.js';
import { parseRoute } from '../../tab/src/routing/router.js';

describe('host detection', () => {
  it('knows at once that a top-level window without a native bridge is not Teams', async () => {
    expect(mayBeInTeams(window)).toBe(false);
    const started = performance.now();
    const host = await detectHost(window);
    expect(host.kind).toBe('browser');
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('treats a framed page as possibly Teams', () => {
    const framed = { self: 1, top: 2 } as unknown as Window;
    expect(mayBeInTeams(framed)).toBe(true);
  });

  it("maps Teams' themes to Fluent's three", () => {
    expect(teamsTheme('default')).toBe('light');
    expect(teamsTheme('dark')).toBe('dark');
    expect(teamsTheme('contrast')).toBe('contrast');
    expect(teamsTheme(undefined)).toBe('light');
  });

  it('picks Swedish first, English when asked for, Swedish for other languages', () => {
    expect(pickLocale(['sv-SE'])).toBe('sv');
    expect(pickLocale(['en-US', 'sv'])).toBe('en');
    expect(pickLocale(['de-DE', 'en-GB'])).toBe('en');
    expect(pickLocale(['fi-FI'])).toBe('sv');
    expect(browserHost().locale).toBe(pickLocale(navigator.languages));
  });
});

describe('routes', () => {
  it('parses the deep links', () => {
    expect(parseRoute('/tab/')).toEqual({ name: 'board' });
    expect(parseRoute('/tab')).toEqual({ name: 'board' });
    expect(parseRoute('/tab/control-points/4')).toEqual({ name: 'detail', number: 4 });
    expect(parseRoute('/tab/action-plan/')).toEqual({ name: 'plan' });
    expect(parseRoute('/tab/config')).toEqual({ name: 'config' });
    expect(parseRoute('/tab/nope')).toEqual({ name: 'notFound' });
  });
});
