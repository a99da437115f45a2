// A rejected form sent without JavaScript keeps everything that was typed (except
// passwords) after the page reloads: one form of each kind of field.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { owner, uniqueEmail } from "./helpers";

test.use({ javaScriptEnabled: false });

async function logInWithoutJs(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  return page;
}

test("text fields: sign-up keeps name, email and workspace, never the password", async ({ page }) => {
  const email = uniqueEmail("nojs");
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Noor Haddad");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Company or workspace name").fill("Haddad Ceramics");
  await page.getByLabel("Industry (optional)").fill("Pottery");
  await page.getByLabel("Time zone").fill("Asia/Amman");
  await page.getByRole("button", { name: "Create account" }).click();

  // Back on the sign-up page, its address clean: the outcome waited on the server.
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveValue("Noor Haddad");
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Company or workspace name")).toHaveValue("Haddad Ceramics");
  await expect(page.getByLabel("Industry (optional)")).toHaveValue("Pottery");
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Amman");
  await expect(page.getByLabel("Password")).toHaveValue("");
  expect(page.url()).not.toContain("short");
});

test("selects: a new brand keeps its currency, sync hour and the bad time zone", async ({ browser }) => {
  const page = await logInWithoutJs(browser);
  await page.goto("/brands");
  const name = `Tea Room ${Date.now()}`;
  await page.getByLabel("Brand name").fill(name);
  await page.getByLabel("Shop domain (optional)").fill("tea.northwind.example");
  await page.getByLabel("Currency").selectOption("EUR");
  await page.getByLabel("Daily sync hour").selectOption("9");
  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByRole("button", { name: "Add brand" }).click();

  await expect(page.getByText("Choose an IANA time zone")).toBeVisible();
  await expect(page.getByLabel("Brand name")).toHaveValue(name);
  await expect(page.getByLabel("Shop domain (optional)")).toHaveValue("tea.northwind.example");
  await expect(page.getByLabel("Currency")).toHaveValue("EUR");
  await expect(page.getByLabel("Daily sync hour")).toHaveValue("9");
  await expect(page.getByLabel("Time zone")).toHaveValue("Mars/Olympus");

  // Fixed and sent again, it is saved, and the form no longer shows the old input.
  await page.getByLabel("Time zone").fill("Europe/Lisbon");
  await page.getByRole("button", { name: "Add brand" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  expect(page.url()).not.toContain("__form");
  await page.context().close();
});

test("selects and text: the profile keeps the chosen page and the rejected avatar address", async ({ browser }) => {
  const page = await logInWithoutJs(browser);
  await page.goto("/settings/profile");
  await page.getByLabel("Open Aura on").selectOption("/insights");
  await page.getByLabel("Name").fill("Olivia Owens-Park");
  await page.getByLabel("Avatar URL (optional)").fill("not a web address");
  await page.getByRole("button", { name: "Save profile" }).click();

  await expect(page.getByText("Use a web address starting with https://")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Olivia Owens-Park");
  await expect(page.getByLabel("Avatar URL (optional)")).toHaveValue("not a web address");
  await expect(page.getByLabel("Open Aura on")).toHaveValue("/insights");
  await page.context().close();
});

test("text areas: a CSV with a bad header comes back to be fixed", async ({ browser }) => {
  const page = await logInWithoutJs(browser);
  await page.goto("/brands");
  await page.getByRole("link", { name: "Northwind Roasters" }).first().click();
  // It says plainly that the import itself needs JavaScript.
  await expect(page.getByTestId("import-needs-js")).toContainText("needs JavaScript");
  const csv = "day,revenue\n2026-03-01,1250.00";
  await page.getByLabel("…or paste the CSV").fill(csv);
  await page.getByRole("button", { name: "Check the file" }).click();

  await expect(page.getByText("The first column must be `date`.")).toBeVisible();
  await expect(page.getByLabel("…or paste the CSV")).toHaveValue(csv);
  // The error is not in the address: a reload shows the form clean.
  expect(page.url()).not.toContain("__err");
  await page.reload();
  await expect(page.getByText("The first column must be `date`.")).toHaveCount(0);
  await page.context().close();
});
