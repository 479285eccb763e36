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
  'bdi',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
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
    // CommonMark reads ***x*** as em(strong(x)).
    expect(md('***both***')).toBe('<div class="md"><p><em><strong>both</strong></em></p></div>');
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
    // A blank line ends a quote (CommonMark's lazy continuation keeps the next line in it).
    expect(md('> quoted **text**\n\nafter')).toBe(
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

  it('renders lists, task lists, headings, tables and rules', () => {
    expect(md('- one\n- two\n\n1. first\n2. second')).toBe(
      '<div class="md"><ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol></div>',
    );
    expect(md('3. three\n4. four')).toContain('<ol start="3">');
    expect(md('- [ ] todo\n- [x] done')).toBe(
      '<div class="md"><ul><li class="task"><span class="task-box" aria-hidden="true"></span><span class="visually-hidden">To do: </span>todo</li><li class="task done"><span class="task-box" aria-hidden="true">✓</span><span class="visually-hidden">Done: </span>done</li></ul></div>',
    );
    // Headings sit below the page's own: the room name is the h1.
    expect(md('# Big\n## Smaller')).toBe('<div class="md"><h3>Big</h3><h4>Smaller</h4></div>');
    expect(md('| a | b |\n|:--|--:|\n| 1 | **2** |')).toBe(
      '<div class="md"><div class="md-table"><table><thead><tr><th style="text-align:left">a</th><th style="text-align:right">b</th></tr></thead><tbody><tr><td style="text-align:left">1</td><td style="text-align:right"><strong>2</strong></td></tr></tbody></table></div></div>',
    );
    expect(md('a\n\n---\n\nb')).toBe('<div class="md"><p>a</p><hr/><p>b</p></div>');
  });

  it('turns :shortcode: emoji into emoji, but not inside code or links', () => {
    expect(md('hi :smile: :tada: :not_an_emoji:')).toBe(
      '<div class="md"><p>hi 😄 🎉 :not_an_emoji:</p></div>',
    );
    expect(md('`:smile:`')).toBe('<div class="md"><p><code>:smile:</code></p></div>');
    expect(md('https://a.example/:smile:/x')).toContain('>https://a.example/:smile:/x</a>');
  });

  it('shows a code block plainly until its highlighter has loaded, with the language noted', () => {
    expect(md('```ts\nconst a = 1;\n```')).toBe(
      '<div class="md"><pre class="code lang-typescript"><code>const a = 1;</code></pre></div>',
    );
    expect(md('```nolang\nx\n```')).toBe('<div class="md"><pre><code>x</code></pre></div>');
  });

  it('highlights code with colours for the light and the dark theme', async () => {
    const { highlight } = await import('../../../renderer/src/markdown/highlight.js');
    const lines = await highlight('// note\nconst a = "x";\nreturn a;', 'typescript');
    expect(lines).toHaveLength(3);
    expect(lines[1]!.map((t) => t.content).join('')).toBe('const a = "x";');
    const comment = lines[0]![0]!;
    const keyword = lines[1]!.find((t) => t.content.trim() === 'const')!;
    expect(keyword.light).not.toBe(comment.light);
    expect(keyword.light).toMatch(/^#[0-9a-f]{6}$/i);
    expect(keyword.dark).toMatch(/^#[0-9a-f]{6}$/i);
    expect(keyword.dark).not.toBe(keyword.light);
    expect(new Set(lines[1]!.map((t) => t.light)).size).toBeGreaterThan(2);
  });

  it('does not turn www. or e-mail addresses into links (only http(s) URLs)', () => {
    expect(md('www.example.com a@b.example ftp://x.example')).toBe(
      '<div class="md"><p>www.example.com a@b.example ftp://x.example</p></div>',
    );
  });

  it('shows images as links to them, never loads them', () => {
    expect(md('![a cat](https://img.example/cat.png)')).toBe(
      '<div class="md"><p><a href="https://img.example/cat.png" target="_blank" rel="noopener noreferrer">a cat</a></p></div>',
    );
    expect(md('![x](javascript:alert(1))')).toBe(
      '<div class="md"><p>![x](javascript:alert(1))</p></div>',
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

  it('does work in proportion to the input on hostile patterns (counted, not timed)', () => {
    // Every character the parser and renderer look at goes through charCodeAt; doubling the
    // input must roughly double the reads (a quadratic path would quadruple them).
    const reads = (text: string) => {
      const original = String.prototype.charCodeAt;
      let n = 0;
      String.prototype.charCodeAt = function (this: string, i: number) {
        n++;
        return original.call(this, i);
      };
      try {
        md(text);
      } finally {
        String.prototype.charCodeAt = original;
      }
      return n;
    };
    const patterns: Array<(k: number) => string> = [
      (k) => '*'.repeat(k),
      (k) => '_a '.repeat(k),
      (k) => '['.repeat(k) + ']'.repeat(k),
      (k) => '`'.repeat(k),
      (k) => '**a '.repeat(k),
      (k) => '> '.repeat(k) + 'x',
      (k) => '- '.repeat(k) + 'x',
      (k) => '[a](b '.repeat(k),
      (k) => '@'.repeat(k),
      (k) => ':a'.repeat(k),
      (k) => '|a'.repeat(k) + '\n' + '|-'.repeat(k),
      (k) => 'https://a.example/' + '('.repeat(k),
    ];
    for (const p of patterns) {
      const small = reads(p(1000));
      const big = reads(p(2000));
      expect(small, p(3)).toBeGreaterThan(0);
      expect(big / small, p(3)).toBeLessThan(2.6);
    }
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
