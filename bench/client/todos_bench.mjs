// Case-timeline benchmark: the scaled demo organisation (5,000 employees, 50,000 spells, and a
// signed absence conversation with one agreement on the newest case of every other employee:
// 2,500 conversation records) synced into headless Chromium as HR (who sees everyone), then, in
// the page's wasm, every case timeline of every spell (with its records) and every employee's
// alerts as of today, and the to-do list the home screen shows (App::measure_todos,
// window.naervaerMeasure). Prints a JSON summary.
//
//   node bench/client/todos_bench.mjs [--runs 5]    (from tests/e2e, after scripts/build.sh)
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demo, launchBrowser, repoRoot, startServer, waitForState } from '../../tests/e2e/lib/harness.js';
import { login } from '../../tests/e2e/lib/app.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const employees = 5000;
const spells = 50000;

const dataDir = mkdtempSync(path.join(tmpdir(), 'naervaer-todos-bench-'));
execFileSync(path.join(repoRoot, 'build/native/bench/server/naervaer-seed'),
  [dataDir, String(employees), String(spells)], { stdio: ['ignore', 'ignore', 'inherit'] });
const server = await startServer({ dataDir });
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForState(page, (s) => s.screen === 'login', { what: 'the login screen', timeout: 30000 });
  const syncStarted = Date.now();
  await login(page, demo.hr);
  // The whole organisation pulled: the to-do list then covers every employee.
  const s = await waitForState(page, (st) => st.screen === 'home' && st.last_sync !== null && st.pending === 0 &&
    st.employees_visible === employees, { what: 'the organisation synced', timeout: 300000 });
  const syncMs = Date.now() - syncStarted;
  const measured = JSON.parse(await page.evaluate((n) => window.naervaerMeasure(n), runs));
  console.log(JSON.stringify({
    ...measured,
    first_sync_ms: syncMs,
    todo_counts: { overdue: s.todos.overdue, this_week: s.todos.this_week, upcoming: s.todos.upcoming },
  }, null, 2));
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
