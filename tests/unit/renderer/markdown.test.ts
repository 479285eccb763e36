import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TimelineMessage } from '../../../shared/api/index.js';
import type { User } from '../../../shared/protocol/index.js';
import { Markdown } from '../../../renderer/src/markdown/Markdown.js';
import { plainText } from '../../../renderer/src/markdown/plainText.js';
import { safeHref } from '../../../renderer/src/markdown/safeUrl.js';
import { MessageItem } from '../../../renderer/src/room/MessageItem.js';
import { FileCard } from '../../../renderer/src/room/FileCard.js';
import type { MessageActions } from '../../../renderer/src/room/messageActions.js';
import { buildRows } from '../../../renderer/src/room/rows.js';

const md = (text: string, names?: string[], me?: string) =>
  renderToStaticMarkup(createElement(Markdown, { text, names, me }));

/** Tags React may produce for a message; anything else means markup got through. */
const ALLOWED_TAGS = new Set([
  'div',
  'p',
  'br',
  // Names are isolated from the text around them (bidi controls in a name stay inside it).
  'bdi',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'a',
  'span',
  'article',
  'time',
  'button',
  'svg',
  'path',
]);

/**
 * Checks real markup, not text: every "<" React writes starts a tag (text has &lt;), and every
 * attribute value is quoted with inner quotes escaped, so tags and attributes can be read exactly.
 */
