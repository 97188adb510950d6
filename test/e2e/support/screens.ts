import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from './harness.ts';

/** Today as the browser (Europe/Paris) sees it, `yyyy-mm-dd`. */
export function parisToday(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the week before the one of `today`. */
export function lastMonday(today: string): string {
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(today, -weekday - 7);
}

/** `dd/mm/yyyy`. */
export const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Waits for the screen whose title is `name`. */
export const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

/** The DSFR modal open on screen. */
export const modal = (page: Page): Locator => page.locator('dialog.fr-modal[open]');

/**
 * Clicks a button that opens a DSFR modal until the modal shows. DSFR's script binds a modal's button a moment
 * after React renders it; on a loaded machine a click can come first and open nothing.
 */
export async function openModal(button: Locator, dialog: Locator): Promise<void> {
  await expect
    .poll(
      async () => {
        if (!(await dialog.isVisible())) await button.click({ timeout: 2000 }).catch(() => undefined);
        return dialog.isVisible();
      },
      { timeout: 30_000, interval: 1000 },
    )
    .toBe(true);
}

/** Waits for the modal's fade-in to end, so that axe reads its colours as the user sees them. */
export async function modalShown(page: Page): Promise<void> {
  await expect.poll(() => modal(page).evaluate((dialog) => getComputedStyle(dialog).opacity)).toBe('1');
}

/** The group of the field whose label starts with `label`: DSFR puts the field's message in it. */
export const fieldGroup = (page: Page, label: string) =>
  page.locator('.fr-input-group, .fr-select-group', { has: page.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}`)) });

/** Replaces the print dialog with a counter the test can read. */
export async function stubPrint(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const counter = window as unknown as { printed: number };
    counter.printed = 0;
    window.print = () => {
      counter.printed += 1;
    };
  });
  return () => page.evaluate(() => (window as unknown as { printed: number }).printed);
}

/**
 * The document as printed: the width of an A4 page inside its 15 mm margins (180 × 267 mm at 96 dpi), print
 * styles, a screenshot, and the PDF Chromium makes of it; returns its number of pages.
 */
export async function printed(page: Page, name: string): Promise<number> {
  await page.setViewportSize({ width: 680, height: 1009 });
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, name);
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1400, height: 900 });
  return pdf.match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
}
