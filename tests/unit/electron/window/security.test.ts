import { describe, expect, it } from 'vitest';
import {
  ALLOWED_PERMISSIONS,
  APP_CSP,
  APP_START_URL,
  isAppUrl,
  isExternalLinkAllowed,
  isPermissionAllowed,
  isSameOrigin,
  navigationDecision,
  SECURE_WEB_PREFERENCES,
  windowOpenDecision,
} from '../../../../electron/window/security.js';

describe('SECURE_WEB_PREFERENCES', () => {
  it('isolates and sandboxes the page with no Node and no webview', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(SECURE_WEB_PREFERENCES).not.toHaveProperty('preload');
    expect(SECURE_WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('CSP', () => {
  it('keeps scripts and connections on the app and allows server images by URL', () => {
    const parts = Object.fromEntries(
      APP_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    );
    expect(parts['script-src']).toBe("'self'");
    expect(parts['connect-src']).toBe("'self'");
    expect(parts['object-src']).toBe("'none'");
    expect(parts['base-uri']).toBe("'none'");
    expect(parts['frame-ancestors']).toBe("'none'");
    expect(parts['form-action']).toBe("'none'");
    expect(parts['img-src']).toBe("'self' blob: data: http: https:");
    expect(parts['media-src']).toBe("'self' blob: http: https:");
    expect(APP_CSP).not.toMatch(/unsafe-eval/);
    expect(parts['script-src']).not.toMatch(/unsafe-inline/);
  });
});

describe('isAppUrl', () => {
  it.each([APP_START_URL, 'parley://app/', 'parley://app/assets/x.js?v=1#top', 'parley://app'])(
    'accepts %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );
  it.each([
    'parley://app.evil.example/',
    'parley://evil.example/app/',
    'parley://app@evil.example/',
    'parley://user:pw@app/',
    'parley://app:8080/',
    'parley://APP/',
    'parleyx://app/',
    'https://app/',
    'file:///app/index.html',
    'data:text/html,<script>1</script>',
    'javascript:alert(1)',
    'about:blank',
    '',
    'not a url',
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false));
});

describe('isSameOrigin', () => {
  it('compares scheme, host and port', () => {
    expect(isSameOrigin('http://127.0.0.1:4747/x', 'http://127.0.0.1:4747')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:4748/', 'http://127.0.0.1:4747')).toBe(false);
    expect(isSameOrigin('https://127.0.0.1:4747/', 'http://127.0.0.1:4747')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:4747.evil.example/', 'http://127.0.0.1:4747')).toBe(
      false,
    );
  });
  it('never treats opaque origins as equal ("null" === "null")', () => {
    expect(isSameOrigin('data:text/html,x', 'data:text/html,y')).toBe(false);
    expect(isSameOrigin('evil://x/', 'parley://app/')).toBe(false);
    expect(isSameOrigin('file:///etc/passwd', 'file:///etc/hosts')).toBe(false);
    expect(isSameOrigin('javascript:1', 'javascript:2')).toBe(false);
  });
});

describe('external links', () => {
  it.each([
    'https://example.com/a?b#c',
    'http://192.168.1.20:4747/',
    'https://xn--80ak6aa92e.com/',
  ])('opens %s in the browser', (url) => {
    expect(isExternalLinkAllowed(url)).toBe(true);
    expect(windowOpenDecision(url)).toBe('external');
    expect(navigationDecision(url)).toBe('deny');
  });
  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'parley://app/index.html',
    'chrome://settings',
    'https://bank.example@evil.example/',
    'https://user:pass@example.com/',
    'http://',
    'mailto:a@b.c',
    '',
  ])('never opens %s', (url) => {
    expect(isExternalLinkAllowed(url)).toBe(false);
    expect(windowOpenDecision(url)).toBe('deny');
  });
  it('allows navigation only inside the app', () => {
    expect(navigationDecision('parley://app/room/1')).toBe('allow');
    expect(navigationDecision('file:///home/me/dropped.png')).toBe('deny');
    expect(navigationDecision('https://example.com/')).toBe('deny');
  });
});

describe('permissions', () => {
  it('grants notifications and clipboard writes to the app page only', () => {
    expect([...ALLOWED_PERMISSIONS].sort()).toEqual(['clipboard-sanitized-write', 'notifications']);
    expect(isPermissionAllowed('notifications', APP_START_URL)).toBe(true);
    expect(isPermissionAllowed('notifications', 'parley://app')).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example/')).toBe(false);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'usb'])
      expect(isPermissionAllowed(p, APP_START_URL)).toBe(false);
  });
});
