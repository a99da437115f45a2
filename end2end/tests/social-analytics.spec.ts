// Social analytics in the browser, on the demo's 90 days of figures: the
// workspace's followers, engagement and top posts next to the previous period;
// one account's best time to post; the CSV of the period; a campaign's
// engagement; and the composer's best-time line.
import { expect, test } from "@playwright/test";
import { logIn, owner } from "./helpers";

test("read the social analytics, choose an account and see its best time to post", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.goto("/");
  await page.getByRole("link", { name: "Social analytics" }).click();
  await expect(page).toHaveURL(/\/analytics\/social$/);
  await expect(page.getByRole("heading", { name: "Social analytics" })).toBeVisible();
  await expect(page.getByTestId("social-range")).toContainText("previous:");
  await expect(page.getByTestId("social-range")).toContainText("sample data");
  expect(Number(await page.getByTestId("kpi-posts").textContent())).toBeGreaterThan(0);
  expect(Number((await page.getByTestId("kpi-followers").textContent())?.trim())).toBeGreaterThan(1000);
  await expect(page.getByTestId("kpi-rate")).toContainText("%");
  await expect(page.locator("#followers-chart-title + div svg")).toBeVisible();
  await expect(page.getByTestId("top-posts").locator("li").first()).toContainText("engagements");
  await expect(page.getByTestId("by-platform")).toContainText("Facebook");

  // The period's CSV.
  const csv = await page.request.get(
    (await page.getByTestId("export-social").getAttribute("href")) as string,
  );
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toBe(
    "date,posts,engagement,impressions,reach,engagement_rate_percent,follower_growth,followers",
  );
  expect(lines.length).toBe(31);

  // One account over the last 90 days: its best time to post.
  await page.getByLabel("Account").selectOption({ label: "Facebook · Northwind Coffee" });
  await page.getByLabel("Period").selectOption("last_90_days");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/account=[0-9a-f-]{36}/);
  await expect(page.getByTestId("best-time")).toContainText("measured posts of the last 90 days");
  await expect(page.getByTestId("best-slots").locator("li").first()).toContainText(":00");
  await expect(page.getByTestId("next-free")).toBeVisible();

  // A campaign's page counts what its posts earned.
  await page.goto("/campaigns");
  await page.getByRole("link", { name: "Holiday Blend Launch" }).click();
  expect(Number(await page.getByTestId("campaign-engagement").textContent())).toBeGreaterThan(0);

  // The composer says it too.
  await page.goto("/posts/new");
  await expect(page.getByTestId("best-time-hint").first()).toContainText("Best time for");
});