function expectInert(html: string) {
  for (const tag of html.matchAll(/<([a-zA-Z0-9]+)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const name = tag[1]!.toLowerCase();
    expect(ALLOWED_TAGS, `tag <${name}>`).toContain(name);
    // The only SVG allowed is the app's own decorative icons.
    if (name === 'svg') expect(tag[2]).toContain('class="icon"');
    for (const attr of tag[2]!.matchAll(/\s+([^\s=>]+)(?:="([^"]*)")?/g)) {
      const attrName = attr[1]!.toLowerCase();
      expect(attrName, 'event handler attribute').not.toMatch(/^on/);
      if (attrName === 'href' || attrName === 'src')
        expect(attr[2], `${attrName} value`).toMatch(/^(https?:\/\/|mailto:)/);
    }
  }
  // Every "<" outside a tag was escaped, so nothing else can be markup.
  const stripped = html.replace(/<\/?[a-zA-Z0-9]+(?:\s+[^\s=>]+(?:="[^"]*")?)*\s*\/?>/g, '');
  expect(stripped).not.toContain('<');
}

describe('markdown formatting', () => {
  it('renders bold, italic, strike, inline code and line breaks', () => {
    expect(md('**bold** and *it* and _it2_ and ~~gone~~ and `x < y`')).toBe(
      '<div class="md"><p><strong>bold</strong> and <em>it</em> and <em>it2</em> and <del>gone</del> and <code>x &lt; y</code></p></div>',
    );
    expect(md('one\ntwo')).toBe('<div class="md"><p>one<br/>two</p></div>');
    expect(md('***both***')).toBe('<div class="md"><p><strong><em>both</em></strong></p></div>');
  });

  it('leaves snake_case, lone stars and unclosed markers alone', () => {
    expect(md('snake_case_name 2 * 3 * 4 **open')).toBe(
      '<div class="md"><p>snake_case_name 2 * 3 * 4 **open</p></div>',
    );
    expect(md('\\*not italic\\*')).toBe('<div class="md"><p>*not italic*</p></div>');
  });

  it('renders code blocks verbatim and block quotes', () => {
    expect(md('```\n**no** <b>\n```')).toBe(
      '<div class="md"><pre><code>**no** &lt;b&gt;</code></pre></div>',
    );
    expect(md('> quoted **text**\nafter')).toBe(
      '<div class="md"><blockquote><p>quoted <strong>text</strong></p></blockquote><p>after</p></div>',
    );
  });

  it('links [text](url) and bare URLs, opening in a new tab without opener', () => {
    expect(md('[docs](https://example.com/a?b=1)')).toBe(
      '<div class="md"><p><a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer">docs</a></p></div>',
    );
    expect(md('see https://example.com/x_(y). ok')).toBe(
      '<div class="md"><p>see <a href="https://example.com/x_(y)" target="_blank" rel="noopener noreferrer">https://example.com/x_(y)</a>. ok</p></div>',
    );
    expect(md('[mail](mailto:a@b.c)')).toContain('href="mailto:a@b.c"');
  });

  it('highlights @mentions of known names, the reader specially', () => {
    const html = md('hi @Alice Smith and @bob, not me@mail', ['Alice Smith', 'Bob'], 'bob');
    expect(html).toBe(
      '<div class="md"><p>hi <span class="mention">@Alice Smith</span> and <span class="mention mention-me">@bob</span>, not me@mail</p></div>',
    );
    expect(md('@nobody here', ['Alice'])).toBe('<div class="md"><p>@nobody here</p></div>');
  });

  it('puts a suffix such as "(edited)" at the end of the last paragraph', () => {
    const html = renderToStaticMarkup(
      createElement(Markdown, { text: 'a\n\nb', suffix: createElement('span', null, '(edited)') }),
    );
    expect(html).toBe('<div class="md"><p>a</p><p>b <span>(edited)</span></p></div>');
  });

  it('flattens to plain text for notifications', () => {
    expect(plainText('ping **Dora**, see [docs](https://x.example) and `x`')).toBe(
      'ping Dora, see docs and x',
    );
  });

  it('shows a few emoji large', () => {
    expect(md('🎉🎉')).toContain('md-jumbo');
    expect(md('🎉 party')).not.toContain('md-jumbo');
  });
});

describe('markdown is never a way in (XSS)', () => {
  const payloads = [
    '<img src=x onerror=window.__xss=1>',
    '<script>window.__xss=1</script>',
    '[x](javascript:alert(1))',
    '[x](JAVASCRIPT:alert(1))',
    '[x](  javascript:alert(1))',
    '[x](java\tscript:alert(1))',
    '[x](jav&#x61;script:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](vbscript:msgbox(1))',
    '[x](//evil.example/x)',
    '[x](file:///etc/passwd)',
    '[**[x](javascript:alert(1))**](https://ok.example)',
    '[[x](https://ok.example)](javascript:alert(1))',
    '**<svg onload=alert(1)>**',
    '`<script>alert(1)</script>`',
    '```\n<script>alert(1)</script>\n```',
    '> <iframe src=javascript:alert(1)>',
    'javascript:alert(1)',
    'https://ok.example/"onmouseover="alert(1)',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '[x](https://ok.example" onclick="alert(1))',
    '@<img src=x onerror=alert(1)>',
  ];
  for (const p of payloads) {
    it(`renders ${JSON.stringify(p)} as text`, () => {
      const html = md(p, ['<img src=x onerror=alert(1)>']);
      expectInert(html);
      expect(html).not.toMatch(/javascript:/i.test(p) ? /href="[^"]*javascript/i : /^$/);
    });
  }

  it('keeps unsafe link syntax visible as the text that was written', () => {
    expect(md('[x](javascript:alert(1))')).toBe(
      '<div class="md"><p>[x](javascript:alert(1))</p></div>',
    );
    expect(md('<b>hi</b>')).toBe('<div class="md"><p>&lt;b&gt;hi&lt;/b&gt;</p></div>');
  });

  it('does not let nested links reach an href', () => {
    const html = md('[**[x](javascript:alert(1))**](https://ok.example)');
    expect(html).toBe(
      '<div class="md"><p><a href="https://ok.example/" target="_blank" rel="noopener noreferrer"><strong>[x](javascript:alert(1))</strong></a></p></div>',
    );
  });

  it('only passes absolute http(s) and mailto URLs', () => {
    expect(safeHref('https://a.example/x')).toBe('https://a.example/x');
    expect(safeHref(' HTTP://A.example ')).toBe('http://a.example/');
    for (const bad of [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      '/relative',
      '//host/x',
      'https://',
      'http://a b',
      'https:\\\\evil',
    ])
      expect(safeHref(bad)).toBeUndefined();
  });

  it('stays fast on hostile input', () => {
    const start = performance.now();
    md('*'.repeat(8000));
    md('_a '.repeat(2600));
    md('['.repeat(4000) + ']'.repeat(4000));
    md('`'.repeat(8000));
    md('**a '.repeat(2000));
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('names and file names are text', () => {
  const evil = '<img src=x onerror=window.__xss=1><script>window.__xss=1</script>';
  const user: User = {
    id: 'u_evil1234',
    name: evil,
    avatar: { color: '#123456' },
    status: 'online',
  };
  const message: TimelineMessage = {
    roomId: 'r_general',
    seq: 1,
    ts: Date.now(),
    authorId: user.id,
    clientId: 'c1',
    text: `hello @${evil} [x](javascript:alert(1))`,
    file: { id: 'f_abcdef', name: `${evil}.pdf`, size: 2048, type: 'application/pdf' },
    reactions: { [evil]: [user.id], constructor: [user.id] },
    status: 'sent',
  };
  const actions: MessageActions = {
    react() {},
    startEdit() {},
    remove() {},
    retry() {},
    discard() {},
    download() {},
    openImage() {},
    fileSrc: () => 'http://127.0.0.1:1/api/files/f_abcdef?token=t',
    nameOf: () => evil,
  };

  it('renders a hostile author, text, reactions and file name inertly', () => {
    const [row] = buildRows([message], 0, user.id);
    const html = renderToStaticMarkup(
      createElement(MessageItem, {
        row: row!,
        author: user,
        me: user,
        names: [user.name],
        editing: false,
        actions,
      }),
    );
    expectInert(html);
    expect(html).toContain('&lt;img src=x onerror=window.__xss=1&gt;');
    expect(html).toContain('class="mention mention-me"');
  });

  it('renders a hostile file card inertly', () => {
    const html = renderToStaticMarkup(
      createElement(FileCard, { file: message.file!, onDownload: () => {} }),
    );
    expectInert(html);
    expect(html).toContain('2 KB');
  });
});
