// Regenerates docs/images/playground.png: the book's chapter-15 network on 100 spiral points per class,
// 3000 epochs. With the playground served (npx scratchnet playground --port 8080):
//   PLAYGROUND_URL=http://127.0.0.1:8080/ npx tsx test-browser/readme-screenshot.ts
import { openBrowser, openPlayground, playUntilDone } from './browser.ts';

const s = await openBrowser();
await s.page.setViewportSize({ width: 1440, height: 900 });
await openPlayground(s.page, process.env.Q ?? 'epochs=3000');
await playUntilDone(s.page, Number(process.env.E ?? 3000), 300_000);
await s.page.screenshot({ path: process.env.OUT ?? 'docs/images/playground.png', fullPage: true });
await s.close();
