// Client benchmark: download size (raw and gzipped), time to the first interactive frame in
// headless Chromium beside a blank ImGui app built with the same flags (same run, alternating),
// and frames rendered per second by an idle tab. Prints a JSON summary.
//
//   node bench/client/client_bench.mjs [--runs 5]
import { readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startServer, launchBrowser, repoRoot } from '../../tests/e2e/lib/harness.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const web = path.join(repoRoot, 'build/wasm/web');
const blank = path.join(repoRoot, 'build/wasm/web-blank');

function sizes(dir, names) {
  const out = {};
  for (const name of names) {
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    const raw = statSync(file).size;
    const gz = existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : gzipSync(readFileSync(file), { level: 9 }).length;
    out[name] = { raw, gzip: gz };
  }
  const total = Object.values(out).reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip }), { raw: 0, gzip: 0 });
  return { files: out, total };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function firstFrame(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => typeof window.naervaerFirstFrame === 'number', null, { timeout: 30000 });
  const ms = await page.evaluate(() => window.naervaerFirstFrame);
  return { context, page, ms };
}

async function idleFps(page) {
  await page.waitForTimeout(1000); // let start-up work settle
  const before = await page.evaluate(() => window.naervaerFrames);
  await page.waitForTimeout(5000);
  const after = await page.evaluate(() => window.naervaerFrames);
  return (after - before) / 5;
}

const webFiles = ['naervaer.wasm', 'naervaer.js', 'noto-sans-regular.ttf', 'noto-sans-bold.ttf'];
const appServer = await startServer({ webRoot: 'build/wasm/web' });
const blankServer = await startServer({ webRoot: 'build/wasm/web-blank' });
const browser = await launchBrowser();
try {
  const app = [], plain = [];
  let idle = null;
  for (let i = 0; i < runs; i++) {
    // Alternate so that machine noise hits both alike.
    const b = await firstFrame(browser, `${blankServer.url}/`);
    plain.push(b.ms);
    await b.context.close();
    const a = await firstFrame(browser, `${appServer.url}/`);
    app.push(a.ms);
    if (i === runs - 1) idle = await idleFps(a.page);
    await a.context.close();
  }
  const result = {
    download: sizes(web, webFiles),
    first_frame_ms: { app: median(app), blank: median(plain), ratio: median(app) / median(plain), runs, app_all: app, blank_all: plain },
    idle_frames_per_second: idle,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await appServer.stop();
  await blankServer.stop();
}
