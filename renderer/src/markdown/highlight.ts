/**
 * Syntax highlighting with Shiki, loaded on first use (its own chunks, never in the first page
 * load). Shiki's JavaScript regex engine is used, not the WebAssembly one, so the page's CSP
 * needs no 'wasm-unsafe-eval'. Output is tokens with colours, drawn as React elements.
 */
import type { HighlighterCore, ThemedToken } from 'shiki/core';

type Loader = () => Promise<{ default: unknown }>;

/** The languages we highlight, each its own chunk; aliases point at the same loader. */
const LANGS: Record<string, Loader> = {
  javascript: () => import('shiki/langs/javascript.mjs'),
  typescript: () => import('shiki/langs/typescript.mjs'),
  jsx: () => import('shiki/langs/jsx.mjs'),
  tsx: () => import('shiki/langs/tsx.mjs'),
  json: () => import('shiki/langs/json.mjs'),
  python: () => import('shiki/langs/python.mjs'),
  shellscript: () => import('shiki/langs/shellscript.mjs'),
  css: () => import('shiki/langs/css.mjs'),
  html: () => import('shiki/langs/html.mjs'),
  sql: () => import('shiki/langs/sql.mjs'),
  go: () => import('shiki/langs/go.mjs'),
  rust: () => import('shiki/langs/rust.mjs'),
  java: () => import('shiki/langs/java.mjs'),
  c: () => import('shiki/langs/c.mjs'),
  cpp: () => import('shiki/langs/cpp.mjs'),
  csharp: () => import('shiki/langs/csharp.mjs'),
  yaml: () => import('shiki/langs/yaml.mjs'),
  markdown: () => import('shiki/langs/markdown.mjs'),
  diff: () => import('shiki/langs/diff.mjs'),
  ruby: () => import('shiki/langs/ruby.mjs'),
  php: () => import('shiki/langs/php.mjs'),
};
const ALIASES: Record<string, string> = {
  js: 'javascript',
  mjs: 'javascript',
  ts: 'typescript',
  py: 'python',
  sh: 'shellscript',
  bash: 'shellscript',
  shell: 'shellscript',
  zsh: 'shellscript',
  rs: 'rust',
  'c++': 'cpp',
  cs: 'csharp',
  yml: 'yaml',
  md: 'markdown',
  rb: 'ruby',
};

/** The language id we know for a fence's info word, or undefined. */
export function knownLanguage(lang: string | undefined): string | undefined {
  if (!lang) return undefined;
  const id = ALIASES[lang.toLowerCase()] ?? lang.toLowerCase();
  return Object.hasOwn(LANGS, id) ? id : undefined;
}

/** Light and dark colours; both keep every token readable on our code background (axe). */
const THEMES = { light: 'github-light-default', dark: 'github-dark-high-contrast' };

let highlighter: Promise<HighlighterCore> | undefined;
const loaded = new Map<string, Promise<void>>();

function core(): Promise<HighlighterCore> {
  highlighter ??= (async () => {
    const [{ createHighlighterCore }, { createJavaScriptRegexEngine }] = await Promise.all([
      import('shiki/core'),
      import('shiki/engine/javascript'),
    ]);
    return createHighlighterCore({
      themes: [
        import('shiki/themes/github-light-default.mjs'),
        import('shiki/themes/github-dark-high-contrast.mjs'),
      ],
      langs: [],
      engine: createJavaScriptRegexEngine(),
    });
  })();
  return highlighter;
}

/** A highlighted token: its text and its colour in the light and the dark theme. */
export interface CodeToken {
  content: string;
  light?: string;
  dark?: string;
}

function colours(t: ThemedToken): CodeToken {
  const style = (t.htmlStyle ?? {}) as Record<string, string>;
  return { content: t.content, light: style.color, dark: style['--shiki-dark'] };
}

/** Highlights `code` as `lang` (a knownLanguage id): lines of tokens. */
export async function highlight(code: string, lang: string): Promise<CodeToken[][]> {
  const hl = await core();
  let ready = loaded.get(lang);
  if (!ready) {
    ready = LANGS[lang]!().then(async (m) => {
      await hl.loadLanguage(m.default as never);
      // The first tokenization after a load can carry one line's state into the next (seen with
      // Shiki 4's JavaScript engine: a line after a comment came out all comment-coloured).
      // One throw-away pass settles it; the tests check real output.
      hl.codeToTokens('//\nx', { lang, themes: THEMES });
    });
    loaded.set(lang, ready);
  }
  await ready;
  const { tokens } = hl.codeToTokens(code, {
    lang,
    themes: THEMES,
  });
  return tokens.map((line) => line.map(colours));
}
