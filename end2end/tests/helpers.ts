// Shared by the browser tests: waiting for hydration, unique addresses, signing in.
import { expect, type Page } from "@playwright/test";

// The server seeds the demo workspace "Northwind Coffee" into the empty e2e
// database (AURA_DEMO_DATA defaults on in development); README lists these.
export const owner = { email: "owner@northwind.example", password: "demo-owner-espresso" };

export function uniqueEmail(who: string): string {
  return `${who}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@northwind.example`;
}

/** The frame's last island marks itself ready once the WASM has hydrated the
 * page's islands (they hydrate in document order; it comes last). */
export async function hydrated(page: Page) {
  // The island loader waits for the browser to be idle (requestIdleCallback); on a
  // loaded two-core machine that has taken more than the default 10 s.
  await expect(page.getByTestId("hydrated")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
}

export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** Logs out through the account menu in the header. */
export async function logOut(page: Page) {
  await page.getByTestId("user-menu").locator("summary").click();
  await page.getByRole("button", { name: "Log out" }).click();
}

/** The link in the newest outbox email to `to` (the outbox lists newest first). */
export async function emailedLink(page: Page, to: string): Promise<string> {
  await page.goto("/dev/outbox");
  const email = page.getByTestId("outbox").locator("li").filter({ hasText: `To ${to}` }).first();
  const href = await email.getByRole("link").first().getAttribute("href");
  expect(href).toBeTruthy();
  return href as string;
}
