// No 404 for a reader: every relative link of README.md, docs/*.md, extras/**/README.md and the
// reference fixtures' README names a file that exists, and a link to a heading of a markdown page
// (`page.md#anchor`, or `#anchor` on the same page) names a heading that page has.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { brokenLink, githubSlug, headingAnchors, linkedPages, relativeLinks } from './docs-links.ts';

const root = new URL('..', import.meta.url).pathname;

describe('docs links', () => {
  const pages = linkedPages(root);
  for (const page of pages) {
    it(`${page}: every relative link resolves`, () => {
      const links = relativeLinks(page, readFileSync(`${root}/${page}`, 'utf8'));
      const broken = links.flatMap((link) => {
        const problem = brokenLink(root, link);
        return problem === null ? [] : [`${link.file}:${link.line}: (${link.target}): ${problem}`];
      });
      assert.deepEqual(broken, [], broken.join('\n'));
    });
  }

  it('checks the pages the links are in', () => {
    assert.ok(pages.includes('README.md') && pages.includes('docs/train-flags.md'));
    assert.ok(pages.includes('extras/glibc-sin/README.md'));
    assert.ok(pages.includes('test/fixtures/reference/README.md'));
  });
});

describe('githubSlug', () => {
  it("follows GitHub's rules: lowercase, punctuation out, spaces to '-'", () => {
    assert.equal(githubSlug("The book's names and scratchnet's"), 'the-books-names-and-scratchnets');
    assert.equal(githubSlug('Chapter 14: L1 and L2 regularization'), 'chapter-14-l1-and-l2-regularization');
    assert.equal(githubSlug('`--json` output, for scripts'), '--json-output-for-scripts');
    assert.equal(githubSlug('Whole process and a busy machine'), 'whole-process-and-a-busy-machine');
    assert.equal(githubSlug('The [run](x.md) folder'), 'the-run-folder');
  });

  it('numbers a repeated heading, and ignores # lines in code', () => {
    const anchors = headingAnchors('# A\n## Limits\n```sh\n# not a heading\n```\n## Limits\n');
    assert.deepEqual([...anchors], ['a', 'limits', 'limits-1']);
  });
});

describe('brokenLink', () => {
  const at = (target: string) => ({ file: 'docs/train-flags.md', line: 1, target });
  it('finds a missing page and a missing heading, and accepts what exists', () => {
    assert.match(brokenLink(root, at('no-such-page.md')) ?? '', /docs\/no-such-page\.md does not exist/);
    assert.match(brokenLink(root, at('correctness.md#no-such-heading')) ?? '', /no heading/);
    assert.match(brokenLink(root, at('#no-such-heading')) ?? '', /no heading/);
    assert.equal(brokenLink(root, at('correctness.md#where-exactness-holds')), null);
    assert.equal(brokenLink(root, at('../README.md#quick-start')), null);
    assert.equal(brokenLink(root, at('images/spiral-curves.svg')), null);
  });

  it('skips links in code and web addresses', () => {
    const text = '[a](https://x.dev) `[b](nope.md)`\n```\n[c](nope.md)\n```\n[d](ok.md "title")\n';
    assert.deepEqual(
      relativeLinks('README.md', text).map((link) => link.target),
      ['ok.md'],
    );
  });
});
