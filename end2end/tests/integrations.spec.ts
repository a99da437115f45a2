import { expect, test } from "@playwright/test";
import { hydrated, logIn, owner } from "./helpers";

// The server runs with Google configured against end2end/mock-platforms.mjs (a mock
// Google OAuth server and Google Ads API that reports 100.00 of spend a day);
// Shopify and Meta are not configured.

async function googleAdsSpendLast7Days(page: import("@playwright/test").Page, brandId: string) {
  await page.goto(`/dashboard?brand=${brandId}&preset=last_7_days`);
  await expect(page.getByRole("heading", { name: "Dashboard · Northwind Roasters" })).toBeVisible();
  const row = page.getByTestId("channels").getByRole("row", { name: /Google Ads/ });
  const spend = await row.locator("td").first().textContent();
  const chart = await page.getByTestId("chart-channels").locator("svg").innerHTML();
  return { spend, chart };
}

test("connect Google Ads through its OAuth consent, sync now, and see the dashboard change", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Brands" }).click();
  await page.getByRole("link", { name: "Northwind Roasters" }).click();
  await expect(page.getByRole("heading", { name: "Northwind Roasters" })).toBeVisible();
  const brandId = page.url().split("/brands/")[1].split(/[?#]/)[0];

  const before = await googleAdsSpendLast7Days(page, brandId);
  expect(before.spend).not.toBe("$700");

  await page.goto(`/brands/${brandId}`);
  await hydrated(page);
  // Unconfigured platforms say what to set.
  const shopify = page.getByTestId("source-shopify");
  await expect(shopify.getByTestId("not-configured")).toContainText("Ask your administrator to set up Shopify");
  await expect(shopify.getByTestId("not-configured")).not.toContainText("AURA_");
  const ads = page.getByTestId("source-google_ads");
  await expect(ads.getByTestId("status-google_ads")).toHaveText("Not connected");
  await expect(ads).toContainText("Demo data");

  // A customer id in the wrong shape is reported on the field and kept.
  await ads.getByLabel("Customer ID").fill("123-456");
  await ads.getByRole("button", { name: "Connect" }).click();
  await expect(ads.getByText("Enter the 10-digit customer ID")).toBeVisible();
  await expect(ads.getByLabel("Customer ID")).toHaveValue("123-456");

  // The full redirect: Aura → the mock Google consent page → back with a code.
  await ads.getByLabel("Customer ID").fill("123-456-7890");
  await ads.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByRole("heading", { name: /Mock Google/ })).toBeVisible();
  expect(page.url()).toContain("code_challenge_method=S256");
  await page.getByRole("link", { name: "Allow" }).click();
  await expect(page).toHaveURL(new RegExp(`/brands/${brandId}#integrations$`));
  await hydrated(page);
  const connected = page.getByTestId("source-google_ads");
  await expect(connected.getByTestId("status-google_ads")).toHaveText("Connected");
  await expect(connected.getByTestId("account")).toHaveText("Roasters Search Ads (123-456-7890)");
  // The first sync starts by itself; the page follows it without a reload.
  await expect(connected.getByTestId("sync-progress")).toContainText("Last sync finished: Synced 90 days", { timeout: 20_000 });

  // Sync now re-reads the days since 3 days before the last sync (platforms revise
  // recent days): queued, then finished, with the log growing.
  await connected.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByTestId("toast")).toContainText("Sync queued");
  await expect(connected.getByTestId("sync-progress")).toContainText("Last sync finished: Synced 4 days", { timeout: 20_000 });
  await connected.getByText(/Connection log/).click();
  await expect(connected.getByText(/^Synced 4 days \(/)).toBeVisible();
  await expect(connected.getByText(/^Synced 90 days \(/)).toBeVisible();
  await expect(connected.getByText("Sync requested.")).toBeVisible();

  // The dashboard now shows the synced spend: 7 days × 100.00, and a different chart.
  const after = await googleAdsSpendLast7Days(page, brandId);
  expect(after.spend).toBe("$700");
  expect(after.chart).not.toBe(before.chart);
});

test("declining on the consent page changes nothing and says so", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Brands" }).click();
  await page.getByRole("link", { name: "Northwind Cold Brew" }).click();
  await hydrated(page);
  const ga4 = page.getByTestId("source-google_analytics");
  await ga4.getByLabel("Property ID").fill("412345678");
  await ga4.getByRole("button", { name: "Connect" }).click();
  await page.getByRole("link", { name: "Cancel" }).click();
  await hydrated(page);
  const card = page.getByTestId("source-google_analytics");
  await expect(card.getByTestId("status-google_analytics")).toHaveText("Error");
  await expect(card.getByTestId("reason")).toContainText("Access was not granted on Google Analytics 4");
});
