// Starts the real server (native build) on a free loopback port with a fresh SQLite file and
// the demo organisation, and Debian's Chromium through playwright-core. Nothing is mocked.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
export const artifactsDir = path.join(repoRoot, 'tests/e2e/artifacts');

export const demo = {
  admin: { email: 'admin@demo.naervaer.dk', password: 'demo-admin' },
  hr: { email: 'hr@demo.naervaer.dk', password: 'demo-hr' },
  leader: { email: 'leder@demo.naervaer.dk', password: 'demo-leder' },
};

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not become healthy');
}

// The builds under test: build/native (the server) and build/wasm/web (the page) unless
// NAERVAER_BUILD_DIR and NAERVAER_WEB_DIR name others (relative to the repository, or absolute),
// so a second build tree can be tested without touching the usual one.
export const nativeBuildDir = path.resolve(repoRoot, process.env.NAERVAER_BUILD_DIR || 'build/native');
export const webDir = path.resolve(repoRoot, process.env.NAERVAER_WEB_DIR || 'build/wasm/web');

// `dataDir`: a data folder prepared beforehand (a seeded database); it is removed on stop().
export async function startServer({ webRoot = webDir, extraArgs = [], dataDir: given } = {}) {
  const port = await freePort();
  const dataDir = given ?? mkdtempSync(path.join(tmpdir(), 'naervaer-e2e-'));
  const bin = path.join(nativeBuildDir, 'server/naervaer-server');
  const child = spawn(bin, ['--demo', '--quiet', '--port', String(port), '--bind', '127.0.0.1',
    '--data-dir', dataDir, '--web-root', path.resolve(repoRoot, webRoot), ...extraArgs],
  { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n${log}`);
  }
  return {
    url,
    dataDir,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  mkdirSync(artifactsDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
}

// The app's JSON read-out (window.naervaerState), or null before the wasm has started.
export async function appState(page) {
  const text = await page.evaluate(() => (typeof window.naervaerState === 'function' ? window.naervaerState() : null));
  return text ? JSON.parse(text) : null;
}

export async function waitForState(page, predicate, { timeout = 15000, what = 'state' } = {}) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    last = await appState(page);
    if (last && predicate(last)) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(last)}`);
}

// Clicks the centre of a named UI item, whose rectangle the app reports in its read-out
// (state.items[name] = [x, y, w, h] in CSS pixels). The click is a real mouse event.
export async function clickItem(page, name, options = {}) {
  const s = await waitForState(page, (st) => st.items && st.items[name], { what: `item ${name}` });
  const [x, y, w, h] = s.items[name];
  await page.mouse.click(x + Math.min(w / 2, 40), y + h / 2, options);
}

// Focuses a named text field with a click, selects what it holds and types over it.
export async function typeInto(page, name, text) {
  await clickItem(page, name);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text, { delay: 5 });
}
