// The relative links of the project's markdown pages, and the heading anchors they may point to, for
// test/docs-links.test.ts: a link to a page or a heading that does not exist is a 404 for a reader.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface DocLink {
  /** The page the link is on, relative to the root. */
  file: string;
  /** 1-based line of the link. */
  line: number;
  target: string;
}

/** README.md, docs/*.md, every README.md under extras/, and test/fixtures/reference/README.md. */
export function linkedPages(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs, ...readmesUnder(root, 'extras'), 'test/fixtures/reference/README.md'];
}

function readmesUnder(root: string, dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(join(root, dir)).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) found.push(...readmesUnder(root, path));
    else if (name === 'README.md') found.push(path);
  }
  return found;
}

/** A page's lines with fenced blocks blanked and inline code removed: links there are not links. */
function proseLines(text: string): string[] {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line.replace(/`[^`]*`/g, '');
  });
}

/** Every `[text](target)` and `![alt](target)` that is not a web address or a mail link. */
export function relativeLinks(file: string, text: string): DocLink[] {
  const links: DocLink[] = [];
  proseLines(text).forEach((line, i) => {
    for (const match of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = match[1] ?? '';
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      links.push({ file, line: i + 1, target });
    }
  });
  return links;
}

/**
 * GitHub's anchor for a heading: the text as rendered (no code ticks, link text only, no emphasis
 * marks), lowercased, every character that is not a letter, digit, mark, '_', '-' or space removed,
 * spaces turned into '-'. A repeated heading gets -1, -2, … (github-slugger, which GitHub follows).
 */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = githubSlug(heading[1] ?? '');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

export function githubSlug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** What is wrong with a link, or null when its file (and its heading, if it names one) exists. */
export function brokenLink(root: string, link: DocLink): string | null {
  const [pathPart = '', anchor] = link.target.split('#', 2);
  const path = decodeURIComponent(pathPart);
  const fileDir = link.file.includes('/') ? link.file.slice(0, link.file.lastIndexOf('/')) : '.';
  const resolved = path === '' ? link.file : join(fileDir, path);
  if (!existsSync(join(root, resolved))) return `${resolved} does not exist`;
  if (anchor === undefined || anchor === '' || !resolved.endsWith('.md')) return null;
  const anchors = headingAnchors(readFileSync(join(root, resolved), 'utf8'));
  return anchors.has(anchor) ? null : `${resolved} has no heading whose anchor is #${anchor}`;
}
