import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { hydrated, logIn, owner } from "./helpers";

// The demo workspace has 18 months of metrics for two brands, and its insights are
// worked out by the job queue right after seeding.

test("the dashboard shows KPIs, charts and a sortable, exportable day table", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard · All brands" })).toBeVisible();
  await expect(page.getByTestId("sample-data")).toContainText("Sample data");
  await hydrated(page);
  const revenue = page.getByTestId("kpi-revenue");
  await expect(revenue.getByTestId("kpi-value")).toHaveText(/^\$[\d,]+$/);
  await expect(revenue).toContainText("vs previous period");
  await expect(page.getByTestId("chart-revenue-spend").locator("svg")).toBeVisible();
  await expect(page.getByTestId("chart-channels")).toContainText("Meta Ads");
  const allBrands = await revenue.getByTestId("kpi-value").textContent();

  // Choosing applies at once (no Apply needed with JavaScript), and the address
  // carries only what was chosen.
  await page.getByLabel("Brand").selectOption({ label: "Northwind Roasters" });
  await expect(page.getByRole("heading", { name: "Dashboard · Northwind Roasters" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Range").selectOption("last_7_days");
  await expect(page).toHaveURL(/\/dashboard\?brand=[0-9a-f-]+&preset=last_7_days$/);
  await expect(page.getByTestId("days").locator("tbody tr")).toHaveCount(7);
  await expect(revenue.getByTestId("kpi-value")).not.toHaveText(allBrands ?? "");

  // The help popover says what ROAS is.
  await page.getByLabel("What is ROAS?").click();
  await expect(page.getByText("Return on ad spend")).toBeVisible();

  // Newest day first; each column's first click sorts high to low, the second low
  // to high, and the heading says which.
  const days = page.getByTestId("days");
  const dateHeader = days.getByRole("columnheader", { name: /^Date/ });
  await expect(dateHeader).toHaveAttribute("aria-sort", "descending");
  const firstDates = await days.locator("tbody th").allTextContents();
  expect(new Date(firstDates[0]).getTime()).toBeGreaterThan(new Date(firstDates[6]).getTime());
  await dateHeader.getByRole("link").click();
  await expect(days.getByRole("columnheader", { name: /^Date/ })).toHaveAttribute("aria-sort", "ascending");
  expect(await days.locator("tbody th").first().textContent()).toBe(firstDates[6]);
  for (const [name, column] of [["Revenue", 1], ["Orders", 2], ["Ad spend", 3], ["Conversions", 4], ["ROAS", 5], ["CPA", 6]] as const) {
    const numbers = async () =>
      (await days.locator(`tbody tr td:nth-of-type(${column})`).allTextContents())
        .filter((c) => c !== "—")
        .map((c) => Number(c.replace(/[^\d.]/g, "")));
    await days.getByRole("link", { name: new RegExp(`^${name}`) }).click();
    await expect(days.getByRole("columnheader", { name: new RegExp(`^${name}`) })).toHaveAttribute("aria-sort", "descending");
    const high = await numbers();
    expect(high, name).toEqual([...high].sort((a, b) => b - a));
    await days.getByRole("link", { name: new RegExp(`^${name}`) }).click();
    await expect(days.getByRole("columnheader", { name: new RegExp(`^${name}`) })).toHaveAttribute("aria-sort", "ascending");
    const low = await numbers();
    expect(low, name).toEqual([...low].sort((a, b) => a - b));
  }
  await expect(page).toHaveURL(/sort=cpa&dir=asc/);

  // The CSV comes from the export endpoint, for the same filters.
  const exportLink = page.getByTestId("export-csv");
  await expect(exportLink).toHaveAttribute("href", /^\/api\/analytics\/export\?brand=.*&preset=last_7_days&table=days$/);
  const download = page.waitForEvent("download");
  await exportLink.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^aura-northwind-roasters-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await file.path(), "utf8");
  expect(csv.split("\n")[0]).toBe("date,revenue,orders,ad_spend,conversions,roas,cpa");
  expect(csv.trim().split("\n")).toHaveLength(8);

  // The channel table sorts and exports too.
  const channels = page.getByTestId("channels");
  await channels.getByRole("link", { name: /^Channel/ }).click();
  await expect(page.getByTestId("channels").getByRole("columnheader", { name: /^Channel/ })).toHaveAttribute("aria-sort", "descending");
  const channelDownload = page.waitForEvent("download");
  await page.getByTestId("export-channels").click();
  const channelCsv = readFileSync(await (await channelDownload).path(), "utf8");
  expect(channelCsv.split("\n")[0]).toBe("channel,spend,impressions,clicks,ctr,conversions,cpa");

  // Dates make the range custom; a reversed range is reported on its field, with
  // the typed dates kept.
  await page.getByLabel("From", { exact: true }).fill("2026-03-10");
  await page.getByLabel("To", { exact: true }).fill("2026-03-01");
  await page.getByRole("button", { name: "Apply dates" }).click();
  await expect(page.getByText("The end date comes before the start date.")).toBeVisible();
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-03-10");
  await expect(page.getByLabel("Range")).toHaveValue("custom");
});

test("presets, comparison and granularity are the person's choice", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.goto("/dashboard?preset=last_90_days");
  await hydrated(page);
  // Ninety days read by week; the person can ask for days.
  await expect(page.getByRole("heading", { name: "By week", exact: true })).toBeVisible();
  await expect(page.getByTestId("chart-roas")).toContainText("ROAS by week");
  await page.getByLabel("Show").selectOption("day");
  await expect(page.getByRole("heading", { name: "By day", exact: true })).toBeVisible();
  await expect(page.getByTestId("days").locator("tbody tr")).toHaveCount(90);
  await hydrated(page);
  // Comparing with last year changes what the cards say.
  await page.getByLabel("Compare with").selectOption("last_year");
  await expect(page.getByTestId("kpi-revenue")).toContainText("vs same period last year");
  await expect(page).toHaveURL(/preset=last_90_days&compare=last_year&granularity=day$/);
  // Month to date includes today, labelled as partial.
  await hydrated(page);
  await page.getByLabel("Range").selectOption("month_to_date");
  await expect(page.getByTestId("period")).toContainText("today so far");
  // Choosing a preset after a custom range leaves no dates in the address.
  await page.goto("/dashboard?from=2026-01-01&to=2026-01-31");
  await hydrated(page);
  await expect(page.getByLabel("Range")).toHaveValue("custom");
  await page.getByLabel("Range").selectOption("yesterday");
  await expect(page).toHaveURL(/\/dashboard\?preset=yesterday$/);
  await expect(page.getByTestId("period")).not.toContainText("2026-01");
});

