import { describe, expect, it } from 'vitest';
import { localPath, matchRoute, paths } from '../../web/src/router/routes.js';

describe('matchRoute', () => {
  it('opens the integrations catalog at the root', () => {
    expect(matchRoute('/')).toEqual({ page: 'integrations' });
    expect(matchRoute('/integrations/')).toEqual({ page: 'integrations' });
  });

  it('deep-links an integration, a credential and a playground node', () => {
    expect(matchRoute('/integrations/google-sheets')).toEqual({
      page: 'integration',
      name: 'google-sheets',
    });
    expect(matchRoute('/credentials/cred_1')).toEqual({ page: 'credential-edit', id: 'cred_1' });
    expect(matchRoute('/playground/slack.sendMessage')).toEqual({
      page: 'playground',
      nodeKey: 'slack.sendMessage',
    });
  });

  it('reads the OAuth return notice from /credentials?connected=<id>', () => {
    expect(matchRoute('/credentials', '?connected=cred_9')).toEqual({
      page: 'credentials',
      connected: 'cred_9',
    });
  });

  it('opens the add form for a type, with where to return', () => {
    expect(
      matchRoute(
        '/credentials/new',
        '?plugin=slack&type=slack.botToken&return=%2Fplayground%2Fslack.sendMessage',
      ),
    ).toEqual({
      page: 'credential-new',
      plugin: 'slack',
      type: 'slack.botToken',
      returnTo: '/playground/slack.sendMessage',
    });
  });

  it('ignores a return address on another site', () => {
    expect(matchRoute('/credentials/new', '?return=https://evil.example')).toEqual({
      page: 'credential-new',
    });
  });

  it('says an unknown address is not found', () => {
    expect(matchRoute('/settings')).toEqual({ page: 'not-found' });
    expect(matchRoute('/integrations/slack/extra')).toEqual({ page: 'not-found' });
  });

  it('reads back every address it builds', () => {
    expect(matchRoute(paths.playground('webhook.call'))).toEqual({
      page: 'playground',
      nodeKey: 'webhook.call',
    });
    const url = new URL(
      paths.newCredential({ type: 'a.b', returnTo: '/playground/x' }),
      'http://h',
    );
    expect(matchRoute(url.pathname, url.search)).toEqual({
      page: 'credential-new',
      type: 'a.b',
      returnTo: '/playground/x',
    });
  });
});

describe('localPath', () => {
  it('accepts only paths on this site', () => {
    expect(localPath('/credentials')).toBe('/credentials');
    expect(localPath('//evil.example/x')).toBeUndefined();
    expect(localPath('/\\evil.example')).toBeUndefined();
    expect(localPath('https://evil.example')).toBeUndefined();
    expect(localPath(null)).toBeUndefined();
  });
});
