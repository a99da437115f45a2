import { expect, test } from "@playwright/test";
import { hydrated, logIn, owner } from "./helpers";



test("add a brand, fix what the form reports, edit it and archive it", async ({ page }) => {
  await logIn(page, owner.email, owner.password);

  await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Brands" }).click();
  await expect(page.getByTestId("brands")).toContainText("Northwind Roasters");
  await hydrated(page);
  const name = `Espresso Bar ${Date.now()}`;
  await page.getByLabel("Brand name").fill(name);
  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByRole("button", { name: "Add brand" }).click();
  await expect(page.getByText("Choose an IANA time zone")).toBeVisible();
  await expect(page.getByLabel("Brand name")).toHaveValue(name);

  await page.getByLabel("Time zone").fill("Europe/Lisbon");
  await page.getByLabel("Currency").selectOption("EUR");
  await page.getByRole("button", { name: "Add brand" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await hydrated(page);

  await page.getByLabel("Shop domain (optional)").fill("espresso.northwind.example");
  await page.getByRole("button", { name: "Save brand" }).click();
  await expect(page.getByTestId("toast")).toContainText("Brand saved");

  await page.getByText("Archive brand…").click();
  await page.getByRole("button", { name: "Yes, archive" }).click();
  await expect(page.getByRole("note")).toContainText("Archived");
  await expect(page.getByRole("button", { name: "Restore brand" })).toBeVisible();
});

test("the Jobs page lists the demo's insight runs", async ({ page }) => {
  await logIn(page, owner.email, owner.password);
  await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Jobs" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByTestId("tasks")).toContainText("generate insights");
});
