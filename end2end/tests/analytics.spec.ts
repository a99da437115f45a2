import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { hydrated, logIn, owner } from "./helpers";

// The demo workspace has 18 months of metrics for two brands, and its insights are
// worked out by the job queue right after seeding.

test("the dashboard shows KPIs, charts and a sortable, exportable day table", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard · All brands" })).toBeVisible();
  await hydrated(page);
  const revenue = page.getByTestId("kpi-revenue");
  await expect(revenue.getByTestId("kpi-value")).toHaveText(/^\$[\d,]+$/);
  await expect(revenue).toContainText("vs previous period");
  await expect(page.getByTestId("chart-revenue-spend").locator("svg")).toBeVisible();
  await expect(page.getByTestId("chart-channels")).toContainText("Meta Ads");
  const allBrands = await revenue.getByTestId("kpi-value").textContent();

  // One brand, last 7 days: fewer days and a smaller revenue.
  await page.getByLabel("Brand").selectOption({ label: "Northwind Roasters" });
  await page.getByLabel("Range").selectOption("last_7_days");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard · Northwind Roasters" })).toBeVisible();
  await expect(page.getByTestId("days").locator("tbody tr")).toHaveCount(7);
  await expect(revenue.getByTestId("kpi-value")).not.toHaveText(allBrands ?? "");

  // The help popover says what ROAS is.
  await page.getByLabel("What is ROAS?").click();
  await expect(page.getByText("Return on ad spend")).toBeVisible();

  // Sort by revenue, highest first.
  await page.getByRole("link", { name: "Revenue", exact: true }).click();
  await expect(page).toHaveURL(/sort=revenue&dir=desc/);
  const cells = await page.getByTestId("days").locator("tbody tr td:nth-of-type(1)").allTextContents();
  const values = cells.map((c) => Number(c.replace(/[^\d.]/g, "")));
  expect([...values].sort((a, b) => b - a)).toEqual(values);

  // The CSV is what the table shows.
  const download = page.waitForEvent("download");
  await page.getByTestId("export-csv").click();
  const file = await download;
  const csv = readFileSync(await file.path(), "utf8");
  expect(csv.split("\n")[0]).toBe("date,revenue,orders,ad_spend,conversions,roas,cpa");
  expect(csv.trim().split("\n")).toHaveLength(8);

  // A reversed custom range is reported on its field, with the typed dates kept.
  await page.getByLabel("Range").selectOption("");
  await page.getByLabel("From", { exact: true }).fill("2026-03-10");
  await page.getByLabel("To", { exact: true }).fill("2026-03-01");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("The end date comes before the start date.")).toBeVisible();
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-03-10");
});

test("an insight leads to the chart that shows it, and can be marked read", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Insights" }).click();
  // The demo's roaster: CPA doubled in the last week.
  const cpa = page.locator('[data-type="high_cpa"]').first();
  await expect(cpa).toContainText("CPA rose");
  await expect(cpa).toContainText("Northwind Roasters");
  await expect(page.locator('[data-type="low_roas"]').first()).toBeVisible();
  await hydrated(page);

  await page.getByLabel("Priority").selectOption("low");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/priority=low/);
  await expect(page.getByTestId("insight").first()).toContainText("Low priority");
  await page.getByLabel("Priority").selectOption("");
  await page.getByRole("button", { name: "Filter" }).click();

  const card = page.locator('[data-type="high_cpa"]').first();
  await card.getByRole("button", { name: "Mark read" }).click();
  await expect(page.locator('[data-type="high_cpa"]').first().getByRole("button", { name: "Mark unread" })).toBeVisible();

  await page.locator('[data-type="high_cpa"]').first().getByTestId("insight-chart").click();
  await expect(page).toHaveURL(/\/dashboard\?brand=.*#chart-cpa$/);
  await expect(page.getByTestId("chart-cpa")).toBeInViewport();
});

test("the dashboard and insights pages pass axe", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  for (const path of ["/dashboard", "/insights"]) {
    await page.goto(path);
    await hydrated(page);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations, `${path}: ${JSON.stringify(results.violations, null, 1)}`).toEqual([]);
  }
});

test("a CSV with one bad row: the row is reported, the rest imported and on the dashboard", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Brands" }).click();
  await page.getByRole("link", { name: "Northwind Roasters" }).click();
  await expect(page.getByRole("heading", { name: "Import metrics from a CSV" })).toBeVisible();
  await hydrated(page);
  // Days long before the demo's eighteen months, so the figures are the file's own.
  const csv = "date,revenue,orders\n2024-01-01,1000.00,10\n2024-01-02,lots,12\n2024-01-03,500.00,5\n";
  await page.getByLabel("Choose a file").setInputFiles({ name: "january.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByLabel("…or paste the CSV")).toHaveValue(csv);
  await page.getByRole("button", { name: "Check the file" }).click();
  const preview = page.getByTestId("import-preview");
  await expect(preview).toContainText("2 rows ready (4 values from 2024-01-01 to 2024-01-03); 1 row rejected.");
  await expect(page.getByTestId("import-rejected")).toContainText("revenue: `lots` is not a number");
  await expect(page.getByTestId("import-rejected").locator("tbody td").first()).toHaveText("3");

  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByTestId("import-done")).toContainText("Imported 2 rows (4 values).");

  await page.getByTestId("import-done").getByRole("link", { name: "Open the dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard · Northwind Roasters" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Range").selectOption("");
  await page.getByLabel("From", { exact: true }).fill("2024-01-01");
  await page.getByLabel("To", { exact: true }).fill("2024-01-03");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("kpi-revenue").getByTestId("kpi-value")).toHaveText("$1,500");
  await expect(page.getByTestId("kpi-orders").getByTestId("kpi-value")).toHaveText("15");
});
