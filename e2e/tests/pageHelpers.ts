import { inflateRawSync } from 'node:zlib';
// Shared by the specs: the page guards every test runs under, and the module editor's locators.
import { expect, test, type Page } from '@playwright/test';

/**
 * Registers, for the calling spec file, the checks every test ends with: no request left the
 * preview server (no CDN, fonts or telemetry) and no page or console error appeared (CSP
 * violations are console errors). Returns the URLs of the workers the page started.
 */
export function guardPage(opts: { goto?: boolean } = {}): { readonly workers: string[] } {
  const offOrigin: string[] = [];
  const pageErrors: string[] = [];
  const workers: string[] = [];
  test.beforeEach(async ({ page }) => {
    offOrigin.length = 0;
    pageErrors.length = 0;
    workers.length = 0;
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol === 'blob:' || u.protocol === 'data:') return;
      if (u.hostname !== '127.0.0.1') offOrigin.push(r.url());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    page.on('worker', (w) => workers.push(w.url()));
    if (opts.goto) await page.goto('/');
  });
  test.afterEach(() => {
    expect(offOrigin, 'requests that left 127.0.0.1').toEqual([]);
    expect(pageErrors, 'page errors and console errors (CSP violations)').toEqual([]);
  });
  return { workers };
}

export const editorSurface = (page: Page) => page.getByTestId('module-editor');
export const editorLines = (page: Page) => editorSurface(page).locator('.view-lines');

/** Replaces the open model's text; insertText bypasses Monaco's auto-closing brackets and quotes. */
export async function setCode(page: Page, code: string) {
  await editorLines(page).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

/**
 * The state a share link (`#v1.<base64url deflate-raw JSON>`) carries, read with Node's own zlib:
 * an independent reading of the link format. Null when the fragment is not a v1 link.
 */
export function readShareLink(hash: string): { step: number | null; lines: string[] } | null {
  const m = /^#?v1\.([A-Za-z0-9_-]*)$/.exec(hash);
  if (!m) return null;
  try {
    return JSON.parse(inflateRawSync(Buffer.from(m[1]!, 'base64url')).toString('utf8')) as {
      step: number | null;
      lines: string[];
    };
  } catch {
    return null;
  }
}
