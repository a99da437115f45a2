import { expect, type Page, test } from "@playwright/test";

const owner = { email: "owner@northwind.example", password: "demo-owner-espresso" };

async function hydrated(page: Page) {
  await expect(page.getByTestId("theme-toggle")).toHaveAttribute("data-ready", "true");
}

test("add a brand, fix what the form reports, edit it and archive it", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

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
  await expect(page.getByTestId("toasts")).toContainText("Brand saved");

  await page.getByText("Archive brand…").click();
  await page.getByRole("button", { name: "Yes, archive" }).click();
  await expect(page.getByRole("note")).toContainText("Archived");
  await expect(page.getByRole("button", { name: "Restore brand" })).toBeVisible();
});

test("the Jobs page explains an empty queue", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Jobs" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByTestId("no-tasks")).toBeVisible();
});
