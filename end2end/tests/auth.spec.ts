import { expect, type Page, test } from "@playwright/test";
import { hydrated, uniqueEmail, logOut } from "./helpers";

const password = "blue otter roasting";



async function signUp(page: Page, email: string) {
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Your name").fill("Ana Lopez");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Company or workspace name").fill("Northwind Coffee");
  await page.getByLabel("Time zone").fill("Europe/Lisbon");
  await page.getByLabel("Currency").fill("EUR");
  await page.getByRole("button", { name: "Create account" }).click();
}

test("sign up, land in the new workspace, log out, and log in again", async ({ page }) => {
  const email = uniqueEmail("ana");
  await signUp(page, email);
  await expect(page).toHaveURL(/\/$/);
  // A new workspace lands on Home with its getting-started checklist.
  await expect(page.getByRole("heading", { name: "Get started" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add a brand" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText("Ana Lopez");
  await expect(page.getByTestId("signed-in-as")).toContainText("Northwind Coffee (Owner)");

  await logOut(page);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Log in to Aura" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong password entirely");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("That email and password do not match.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText("Northwind Coffee (Owner)");
});

test("sign-up problems are shown next to their fields and keep what was typed", async ({ page }) => {
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Your name").fill("Ben Ortiz");
  await page.getByLabel("Email").fill("ben-at-northwind");
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Company or workspace name").fill("Northwind Coffee");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An email address needs an @")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Your name")).toHaveValue("Ben Ortiz");
  await expect(page.getByLabel("Company or workspace name")).toHaveValue("Northwind Coffee");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("logging in works as a plain form", async ({ browser }) => {
    const email = uniqueEmail("cy");
    const withJs = await browser.newPage({ javaScriptEnabled: true });
    await signUp(withJs, email);
    await expect(withJs.getByTestId("signed-in-as")).toBeVisible();
    await withJs.close();

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("signed-in-as")).toContainText("Ana Lopez");
    await context.close();
  });

  test("a wrong password is explained after the page reloads", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("nobody@northwind.example");
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByText("That email and password do not match.")).toBeVisible();
  });
});