test("chart labels are readable at 1280 pixels and every value is in the table", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, owner.email, owner.password);
  await page.goto("/dashboard?preset=last_30_days");
  for (const id of ["chart-revenue-spend", "chart-roas", "chart-channels"]) {
    const sizes = await page.getByTestId(id).locator("svg").evaluate((svg) => {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return [...svg.querySelectorAll("text")].map((t) => Number(t.getAttribute("font-size")) * scale);
    });
    expect(sizes.length, id).toBeGreaterThan(3);
    expect(Math.min(...sizes), id).toBeGreaterThanOrEqual(11);
  }
  // Money axes carry the currency; the legend sits beside the chart, not on it.
  await expect(page.getByTestId("chart-revenue-spend").locator("svg text").filter({ hasText: "$" }).first()).toBeAttached();
  await expect(page.getByTestId("chart-revenue-spend").getByRole("list", { name: "Legend" })).toContainText("Ad spend");
  await expect(page.getByTestId("days").locator("tbody tr")).toHaveCount(30);
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
  await page.getByLabel("From", { exact: true }).fill("2024-01-01");
  await page.getByLabel("To", { exact: true }).fill("2024-01-03");
  await page.getByRole("button", { name: "Apply dates" }).click();
  await expect(page.getByTestId("kpi-revenue").getByTestId("kpi-value")).toHaveText("$1,500");
  await expect(page.getByTestId("kpi-orders").getByTestId("kpi-value")).toHaveText("15");
});
